// The publish date of one list row or one page field, in the formats Chinese government sites print.
// Only the row's own text is searched (issue 4: the date belongs to its item, not to the nearest number
// on the page); the article URL is a low-confidence fallback.
import { formatCivilDate, isValidCivilDate, parseCivilDate } from './civilDate.js';

export interface ExtractedDate {
  /** YYYY-MM-DD, a civil date in Asia/Shanghai. */
  date: string;
  /** 'low' when the date only comes from the URL (a directory or file name, not a printed date). */
  confidence: 'high' | 'low';
  /** The text the date was read from. */
  raw: string;
}

export interface ExtractDateOptions {
  /** The inspection's "today": a month-day later than this belongs to the previous year. */
  asOf: string;
  /** The item's link, read only when the text has no date. */
  url?: string | null;
  /** The item's title: dates inside it (关于2024年5月1日起…) are not its publish date. */
  title?: string | null;
}

/** Sites earlier than this did not exist: a smaller "year" is a number of something else. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

// Numbers that look like dates and are not (replaced by spaces before matching, keeping offsets).
const NOT_DATES: RegExp[] = [
  // 文号: 宜府发〔2023〕5号, [2024]5号, 【2024】第3号, and the bracketed year alone.
  /[〔[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*(?:第\s*)?(?:\d+\s*号)?/g,
  // 公报 numbers: 2007年第23号, 2024年第5期.
  /\d{4}\s*年\s*第\s*\d+\s*[号期]/g,
  // Telephone numbers: 0795-3999999, (0310)3333333, 400-123-4567, mobiles.
  /(?<!\d)(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[-\s]?\d{7,8}(?!\d)/g,
  /(?<!\d)[48]00-?\d{3}-?\d{4}(?!\d)/g,
  /(?<!\d)1[3-9]\d{9}(?!\d)/g,
  // Version numbers and IPv4 addresses: V2.10.3, 1.2.3.4.
  /[vV](?:ersion)?\s*\d+(?:\.\d+)+/g,
  /(?<![\d.])\d+\.\d+\.\d+\.\d+(?![\d.])/g,
];

// Labels that introduce a date which is not the publish date.
const OTHER_DATE_LABELS = '生成|打印|截止|访问|留言|答复|回复|办理|开始|结束|有效';

type Rank = 'labelled' | 'ymd' | 'ymd-cn' | 'md-bracket' | 'md' | 'md-cn';

interface Pattern {
  rank: Rank;
  re: RegExp;
  /** Capture group indexes of year (0 when the pattern has none), month and day. */
  groups: [number, number, number];
}

// Strongest evidence first; within one rank the first date after the title wins, else the last one.
const PATTERNS: Pattern[] = [
  {
    rank: 'labelled',
    re: new RegExp(
      `(?<!${OTHER_DATE_LABELS})(?:发布时间|发布日期|成文日期|发文日期|印发日期|更新时间|更新日期|发表时间|日期|时间)\\s*[:：]?\\s*(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})`,
      'g',
    ),
    groups: [1, 2, 3],
  },
  {
    rank: 'ymd',
    re: /(?<![\d.\-/])(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d|\.\d)/g,
    groups: [1, 3, 4],
  },
  { rank: 'ymd-cn', re: /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, groups: [1, 2, 3] },
  { rank: 'md-bracket', re: /[[(（【]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[\])）】]/g, groups: [0, 1, 2] },
  { rank: 'md', re: /(?<![\d.:\-/])(\d{2})([-/])(\d{2})(?![\d:\-/]|\.\d)/g, groups: [0, 1, 3] },
  { rank: 'md-cn', re: /(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, groups: [0, 1, 2] },
];

const URL_PATTERNS: { re: RegExp; hasDay: boolean }[] = [
  { re: /[/_]t((?:19|20)\d{2})(\d{2})(\d{2})_\d+/, hasDay: true }, // TRS: /202008/t20200805_1353179.html
  { re: /\/((?:19|20)\d{2})-(\d{2})\/(\d{2})\//, hasDay: true }, // gov.cn: /2014-02/18/content_5046260.htm
  { re: /\/((?:19|20)\d{2})(\d{2})(\d{2})\//, hasDay: true }, // /20240506/
  { re: /\/((?:19|20)\d{2})-?(\d{2})\//, hasDay: false }, // /202305/ , /2022-01/
];

function normalise(text: string): string {
  // One character in, one character out, so match offsets still point into the original text.
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/／/g, '/')
    .replace(/[－—–]/g, '-')
    .replace(/．/g, '.')
    .replace(/：/g, ':')
    .replace(/\u00a0/g, ' ');
}

function mask(text: string, regexes: RegExp[]): string {
  let out = text;
  for (const re of regexes) out = out.replace(re, (m) => ' '.repeat(m.length));
  return out;
}

/** The text with the title blanked out, and where the title ended (the date normally follows it). */
function hideTitle(
  text: string,
  title: string | null | undefined,
): { text: string; titleEnd: number | null } {
  const t = title?.trim();
  const at = t && t.length >= 4 ? text.indexOf(t) : -1;
  if (!t || at < 0) return { text, titleEnd: null };
  return {
    text: text.slice(0, at) + ' '.repeat(t.length) + text.slice(at + t.length),
    titleEnd: at + t.length,
  };
}

/** The year of a month-day printed without one: the latest year in which it is not after `asOf`. */
function resolveYear(month: number, day: number, asOf: string): number | null {
  const today = parseCivilDate(asOf);
  for (const year of [today.year, today.year - 1]) {
    if (!isValidCivilDate(year, month, day)) continue;
    if (formatCivilDate(year, month, day) <= asOf) return year;
  }
  return null;
}

function candidateDate(m: RegExpExecArray, p: Pattern, asOf: string): string | null {
  const [yi, mi, di] = p.groups;
  const month = Number(m[mi]);
  const day = Number(m[di]);
  const year = yi ? Number(m[yi]) : resolveYear(month, day, asOf);
  if (year === null || year < MIN_YEAR || year > MAX_YEAR) return null;
  return isValidCivilDate(year, month, day) ? formatCivilDate(year, month, day) : null;
}

function fromText(original: string, opts: ExtractDateOptions): ExtractedDate | null {
  const hidden = hideTitle(normalise(original), opts.title);
  const text = mask(hidden.text, NOT_DATES);
  for (const p of PATTERNS) {
    const found: (ExtractedDate & { at: number })[] = [];
    for (const m of text.matchAll(p.re)) {
      const date = candidateDate(m as RegExpExecArray, p, opts.asOf);
      const at = m.index ?? 0;
      if (date)
        found.push({ date, confidence: 'high', raw: original.slice(at, at + m[0].length).trim(), at });
    }
    if (found.length === 0) continue;
    // A row holding two items (seen on yichun.gov.cn) keeps each date after its own title.
    const afterTitle = hidden.titleEnd === null ? undefined : found.find((f) => f.at >= hidden.titleEnd!);
    const { at: _at, ...best } = afterTitle ?? found[found.length - 1];
    return best;
  }
  return null;
}

/** A date in an article URL (TRS `t20240506_123.html`, `/202305/`): low confidence, the first day of a month. */
export function extractDateFromUrl(url: string): ExtractedDate | null {
  for (const { re, hasDay } of URL_PATTERNS) {
    const m = re.exec(url);
    if (!m) continue;
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = hasDay ? Number(m[3]) : 1;
    if (isValidCivilDate(year, month, day)) {
      return { date: formatCivilDate(year, month, day), confidence: 'low', raw: m[0] };
    }
  }
  return null;
}

export function extractDate(rowText: string, opts: ExtractDateOptions): ExtractedDate | null {
  return fromText(rowText, opts) ?? (opts.url ? extractDateFromUrl(opts.url) : null);
}
