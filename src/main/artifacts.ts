// Artifacts: what gatherers collect and checks read (Lighthouse's shape).
// Types (and one empty-page constructor): gatherers (browser, crawl, gather, monitor) produce them, checks and scoring consume them,
// the store persists them, so a stored run can be re-checked and re-scored without the network.
import type { Box, EvidenceRef, LinkOutcome } from '../shared/domain.js';

export type LinkTag =
  | 'a'
  | 'img'
  | 'script'
  | 'link'
  | 'iframe'
  | 'source'
  | 'srcset'
  | 'area'
  | 'embed'
  | 'object'
  | 'form'
  | 'other';

export interface LinkRef {
  /** Absolute URL as resolved by the browser (fragment kept; normalisation happens in crawl). */
  url: string;
  tag: LinkTag;
  text: string;
  box: Box | null;
}

/** A run of text with where it stands: checks report the sentence, the element's box, title or body. */
export interface TextBlock {
  text: string;
  /** 'title' = <title>, headings, article title; 'body' otherwise; 'header'/'footer' page furniture. */
  role: 'title' | 'heading' | 'body' | 'header' | 'footer' | 'nav';
  box: Box | null;
}

/** A list of items under a heading on a page: a home-page block, a column list, a navigation menu. */
export interface ListBlock {
  heading: string;
  /** Tab titles and headings may carry a 更多 link to the column's list page. */
  moreUrl: string | null;
  kind: 'block' | 'nav' | 'list-page';
  items: ListItem[];
  box: Box | null;
  /** Nesting level for navigation entries (1 = top menu). */
  level: number;
  /** For navigation: the entry's own URL. */
  url: string | null;
  /** Child entries of a navigation parent (政民互动 → 领导信箱 …). */
  children?: ListBlock[];
}

export interface ListItem {
  title: string;
  url: string | null;
  /** All text of the list row (li / tr / dd): the date is searched here, not elsewhere on the page. */
  rowText: string;
}

export interface FailedRequest {
  url: string;
  error: string;
  resourceType: string;
}

export interface PageArtifact {
  url: string;
  finalUrl: string;
  redirectChain: string[];
  status: number | null;
  /** Navigation failure (DNS, timeout, …) in English for logs; null when the page loaded. */
  error: string | null;
  /** The page kept loading past the cut-off: the artifact is what had rendered by then. */
  cutOff: boolean;
  depth: number;
  isHome: boolean;
  fetchedAt: string;
  durationMs: number;
  title: string;
  meta: Record<string, string>;
  /** Visible text of the whole page (innerText). */
  text: string;
  textBlocks: TextBlock[];
  headerText: string;
  footerText: string;
  links: LinkRef[];
  blocks: ListBlock[];
  failedRequests: FailedRequest[];
  /** Fragment ids present in the DOM, to check same-page #fragments. */
  anchors: string[];
  screenshot: EvidenceRef | null;
  /** Height cap applied to the full-page screenshot, if any. */
  screenshotCappedAt: number | null;
  /**
   * When the screenshot was taken, if later than the page was read: a crawl screenshots only the home page
   * and column pages, other pages once a finding on them needs a picture. Absent: taken with the page.
   */
  screenshotTakenAt?: string;
  dom: EvidenceRef | null;
  pageHeight: number;
  tlsError: string | null;
  /** Forms that look like a site search (input + submit with 搜索/检索). */
  hasSearchForm: boolean;
}

export interface LinkResult {
  url: string;
  outcome: LinkOutcome;
  status: number | null;
  finalUrl: string | null;
  redirects: string[];
  contentType: string | null;
  contentLength: number | null;
  durationMs: number;
  /** English, for logs and the HTTP record. */
  error: string | null;
  checkedAt: string;
  /** How it was checked: plain HTTP, or the browser after a WAF challenge. */
  via: 'http' | 'browser' | 'dom';
  attempts: number;
  headers?: Record<string, string>;
}

export interface Probe {
  siteUrl: string;
  at: string;
  ok: boolean;
  latencyMs: number | null;
  status: number | null;
  error: string | null;
  /** Every site failed at this moment: the workstation's network, not the site. */
  localNetwork?: boolean;
}

/** Everything gathered for one site in one run: the input of every check. */
export interface SiteArtifacts {
  site: { id: number; name: string; url: string; siteCode: string | null };
  pages: PageArtifact[];
  links: LinkResult[];
  probes: Probe[];
  /** For each checked URL, the pages that link to it (with the element's box). */
  linkSources: Record<string, { pageUrl: string; tag: string; text: string; box: Box | null }[]>;
}

/** A page artifact with nothing gathered yet: the gatherer's starting point, and tests' builder. */
export function blankPageArtifact(url: string, overrides: Partial<PageArtifact> = {}): PageArtifact {
  return {
    url,
    finalUrl: url,
    redirectChain: [],
    status: null,
    error: null,
    cutOff: false,
    depth: 0,
    isHome: false,
    fetchedAt: new Date(0).toISOString(),
    durationMs: 0,
    title: '',
    meta: {},
    text: '',
    textBlocks: [],
    headerText: '',
    footerText: '',
    links: [],
    blocks: [],
    failedRequests: [],
    anchors: [],
    screenshot: null,
    screenshotCappedAt: null,
    dom: null,
    pageHeight: 0,
    tlsError: null,
    hasSearchForm: false,
    ...overrides,
  };
}
