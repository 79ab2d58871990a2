// URL normalisation and crawl-trap bounds: one page, one key, however the site spells its links.
// Rules: lower-case scheme and host (WHATWG URL), default ports dropped, dot segments resolved, duplicate
// slashes collapsed, the root path is '/', other paths keep their trailing slash as written (on these
// servers /news and /news/ are often different resources; the redirect between them is followed anyway),
// fragment removed, session ids and tracking parameters dropped, query sorted by name.

/** Query parameters that never change the resource (case-insensitive; a trailing * matches a prefix). */
export const DROPPED_PARAMS: readonly string[] = [
  'jsessionid',
  'phpsessid',
  'aspsessionid*',
  'sessionid',
  'sid',
  'cfid',
  'cftoken',
  'utm_*',
  'spm',
  'fbclid',
  'gclid',
  'from_wecom',
  '_',
];

export interface NormalizeOptions {
  droppedParams?: readonly string[];
}

/** The normalised absolute URL, or null when `raw` is not an http(s) URL. */
export function normalizeUrl(raw: string, base?: string, options: NormalizeOptions = {}): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.hostname = url.hostname.replace(/\.$/, '');
  url.pathname = normalizePath(url.pathname);
  const dropped = options.droppedParams ?? DROPPED_PARAMS;
  const params = [...url.searchParams].filter(([name]) => !isDropped(name, dropped));
  params.sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)));
  url.search = params.length ? new URLSearchParams(params).toString() : '';
  return url.href;
}

/** The URL's host (with its port when not the default), or null when it does not parse. */
export function hostOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).host : null;
}

/** The URL without its fragment, as written otherwise: the key a link is checked under, once per run. */
export function linkKey(raw: string, base?: string): string | null {
  try {
    const url = new URL(raw.trim(), base);
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function normalizePath(path: string): string {
  // `;jsessionid=…` rides in the path on Java servers.
  const withoutMatrix = path.replace(/;(jsessionid|phpsessid|sid)=[^/?]*/gi, '');
  const collapsed = withoutMatrix.replace(/\/{2,}/g, '/');
  const upperEscapes = collapsed.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
  return upperEscapes === '' ? '/' : upperEscapes;
}

function isDropped(name: string, dropped: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return dropped.some((d) => (d.endsWith('*') ? lower.startsWith(d.slice(0, -1)) : lower === d));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface TrapBounds {
  /** A path segment that occurs more often than this is a loop of relative links (/a/b/a/b/a/…). */
  maxSegmentRepeats: number;
  maxPathSegments: number;
  /** Calendar links outside [thisYear - pastYears, thisYear + futureYears] lead nowhere. */
  calendarPastYears: number;
  calendarFutureYears: number;
  /** Paging beyond this page number (page=, pageNo=, index_N.html …) is not followed. */
  maxPageNumber: number;
  maxQueryLength: number;
}

export const DEFAULT_TRAP_BOUNDS: TrapBounds = {
  maxSegmentRepeats: 2,
  maxPathSegments: 15,
  calendarPastYears: 30,
  calendarFutureYears: 1,
  maxPageNumber: 500,
  maxQueryLength: 512,
};

const YEAR_PARAM = /^(year|yyyy|y|nian)$/i;
const PAGE_PARAM = /^(page|pageno|pagenum|page_no|pageindex|curpage|currentpage|p|pn|pg)$/i;
// TRS-style list pages (index_3.html); article names such as t20240506_123.html are not paging.
const PAGED_FILE = /(?:^|\/)(?:index|list|default|more)_(\d+)\.s?html?$/i;
const PATH_DATE = /(?:^|\/)(\d{4})[-/]?(\d{2})(?:[-/]?(\d{2}))?(?:\/|$)/;

/** Why a normalised URL looks like a crawl trap, in English for logs, or null. */
export function trapReason(url: string, now: Date, bounds: TrapBounds = DEFAULT_TRAP_BOUNDS): string | null {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/').filter(Boolean);
  if (segments.length > bounds.maxPathSegments) return `path deeper than ${bounds.maxPathSegments} segments`;
  const counts = new Map<string, number>();
  for (const segment of segments) {
    const count = (counts.get(segment) ?? 0) + 1;
    if (count > bounds.maxSegmentRepeats) return `path segment "${segment}" repeated ${count} times`;
    counts.set(segment, count);
  }
  if (parsed.search.length > bounds.maxQueryLength) return `query longer than ${bounds.maxQueryLength}`;
  const thisYear = now.getUTCFullYear();
  const yearInRange = (year: number): boolean =>
    year >= thisYear - bounds.calendarPastYears && year <= thisYear + bounds.calendarFutureYears;
  for (const [name, value] of parsed.searchParams) {
    const number = Number(value);
    if (YEAR_PARAM.test(name) && Number.isInteger(number) && !yearInRange(number)) {
      return `calendar year ${value} out of range`;
    }
    if (/^date$/i.test(name) && /^\d{4}/.test(value) && !yearInRange(Number(value.slice(0, 4)))) {
      return `calendar date ${value} out of range`;
    }
    if (PAGE_PARAM.test(name) && Number.isInteger(number) && number > bounds.maxPageNumber) {
      return `page number ${value} beyond ${bounds.maxPageNumber}`;
    }
  }
  const pathDate = PATH_DATE.exec(parsed.pathname);
  if (
    pathDate &&
    Number(pathDate[2]) >= 1 &&
    Number(pathDate[2]) <= 12 &&
    !yearInRange(Number(pathDate[1]))
  ) {
    return `calendar path year ${pathDate[1]} out of range`;
  }
  const pagedFile = PAGED_FILE.exec(parsed.pathname);
  if (pagedFile && Number(pagedFile[1]) > bounds.maxPageNumber) {
    return `paged file ${pagedFile[1]} beyond ${bounds.maxPageNumber}`;
  }
  return null;
}

const CALENDAR_PARAM = /^(year|yyyy|y|nian|month|mm|m|yue|day|dd|d|date|ym|ymd)$/i;

/**
 * For calendar URLs (a year/month/day/date parameter), the URL with every run of digits replaced: a
 * calendar widget links to endless dates of one shape, so the frontier caps how many it follows. Other
 * URLs return null (articles share shapes too, and must all be followed).
 */
export function calendarShape(url: string): string | null {
  const parsed = new URL(url);
  const isCalendar = [...parsed.searchParams.keys()].some((name) => CALENDAR_PARAM.test(name));
  return isCalendar ? url.replace(/\d+/g, 'N') : null;
}

/** The crawl scope: the site's host plus the subsite hosts the ledger lists. */
export function makeScope(siteUrl: string, subsiteHosts: readonly string[] = []): (url: string) => boolean {
  const hosts = new Set([new URL(siteUrl).hostname, ...subsiteHosts.map((h) => h.toLowerCase())]);
  return (url) => {
    try {
      return hosts.has(new URL(url).hostname);
    } catch {
      return false;
    }
  };
}
