import type { Browser, BrowserContext } from 'playwright-core';
import type { PageArtifact } from '../artifacts.js';
import { openAuditContext, type RenderOptions } from './renderPage.js';
import { fullPageScreenshot, type EvidenceSink } from './screenshot.js';
import { settle, trackInFlight } from './settle.js';

const PAGE_HEIGHT =
  'Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)';

/** Loads one page again, settles it as the crawl did and shoots it; null when it no longer loads. */
async function shootAgain(
  context: BrowserContext,
  artifact: PageArtifact,
  options: RenderOptions,
  sink: EvidenceSink,
): Promise<PageArtifact | null> {
  // A fresh tab per page: a page cut off while loading must not leak into the next one.
  const page = await context.newPage();
  const inFlight = trackInFlight(page);
  try {
    const takenAt = new Date().toISOString();
    const response = await page.goto(artifact.url, {
      waitUntil: 'domcontentloaded',
      timeout: options.navigationTimeoutMs,
    });
    if (!response || response.status() >= 400) return null;
    const { read: pageHeight } = await settle<number>(page, options.settleTimeoutMs, inFlight, PAGE_HEIGHT);
    const shot = await fullPageScreenshot(page, pageHeight, sink, options);
    return { ...artifact, ...shot, screenshotTakenAt: takenAt };
  } catch {
    // Not loadable now: the finding keeps the crawl's DOM snapshot and HTTP record as evidence.
    return null;
  } finally {
    inFlight.dispose();
    await page.close().catch(() => undefined);
  }
}

/**
 * The full-page screenshot of pages the crawl did not screenshot (article pages), taken when a finding
 * needs it: each page is loaded again in a fresh audit context, settled and scrolled as in the crawl, and shot, up to
 * `concurrency` at a time. The page's other evidence (DOM snapshot, boxes, text) stays the crawl's, and
 * `screenshotTakenAt` records that the picture is later. Returns the pages that got one.
 */
export async function captureScreenshots(args: {
  browser: Browser;
  userAgent: string;
  pages: readonly PageArtifact[];
  options: RenderOptions;
  sink: EvidenceSink;
  concurrency: number;
}): Promise<PageArtifact[]> {
  if (args.pages.length === 0 || !args.options.screenshot) return [];
  const context = await openAuditContext(args.browser, args.userAgent);
  const shot: PageArtifact[] = [];
  const missed: PageArtifact[] = [];
  let next = 0;
  const worker = async () => {
    while (next < args.pages.length) {
      const artifact = args.pages[next++]!;
      const done = await shootAgain(context, artifact, args.options, args.sink);
      if (done) shot.push(done);
      else missed.push(artifact);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, args.concurrency) }, worker));
    // A page that timed out beside others (a 12 MB page among four) gets one more try on its own.
    for (const artifact of missed) {
      const done = await shootAgain(context, artifact, args.options, args.sink);
      if (done) shot.push(done);
    }
  } finally {
    await context.close().catch(() => undefined);
  }
  return shot;
}
