// 节假日日历: the State Council's yearly holiday notices behind the scoring's working-day windows. The
// bundled file (resources/calendar/cn-holidays.json) ships with the program; a year entered in the app
// (typed, or imported from a text/CSV file) is stored in the workspace and replaces the bundled year of
// the same number (checkEnvironment.workspaceCalendar merges them for the scoring).
import fs from 'node:fs';
import path from 'node:path';
import type { CalendarYearInput, CalendarYearView } from '../../shared/api.js';
import { AppError } from '../../shared/errors.js';
import { formatCivilDate, isValidCivilDate, weekday } from '../checks/dates/civilDate.js';
import { decodeCsv } from '../ledger/readTable.js';
import {
  bundledCalendarYears,
  CALENDAR_KEY,
  workspaceCalendarYears,
  type CalendarYear,
} from '../resources/checkEnvironment.js';
import type { Workspace } from '../store/workspace.js';

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function calendarView(ws: Workspace, resourcesDir: string): CalendarYearView[] {
  const bundled = bundledCalendarYears(resourcesDir);
  const entered = workspaceCalendarYears(ws);
  const years = [...new Set([...Object.keys(bundled), ...Object.keys(entered)])].sort();
  return years.map((year) => {
    const own = entered[year];
    return {
      year,
      ...(own ?? bundled[year]),
      source: own ? 'workspace' : 'bundled',
      replacesBundled: own !== undefined && bundled[year] !== undefined,
    };
  });
}

/** The year's dates checked, without repeats and in order; an AppError names the first wrong date. */
function checkedYear(input: CalendarYearInput): CalendarYear {
  const clean = (dates: string[], kind: string) =>
    [...new Set(dates)].sort().map((date) => {
      const [y, m, d] = date.split('-').map(Number);
      if (!isValidCivilDate(y, m, d))
        throw new AppError('bad-input', `calendar: invalid date ${date}`, `${kind}“${date}”不是有效日期。`);
      if (String(y) !== input.year)
        throw new AppError(
          'bad-input',
          `calendar: ${date} outside ${input.year}`,
          `${kind}“${date}”不在 ${input.year} 年内，请放到对应年份。`,
        );
      return date;
    });
  const holidays = clean(input.holidays, '放假日期');
  const workdays = clean(input.workdays, '调休上班日期');
  if (holidays.length === 0)
    throw new AppError(
      'bad-input',
      `calendar: ${input.year} has no holidays`,
      `${input.year} 年至少要有一个放假日期（按国务院办公厅当年的放假通知填写）。`,
    );
  const both = holidays.find((date) => workdays.includes(date));
  if (both)
    throw new AppError(
      'bad-input',
      `calendar: ${both} is both a holiday and a workday`,
      `${both} 同时列为放假和调休上班，请删去其中一处。`,
    );
  // A 调休 working day is always a weekend day: a weekday here is a typing mistake.
  const weekdayWork = workdays.find((date) => weekday(date) !== 0 && weekday(date) !== 6);
  if (weekdayWork)
    throw new AppError(
      'bad-input',
      `calendar: workday ${weekdayWork} is a weekday`,
      `${weekdayWork} 是${WEEKDAY_NAMES[weekday(weekdayWork)]}，本来就是工作日，调休上班日应是周六或周日，请核对日期。`,
    );
  return { notice: input.notice, holidays, workdays };
}

function storeYears(ws: Workspace, years: CalendarYearInput[]): void {
  const entered = { ...workspaceCalendarYears(ws) };
  for (const year of years) entered[year.year] = checkedYear(year);
  ws.settings.set(CALENDAR_KEY, entered);
}

export function saveCalendarYear(
  ws: Workspace,
  resourcesDir: string,
  input: CalendarYearInput,
): CalendarYearView[] {
  storeYears(ws, [input]);
  return calendarView(ws, resourcesDir);
}

/** Drops a year entered in the app: the bundled notice for that year (if any) applies again. */
export function removeCalendarYear(ws: Workspace, resourcesDir: string, year: string): CalendarYearView[] {
  const entered = { ...workspaceCalendarYears(ws) };
  if (!entered[year])
    throw new AppError(
      'not-found',
      `calendar: ${year} was not entered in the app`,
      `${year} 年不是在本程序中录入的，程序自带的年份不能删除，可录入同一年份加以更正。`,
    );
  delete entered[year];
  ws.settings.set(CALENDAR_KEY, entered);
  return calendarView(ws, resourcesDir);
}

const HOLIDAY_WORDS = new Set(['放假', '休', '休息', '假']);
const WORKDAY_WORDS = new Set(['上班', '班', '补班', '调休上班']);
const NOTICE_WORD = '通知';
const HEADER_WORDS = new Set(['日期', 'date']);

/** 2027-01-01, 2027/1/1 or 2027年1月1日 as YYYY-MM-DD; null when it is none of them. */
function normalisedDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidCivilDate(y, mo, d) ? formatCivilDate(y, mo, d) : null;
}

/**
 * Reads a holiday list a person can type or save from Excel: one day a line, `日期,类型` with the type
 * 放假 (or 休) or 上班 (or 班, 补班); an optional line `通知,<name of the notice>`; blank lines, `#`
 * comments and a header line are skipped. Comma, tab, Chinese comma or space separate the two fields.
 * Returns one entry per year found, with `fallbackNotice` where the text names none.
 */
export function parseCalendarText(text: string, fallbackNotice: string): CalendarYearInput[] {
  let notice: string | null = null;
  const years = new Map<string, { holidays: string[]; workdays: string[] }>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line || line.startsWith('#')) return;
    // Split at the first separator only: a notice's name may hold commas and spaces.
    const [, first, rest] = /^("[^"]*"|[^,，\t ]+)\s*[,，\t ]?\s*(.*)$/.exec(line) ?? [line, line, ''];
    const field = (s: string) => s.replace(/^"(.*)"$/, '$1').trim();
    const key = field(first);
    const value = field(rest);
    if (key === NOTICE_WORD) {
      notice = value || null;
      return;
    }
    if (HEADER_WORDS.has(key.toLowerCase())) return;
    const date = normalisedDate(key);
    const where = `第 ${index + 1} 行“${line}”`;
    if (!date)
      throw new AppError(
        'bad-input',
        `calendar import: line ${index + 1} has no valid date`,
        `${where}的日期无法识别：日期请写作 2027-01-01 的形式。`,
      );
    const kind = HOLIDAY_WORDS.has(value) ? 'holidays' : WORKDAY_WORDS.has(value) ? 'workdays' : null;
    if (!kind)
      throw new AppError(
        'bad-input',
        `calendar import: line ${index + 1} has type "${value}"`,
        `${where}的类型应为“放假”或“上班”。`,
      );
    const year = date.slice(0, 4);
    const entry = years.get(year) ?? { holidays: [], workdays: [] };
    entry[kind].push(date);
    years.set(year, entry);
  });
  if (years.size === 0)
    throw new AppError(
      'bad-input',
      'calendar import: no dates',
      '文件中没有找到日期：每行写一个日期和类型，例如“2027-01-01,放假”或“2027-02-06,上班”。',
    );
  return [...years].map(([year, days]) => ({ year, notice: notice ?? fallbackNotice, ...days }));
}

/** Imports every year of a text/CSV file (UTF-8 or GBK); each replaces what was entered for that year. */
export function importCalendar(ws: Workspace, resourcesDir: string, file: string): CalendarYearView[] {
  let text: string | null;
  try {
    text = decodeCsv(fs.readFileSync(file));
  } catch (error) {
    throw new AppError(
      'bad-input',
      `cannot read calendar file ${file}: ${(error as Error).message}`,
      '无法读取该文件：请确认文件存在，且是文本或 CSV 文件。',
    );
  }
  if (text === null)
    throw new AppError(
      'bad-input',
      `calendar file ${file} is binary`,
      '该文件不是文本文件：请在 Excel 中“另存为 CSV”，或用记事本按“日期,类型”逐行填写。',
    );
  storeYears(ws, parseCalendarText(text, `从文件“${path.basename(file)}”导入`));
  return calendarView(ws, resourcesDir);
}
