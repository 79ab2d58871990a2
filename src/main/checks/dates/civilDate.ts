// Civil dates (YYYY-MM-DD) as the standard counts them: calendar days in Asia/Shanghai, never instants.
// Arithmetic runs on UTC midnights so the machine's own timezone cannot shift a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isValidCivilDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatCivilDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses `YYYY-MM-DD`; throws on anything else so a bad --as-of never silently becomes "today". */
export function parseCivilDate(date: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m || !isValidCivilDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new Error(`Invalid civil date (expected YYYY-MM-DD): ${date}`);
  }
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function toEpochDay(date: string): number {
  const { year, month, day } = parseCivilDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromEpochDay(epochDay: number): string {
  const d = new Date(epochDay * DAY_MS);
  return formatCivilDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar months back, clamped to the month's last day (2024-08-31 minus 6 months = 2024-02-29). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseCivilDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return formatCivilDate(y, m, Math.min(day, last));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Weekday of a civil date: 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toEpochDay(date) * DAY_MS).getUTCDay();
}

/** Today's civil date in Asia/Shanghai (the default --as-of). */
export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
