import type { BrowserContext, Page, Response } from 'playwright-core';
import { blankPageArtifact, type FailedRequest, type PageArtifact } from '../artifacts.js';
import { userAgentHeader } from '../net/options.js';
import { inPageExtract, type InPageExtract } from './inPageExtract.js';
import {
  fullPageScreenshot,
  isHomeOrColumn,
  type CrawlScreenshots,
  type EvidenceSink,
  type ScreenshotOptions,
} from './screenshot.js';
import { LAZY_OBSERVER_MARK, settle, trackInFlight } from './settle.js';

export type { EvidenceSink } from './screenshot.js';

export interface RenderOptions extends ScreenshotOptions {
  /** Navigation (to DOMContentLoaded) must finish within this. */
  navigationTimeoutMs: number;
  /** After DOMContentLoaded, wait at most this long for 'load' and network quiet; past it the page is cut off. */
  settleTimeoutMs: number;
  /** Screenshots at all; false: none, not even for pages with findings. */
  screenshot: boolean;
  /** Which pages a crawl screenshots as it goes; absent in runs stored before it existed ('all'). */
  crawlScreenshots?: CrawlScreenshots;
}

export const DEFAULT_RENDER: RenderOptions = {
  navigationTimeoutMs: 20_000,
  settleTimeoutMs: 6_000,
  maxScreenshotHeight: 12_000,
  screenshot: true,
  jpegQuality: 60,
  crawlScreenshots: 'home-and-columns',
};

/**
 * The DOM snapshot exactly as Playwright's page.content() builds it, but read in the page's own world in the
 * same evaluation as the extract (the same instant of the page, one round trip): content() runs in a utility
 * world that Playwright first injects its script into, which cost more CPU than the read (bench/render.ts).
 * A snapshot that cannot be serialised is left out; the extract still counts.
 */
const DOCUMENT_HTML = `(() => {
  try {
    return (document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '') +
      (document.documentElement ? document.documentElement.outerHTML : '');
  } catch (e) {
    return '';
  }
})()`;

/**
 * What one evaluation in the rendered page returns: the extract and the DOM snapshot, as one JSON string.
 * Playwright serialises an object result value by value, walking it in the page and rebuilding it in Node;
 * a string crosses as it is, and JSON.parse is far cheaper for the thousands of boxes a page has.
 */
function readPage(isHome: boolean): string {
  return `JSON.stringify({ extract: ${inPageExtract({ isHome })}, html: ${DOCUMENT_HTML} })`;
}

function redirectChain(response: Response | null): string[] {
  const chain: string[] = [];
  let req = response?.request().redirectedFrom() ?? null;
  while (req) {
    chain.unshift(req.url());
    req = req.redirectedFrom();
  }
  return chain;
}

/**
 * Renders one page in a pooled page and collects its artifact: final URL, redirects, status, timing, meta,
 * visible text with boxes, every link with its element's box, list blocks, failed sub-requests, the DOM
 * snapshot and the full-page screenshot (with `screenshots: 'home-and-columns'`, only on the home page and
 * column list pages). A page that never finishes loading is cut off and recorded.
 */
export async function renderPage(
  page: Page,
  url: string,
  ctx: {
    depth: number;
    isHome: boolean;
    sink: EvidenceSink;
    options: RenderOptions;
    /** Which pages get their screenshot now; default 'all'. */
    screenshots?: CrawlScreenshots;
    /** Under 'home-and-columns', other pages to shoot now too: those the checks will report anyway. */
    alsoShoot?: (artifact: PageArtifact) => boolean;
  },
): Promise<PageArtifact> {
  const { options } = ctx;
  const started = Date.now();
  const fetchedAt = new Date(started).toISOString();
  const failedRequests: FailedRequest[] = [];
  const onFailed = (req: import('playwright-core').Request) =>
    failedRequests.push({
      url: req.url(),
      error: req.failure()?.errorText ?? 'failed',
      resourceType: req.resourceType(),
    });
  const onResponse = (res: Response) => {
    if (res.status() >= 400 && res.request().resourceType() !== 'document')
      failedRequests.push({
        url: res.url(),
        error: `HTTP ${res.status()}`,
        resourceType: res.request().resourceType(),
      });
  };
  // Whether the new document committed: a navigation that timed out before it did has nothing to read.
  let committed = false;
  const onNavigated = (frame: import('playwright-core').Frame) => {
    if (frame === page.mainFrame()) committed = true;
  };
  const inFlight = trackInFlight(page);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  page.on('framenavigated', onNavigated);
  const base = blankPageArtifact(url, { depth: ctx.depth, isHome: ctx.isHome, fetchedAt, failedRequests });
  try {
    let response: Response | null = null;
    try {
      response = await page.goto(url, {
        waitUntil: 'domcontentloaded',
        timeout: options.navigationTimeoutMs,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      // A page that streams forever never reaches DOMContentLoaded: keep what rendered and mark it cut off.
      if (!/Timeout/i.test(message) || !committed) {
        return { ...base, error: message, durationMs: Date.now() - started };
      }
      base.cutOff = true;
    }
    const settled = await settle<string>(page, options.settleTimeoutMs, inFlight, readPage(ctx.isHome));
    if (!settled.loaded) base.cutOff = true;
    const { extract, html } = JSON.parse(settled.read) as { extract: InPageExtract; html: string };
    const artifact: PageArtifact = {
      ...base,
      ...extract,
      finalUrl: page.url(),
      redirectChain: redirectChain(response),
      status: response?.status() ?? null,
      durationMs: Date.now() - started,
    };
    if (html) artifact.dom = ctx.sink.put(Buffer.from(html, 'utf8'), 'html', 'dom');
    const policy = ctx.screenshots ?? 'all';
    const shootNow = policy === 'all' || isHomeOrColumn(artifact) || ctx.alsoShoot?.(artifact) === true;
    if (options.screenshot && shootNow)
      Object.assign(artifact, await fullPageScreenshot(page, artifact.pageHeight, ctx.sink, options));
    return artifact;
  } catch (error) {
    // When the document itself failed after its headers (a body claiming gzip that is not, a connection cut
    // mid-page), Chromium shows its error page and reading it fails: the document's failure is the cause.
    const documentFailure = failedRequests.find((r) => r.resourceType === 'document')?.error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      ...base,
      error: documentFailure ? `${documentFailure} (${message})` : message,
      durationMs: Date.now() - started,
    };
  } finally {
    inFlight.dispose();
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
    page.off('framenavigated', onNavigated);
  }
}

/**
 * Opens a context for audited pages: dialogs dismissed, downloads refused (recorded as links), popups
 * closed, service workers blocked, an honest User-Agent. TLS errors are tolerated here so the content is
 * still audited; whether the certificate is valid is judged by the HTTP client, which knows --ca-file.
 */
export async function openAuditContext(
  browser: import('playwright-core').Browser,
  userAgent: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    acceptDownloads: false,
    serviceWorkers: 'block',
    viewport: { width: 1366, height: 900 },
    userAgent: userAgentHeader(userAgent),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript(LAZY_OBSERVER_MARK);
  context.on('page', (p) => {
    p.on('dialog', (d) => void d.dismiss().catch(() => undefined));
    // window.open from an audited page: close the popup, never follow it.
    void p.opener().then((opener) => {
      if (opener) void p.close().catch(() => undefined);
    });
  });
  return context;
}
