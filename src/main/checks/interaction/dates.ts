// Dates as message and activity lists print them (2023-10-11, 2023/10/11, 2023.10.11, 2023年10月11日):
// every date of a row in order (question, then reply). Windows are the rule pack's, applied in scoring.

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

/**
 * The date printed after one of `labels` (e.g. 留言时间：2023-01-02), or null. The value ends where the
 * next label (`stops`) begins: an empty 回复时间 cell must not borrow the date of the field after it.
 */
export function labelledDate(
  text: string,
  labels: readonly string[],
  stops: readonly string[] = [],
): string | null {
  for (const label of labels) {
    const at = text.indexOf(label);
    if (at < 0) continue;
    let after = text.slice(at + label.length, at + label.length + 40);
    for (const stop of stops) {
      const end = after.indexOf(stop);
      if (end >= 0) after = after.slice(0, end);
    }
    const date = datesIn(after)[0];
    if (date) return date;
  }
  return null;
}
