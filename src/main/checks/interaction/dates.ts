// Dates as government pages print them (2023-10-11, 2023/10/11, 2023.10.11, 2023年10月11日) and the
// calendar arithmetic the pack's windows need ("3 months", "1 year"), on YYYY-MM-DD strings.

const DATE = /(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/g;

function iso(y: string, m: string, d: string): string | null {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Every date in `text`, in order, as YYYY-MM-DD. */
export function datesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DATE)) {
    const date = iso(m[1], m[2], m[3]);
    if (date) out.push(date);
  }
  return out;
}

/** The first date printed after one of `labels` (e.g. 留言时间：2023-01-02), or null. */
export function labelledDate(text: string, labels: readonly string[]): string | null {
  for (const label of labels) {
    const at = text.indexOf(label);
    if (at < 0) continue;
    const after = text.slice(at + label.length, at + label.length + 40);
    const date = datesIn(after)[0];
    if (date) return date;
  }
  return null;
}

/** A window of the rule pack: calendar months and/or days. */
export interface Period {
  months?: number;
  days?: number;
}

/** `date` moved by `period` (negative = back), month ends clamped (03-31 − 1 month = 02-28). */
export function shiftDate(date: string, period: Period, sign: 1 | -1 = 1): string {
  const [y, m, d] = date.split('-').map(Number);
  const months = y * 12 + (m - 1) + sign * (period.months ?? 0);
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const moved = new Date(Date.UTC(year, month, Math.min(d, lastDay)) + sign * (period.days ?? 0) * 86_400_000);
  return moved.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function describePeriod(period: Period): string {
  const parts: string[] = [];
  if (period.months) parts.push(period.months % 12 === 0 ? `${period.months / 12}年` : `${period.months}个月`);
  if (period.days) parts.push(`${period.days}天`);
  return parts.join('') || '0天';
}
