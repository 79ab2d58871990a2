// Working days for the "个工作日" rules, from the State Council's annual holiday notices kept as data
// (resources/calendar/cn-holidays.json): holidays are days off, 调休 weekends are working days.
import { z } from 'zod';
import { addDays, weekday } from '../checks/dates/civilDate.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const calendarSchema = z.object({
  note: z.string().optional(),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({
      notice: z.string().min(1),
      seen: z.string().optional(),
      holidays: z.array(isoDate),
      workdays: z.array(isoDate),
    }),
  ),
});

export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  /** Years with a notice; outside them Monday–Friday is assumed (and scoring says so). */
  years: readonly number[];
}

export function parseWorkCalendar(json: unknown): WorkCalendar {
  const parsed = calendarSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid holiday calendar at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const years = Object.values(parsed.data.years);
  return {
    holidays: new Set(years.flatMap((y) => y.holidays)),
    workdays: new Set(years.flatMap((y) => y.workdays)),
    years: Object.keys(parsed.data.years).map(Number).sort(),
  };
}

/** Monday–Friday only: what is assumed without a notice for the year. */
export const WEEKDAYS_ONLY: WorkCalendar = { holidays: new Set(), workdays: new Set(), years: [] };

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.holidays.has(date)) return false;
  if (calendar.workdays.has(date)) return true;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/** The n-th working day after `date` (n < 0: before it). */
export function addWorkingDays(date: string, n: number, calendar: WorkCalendar): string {
  const step = n < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(n); left > 0;) {
    d = addDays(d, step);
    if (isWorkingDay(d, calendar)) left -= 1;
  }
  return d;
}
