// How report values are worded. Every date is shown in Asia/Shanghai, whatever the machine's timezone.

const SHANGHAI_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

// China has kept UTC+8 without daylight saving since 1992. From then on the wall clock is plain arithmetic, which
// matters for a workbook of 10,000 dated rows (Intl's formatToParts costs tens of microseconds a call).
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
// toISOString writes a six-digit year from 10000 on.
const FOUR_DIGIT_YEARS_END = Date.UTC(9999, 11, 31);

function shanghaiParts(iso: string): Record<string, string> | null {
  const at = new Date(iso);
  const ms = at.getTime();
  if (Number.isNaN(ms)) return null;
  if (ms >= FIXED_OFFSET_SINCE && ms < FOUR_DIGIT_YEARS_END) {
    const wall = new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
    return {
      year: wall.slice(0, 4),
      month: wall.slice(5, 7),
      day: wall.slice(8, 10),
      hour: wall.slice(11, 13),
      minute: wall.slice(14, 16),
      second: wall.slice(17, 19),
    };
  }
  return Object.fromEntries(SHANGHAI_PARTS.formatToParts(at).map((p) => [p.type, p.value]));
}

/** `2026-12-01 09:30` in Asia/Shanghai; the input unchanged when it is not a date. */
export function shanghaiDateTime(iso: string, withSeconds = false): string {
  const p = shanghaiParts(iso);
  if (!p) return iso;
  const time = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day} ${time}`;
}

/** `2026年12月1日` from YYYY-MM-DD or an ISO instant (公文 dates use Arabic numerals, GB/T 9704-2012). */
export function chineseDate(dateOrIso: string): string {
  const ymd = /^\d{4}-\d{2}-\d{2}$/.test(dateOrIso)
    ? dateOrIso
    : (shanghaiDateTime(dateOrIso).split(' ')[0] ?? dateOrIso);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return dateOrIso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

export function percent(ratio: number, digits = 2): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function yesNo(value: boolean): '是' | '否' {
  return value ? '是' : '否';
}

/** The final score as the standard adds it up: deductions part plus bonus; null once a veto applies. */
export function totalScore(score: number | null, bonus: number): number | null {
  return score === null ? null : Math.round((score + bonus) * 100) / 100;
}

/** Marks a rule item whose wording could not be fully verified against the official text. */
export function verificationNote(status: string | undefined): string {
  if (status === 'PARTIAL') return '（依据部分核实）';
  if (status === 'UNVERIFIED') return '（依据未核实）';
  return '';
}
