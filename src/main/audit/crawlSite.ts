import type { Browser, Page } from 'playwright-core';
import type { PageArtifact } from '../artifacts.js';
import { Frontier } from '../crawl/frontier.js';
import { isAttachment, skipReason } from '../crawl/linkSignals.js';
import { linkKey, makeScope, normalizeUrl } from '../crawl/urlNormalize.js';
import { openAuditContext, renderPage, type EvidenceSink, type RenderOptions } from '../gather/renderPage.js';
import type { Workspace } from '../store/workspace.js';
import type { RunControl } from './control.js';

export interface CrawlLimits {
  maxPages: number;
  maxDepth: number;
  concurrency: number;
  perHost: number;
  minIntervalMs: number;
  timeBudgetMs: number;
}

export interface CrawlProgress {
  pagesDone: number;
  pagesQueued: number;
  currentUrl: string | null;
}

/**
 * A tab renders this many pages, then is closed and replaced: its renderer process's heap and caches grow
 * with every document it has shown, and a fresh one costs less than a page render.
 */
const RENDERS_PER_TAB = 50;

/** Tags whose targets are pages to visit (the rest are only link-checked). */
const NAVIGABLE_TAGS = new Set(['a', 'area', 'iframe']);
const NON_PAGE_EXTENSION = /\.(jpe?g|png|gif|bmp|webp|svg|ico|css|js|mp4|mp3|flv|swf|avi|wmv)$/i;

function isPageCandidate(url: string): boolean {
  try {
    const { pathname } = new URL(url);
    return !NON_PAGE_EXTENSION.test(pathname) && !isAttachment(url);
  } catch {
    return false;
  }
}

/** Saves one rendered page and where its links point, in one transaction (never row by row). */
export function savePage(ws: Workspace, runId: string, siteId: number, page: PageArtifact): void {
  ws.tx(() => {
    ws.pages.save(runId, siteId, page);
    for (const link of page.links) {
      if (skipReason(link.url)) continue;
      const key = linkKey(link.url);
      if (!key) continue;
      ws.links.addSource(runId, siteId, key, {
        pageUrl: page.url,
        tag: link.tag,
        text: link.text,
        box: link.box,
      });
    }
  });
}

/**
 * Crawls one site with a pool of pages in one browser context: breadth first from the home page, within
 * the site's host and the ledger's subsites, each page rendered (screenshotted as the render options
 * say) and saved as it completes, so a killed run resumes from what is stored.
 */
export async function crawlSite(args: {
  ws: Workspace;
  browser: Browser;
  runId: string;
  site: { id: number; url: string };
  subsiteHosts: string[];
  limits: CrawlLimits;
  render: RenderOptions;
  userAgent: string;
  sink: EvidenceSink;
  control: RunControl;
  onProgress: (p: CrawlProgress) => void;
  /** Pages to screenshot as they are rendered besides the home and column pages (renderPage's alsoShoot). */
  alsoShoot?: (page: PageArtifact) => boolean;
}): Promise<{ pages: number; end: string }> {
  const { ws, runId, site, limits, control } = args;
  const homeUrl = normalizeUrl(site.url) ?? site.url;
  const savedUrls = ws.pages.urls(runId, site.id);
  const frontier = new Frontier<null>({
    maxPages: limits.maxPages,
    maxDepth: limits.maxDepth,
    concurrency: limits.concurrency,
    perHost: limits.perHost,
    minIntervalMs: limits.minIntervalMs,
    scope: makeScope(site.url, args.subsiteHosts),
    timeBudgetMs: limits.timeBudgetMs,
    visited: savedUrls,
  });
  const enqueueLinks = (page: PageArtifact) => {
    if (page.depth >= limits.maxDepth) return;
    for (const link of page.links) {
      if (!NAVIGABLE_TAGS.has(link.tag) || !isPageCandidate(link.url)) continue;
      frontier.push(link.url, page.depth + 1, null);
    }
  };
  if (savedUrls.length === 0) frontier.push(homeUrl, 0, null);
  else for (const page of ws.pages.list(runId, site.id)) enqueueLinks(page);

  const context = await openAuditContext(args.browser, args.userAgent);
  const idle: Page[] = [];
  const uses = new WeakMap<Page, number>();
  let done = savedUrls.length;
  // The pool's other tabs open while the home page renders (opening one takes about 0.2 s), not one by one
  // as its links come in. Each is caught at once so a crawl that ends first leaves no unhandled rejection.
  const opening: Promise<Page>[] = [];
  for (let i = 1; i < Math.min(limits.concurrency, limits.maxPages - done); i++) {
    const tab = context.newPage();
    tab.catch(() => undefined);
    opening.push(tab);
  }
  const stopOnCancel = () => frontier.cancel();
  control.signal.addEventListener('abort', stopOnCancel);
  const pauseWatcher = setInterval(() => {
    if (control.paused && frontier.state === 'running') frontier.pause();
    else if (!control.paused && frontier.state === 'paused') frontier.resume();
  }, 200);
  try {
    const summary = await frontier.run(async (item) => {
      const page = idle.pop() ?? (await (opening.shift() ?? context.newPage()));
      // A page whose navigation failed or was cut off may still be loading: it is closed, not reused.
      let reusable = false;
      try {
        args.onProgress({ pagesDone: done, pagesQueued: frontier.stats().queued, currentUrl: item.url });
        const artifact = await renderPage(page, item.url, {
          depth: item.depth,
          isHome: item.url === homeUrl,
          sink: args.sink,
          options: args.render,
          screenshots: args.render.crawlScreenshots ?? 'all',
          alsoShoot: args.alsoShoot,
        });
        const used = (uses.get(page) ?? 0) + 1;
        uses.set(page, used);
        reusable = artifact.error === null && !artifact.cutOff && used < RENDERS_PER_TAB;
        savePage(ws, runId, site.id, artifact);
        done++;
        enqueueLinks(artifact);
        args.onProgress({ pagesDone: done, pagesQueued: frontier.stats().queued, currentUrl: item.url });
      } finally {
        if (reusable) idle.push(page);
        else await page.close().catch(() => undefined);
      }
    });
    return { pages: done, end: summary.end };
  } finally {
    clearInterval(pauseWatcher);
    control.signal.removeEventListener('abort', stopOnCancel);
    await context.close().catch(() => undefined);
  }
}
