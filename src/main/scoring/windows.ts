// A pack window (14 days, 6 months, 1 year, 3 working days) applied to a civil date.
import { addDays, addMonths } from '../checks/dates/civilDate.js';
import type { Window } from './rulePack.js';
import { addWorkingDays, type WorkCalendar } from './workCalendar.js';

/** `date` moved by the window, forwards (+1: a reply deadline) or backwards (-1: a window's first day). */
export function shiftByWindow(
  date: string,
  window: Window,
  direction: 1 | -1,
  calendar: WorkCalendar,
): string {
  if (window.days !== undefined) return addDays(date, direction * window.days);
  if (window.months !== undefined) return addMonths(date, direction * window.months);
  if (window.years !== undefined) return addMonths(date, direction * 12 * window.years);
  return addWorkingDays(date, direction * (window.workingDays ?? 0), calendar);
}

/**
 * First day that still counts as "within the window before as-of": an item dated on it or later, up to
 * as-of, is an update (14 days before 2023-10-11 is 2023-09-27).
 */
export function windowStart(asOf: string, window: Window, calendar: WorkCalendar): string {
  return shiftByWindow(asOf, window, -1, calendar);
}

export function isWithin(date: string | null, asOf: string, window: Window, calendar: WorkCalendar): boolean {
  return date !== null && date <= asOf && date >= windowStart(asOf, window, calendar);
}

export function describeWindow(window: Window): string {
  if (window.days !== undefined) return `${window.days}天`;
  if (window.months !== undefined) return `${window.months}个月`;
  if (window.years !== undefined) return `${window.years}年`;
  return `${window.workingDays}个工作日`;
}
