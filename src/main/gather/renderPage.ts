import type { BrowserContext, Page, Response } from 'playwright-core';
import sharp from 'sharp';
import { blankPageArtifact, type FailedRequest, type PageArtifact } from '../artifacts.js';
import type { EvidenceRef } from '../../shared/domain.js';
import { userAgentHeader } from '../net/options.js';
import { inPageExtract, type InPageExtract } from './inPageExtract.js';

export interface RenderOptions {
  /** Navigation (to DOMContentLoaded) must finish within this. */
  navigationTimeoutMs: number;
  /** After DOMContentLoaded, wait at most this long for 'load' and network quiet; past it the page is cut off. */
  settleTimeoutMs: number;
  /** Full-page screenshots taller than this are capped (the cap is recorded). */
  maxScreenshotHeight: number;
  screenshot: boolean;
  jpegQuality: number;
}

export const DEFAULT_RENDER: RenderOptions = {
  navigationTimeoutMs: 20_000,
  settleTimeoutMs: 6_000,
  maxScreenshotHeight: 12_000,
  screenshot: true,
  jpegQuality: 60,
};

/** Where gatherers put the bytes they capture; the caller decides how they are stored and chained. */
export interface EvidenceSink {
  put(data: Buffer, ext: string, kind: EvidenceRef['kind']): EvidenceRef;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function redirectChain(response: Response | null): string[] {
  const chain: string[] = [];
  let req = response?.request().redirectedFrom() ?? null;
  while (req) {
    chain.unshift(req.url());
    req = req.redirectedFrom();
  }
  return chain;
}

/** Scrolls in viewport steps so lazy images load, bounded in steps and time, then back to the top. */
async function scrollThrough(page: Page, deadline: number): Promise<void> {
  for (let i = 0; i < 40 && Date.now() < deadline; i++) {
    const atEnd = await page.evaluate(
      '(() => { window.scrollBy(0, window.innerHeight); return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2; })()',
    );
    await sleep(60);
    if (atEnd) break;
  }
  await page.evaluate('window.scrollTo(0, 0)');
}

/**
 * Network quiet: no request in flight for this long. Playwright's 'networkidle' waits a fixed 500 ms after
 * the last request, which was the largest part of a page's render time (bench/render.ts); lazy images
 * started by the scroll begin within a frame or two, well inside this window.
 */
const QUIET_MS = 150;

async function settle(page: Page, ms: number, inFlight: () => number): Promise<boolean> {
  const deadline = Date.now() + ms;
  const loaded = await page
    .waitForLoadState('load', { timeout: ms })
    .then(() => true)
    .catch(() => false);
  await scrollThrough(page, deadline);
  let quietSince = inFlight() === 0 ? Date.now() : Infinity;
  const end = Math.max(Date.now() + 200, deadline);
  while (Date.now() < end && Date.now() - quietSince < QUIET_MS) {
    await sleep(25);
    if (inFlight() > 0) quietSince = Infinity;
    else if (quietSince === Infinity) quietSince = Date.now();
  }
  return loaded;
}

/**
 * A page taller than the cap is captured viewport by viewport down to the cap and stitched: a full-page
 * capture would make Chromium lay out one bitmap for the whole (possibly 12 MB) page, gigabytes at worst.
 */
async function cappedScreenshot(page: Page, cap: number, quality: number): Promise<Buffer> {
  const viewport = page.viewportSize() ?? { width: 1366, height: 900 };
  const tiles: { input: Buffer; top: number; left: number }[] = [];
  for (let top = 0; top < cap; top += viewport.height) {
    await page.evaluate(`window.scrollTo(0, ${top})`);
    const scrolled = (await page.evaluate('window.scrollY')) as number;
    const png = await page.screenshot({ type: 'png', fullPage: false, timeout: 10_000, caret: 'hide' });
    tiles.push({ input: png, top: Math.min(scrolled, cap - 1), left: 0 });
  }
  await page.evaluate('window.scrollTo(0, 0)');
  const canvas = sharp({
    create: { width: viewport.width, height: cap, channels: 3, background: '#ffffff' },
  });
  return canvas
    .composite(tiles.filter((t) => t.top < cap).map((t) => ({ ...t, input: t.input })))
    .jpeg({ quality })
    .toBuffer();
}

/** The full-page screenshot, capped at maxScreenshotHeight with the cap recorded. */
async function takeScreenshot(
  page: Page,
  artifact: PageArtifact,
  sink: EvidenceSink,
  options: RenderOptions,
) {
  const capped = artifact.pageHeight > options.maxScreenshotHeight;
  const shot = capped
    ? await cappedScreenshot(page, options.maxScreenshotHeight, options.jpegQuality)
    : await page.screenshot({
        type: 'jpeg',
        quality: options.jpegQuality,
        fullPage: true,
        timeout: 20_000,
        animations: 'disabled',
        caret: 'hide',
      });
  artifact.screenshot = sink.put(shot, 'jpg', 'screenshot');
  artifact.screenshotCappedAt = capped ? options.maxScreenshotHeight : null;
}

/**
 * Renders one page in a pooled page and collects its artifact: final URL, redirects, status, timing, meta,
 * visible text with boxes, every link with its element's box, list blocks, failed sub-requests, the DOM
 * snapshot and a full-page screenshot. A page that never finishes loading is cut off and recorded.
 */
export async function renderPage(
  page: Page,
  url: string,
  ctx: { depth: number; isHome: boolean; sink: EvidenceSink; options: RenderOptions },
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
  let inFlight = 0;
  const onRequest = () => inFlight++;
  const onRequestDone = () => (inFlight = Math.max(0, inFlight - 1));
  page.on('request', onRequest);
  page.on('requestfinished', onRequestDone);
  page.on('requestfailed', onRequestDone);
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
    const loaded = await settle(page, options.settleTimeoutMs, () => inFlight);
    if (!loaded) base.cutOff = true;
    const extract = (await page.evaluate(inPageExtract({ isHome: ctx.isHome }))) as InPageExtract;
    const artifact: PageArtifact = {
      ...base,
      ...extract,
      finalUrl: page.url(),
      redirectChain: redirectChain(response),
      status: response?.status() ?? null,
      durationMs: Date.now() - started,
    };
    const html = await page.content().catch(() => '');
    if (html) artifact.dom = ctx.sink.put(Buffer.from(html, 'utf8'), 'html', 'dom');
    if (options.screenshot) await takeScreenshot(page, artifact, ctx.sink, options);
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
    page.off('request', onRequest);
    page.off('requestfinished', onRequestDone);
    page.off('requestfailed', onRequestDone);
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
  context.on('page', (p) => {
    p.on('dialog', (d) => void d.dismiss().catch(() => undefined));
    // window.open from an audited page: close the popup, never follow it.
    void p.opener().then((opener) => {
      if (opener) void p.close().catch(() => undefined);
    });
  });
  return context;
}
