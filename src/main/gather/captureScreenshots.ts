import type { Browser, Page } from 'playwright-core';
import type { PageArtifact } from '../artifacts.js';
import { openAuditContext, type RenderOptions } from './renderPage.js';
import { fullPageScreenshot, type EvidenceSink } from './screenshot.js';
import { settle, trackInFlight } from './settle.js';

const PAGE_HEIGHT =
  'Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)';

/**
 * Loads one page again in `page`, settles it as the crawl did and shoots it; `shot` is null when it no longer
 * loads. `reusable`: the tab may take the next page. Only a page that loaded completely leaves it so: a page
 * cut off while loading must not leak into the next one. Opening a tab costs about as much as the shot.
 */
async function shootAgain(
  page: Page,
  artifact: PageArtifact,
  options: RenderOptions,
  sink: EvidenceSink,
): Promise<{ shot: PageArtifact | null; reusable: boolean }> {
  const inFlight = trackInFlight(page);
  try {
    const takenAt = new Date().toISOString();
    const response = await page.goto(artifact.url, {
      waitUntil: 'domcontentloaded',
      timeout: options.navigationTimeoutMs,
    });
    if (!response || response.status() >= 400) return { shot: null, reusable: false };
    const settled = await settle<number>(page, options.settleTimeoutMs, inFlight, PAGE_HEIGHT);
    const picture = await fullPageScreenshot(page, settled.read, sink, options);
    return { shot: { ...artifact, ...picture, screenshotTakenAt: takenAt }, reusable: settled.loaded };
  } catch {
    // Not loadable now: the finding keeps the crawl's DOM snapshot and HTTP record as evidence.
    return { shot: null, reusable: false };
  } finally {
    inFlight.dispose();
  }
}

/**
 * The full-page screenshot of pages the crawl did not screenshot (article pages), taken when a finding
 * needs it: each page is loaded again in a fresh audit context, settled and scrolled as in the crawl, and shot, up to
 * `concurrency` at a time, each tab taking page after page. The page's other evidence (DOM snapshot, boxes, text) stays the crawl's, and
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
  /** Shoots the pages `take` hands out one after another in one tab, replaced after a page that did not load. */
  const lane = async (take: () => PageArtifact | undefined, onMiss: (a: PageArtifact) => void) => {
    let page: Page | null = null;
    try {
      for (let artifact = take(); artifact; artifact = take()) {
        page ??= await context.newPage();
        const done = await shootAgain(page, artifact, args.options, args.sink);
        if (done.shot) shot.push(done.shot);
        else onMiss(artifact);
        if (!done.reusable) {
          await page.close().catch(() => undefined);
          page = null;
        }
      }
    } finally {
      await page?.close().catch(() => undefined);
    }
  };
  try {
    const queue = [...args.pages];
    const lanes = Math.max(1, Math.min(args.concurrency, queue.length));
    await Promise.all(
      Array.from({ length: lanes }, () =>
        lane(
          () => queue.shift(),
          (a) => missed.push(a),
        ),
      ),
    );
    // A page that timed out beside others (a 12 MB page among four) gets one more try on its own.
    await lane(
      () => missed.shift(),
      () => undefined,
    );
  } finally {
    await context.close().catch(() => undefined);
  }
  return shot;
}
