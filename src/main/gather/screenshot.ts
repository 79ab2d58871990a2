// The full-page screenshot evidence of a rendered page, and which pages get one while the site is crawled.
import type { Page } from 'playwright-core';
import type { PageArtifact } from '../artifacts.js';
import type { EvidenceRef } from '../../shared/domain.js';

/** Where gatherers put the bytes they capture; the caller decides how they are stored and chained. */
export interface EvidenceSink {
  put(data: Buffer, ext: string, kind: EvidenceRef['kind']): EvidenceRef;
}

export interface ScreenshotOptions {
  /** Full-page screenshots taller than this are capped (the cap is recorded). */
  maxScreenshotHeight: number;
  jpegQuality: number;
}

/**
 * Which pages a crawl screenshots as it renders them. design.md: full-page screenshots are kept for the
 * home page, column pages and pages with findings; an article page costs as much to capture as to render,
 * so it is captured only once a finding needs it (captureScreenshots), not on the way.
 */
export type CrawlScreenshots = 'all' | 'home-and-columns';

/** The home page and column list pages (the page's own dated list, or its empty list container). */
export function isHomeOrColumn(page: Pick<PageArtifact, 'isHome' | 'blocks'>): boolean {
  return page.isHome || page.blocks.some((b) => b.kind === 'list-page');
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
  // Loaded only for the rare page this tall: the image library costs start-up time every audit would pay.
  const { default: sharp } = await import('sharp');
  const canvas = sharp({
    create: { width: viewport.width, height: cap, channels: 3, background: '#ffffff' },
  });
  return canvas
    .composite(tiles.filter((t) => t.top < cap))
    .jpeg({ quality })
    .toBuffer();
}

/** The full-page JPEG screenshot of a settled page, capped at maxScreenshotHeight with the cap recorded. */
export async function fullPageScreenshot(
  page: Page,
  pageHeight: number,
  sink: EvidenceSink,
  options: ScreenshotOptions,
): Promise<Pick<PageArtifact, 'screenshot' | 'screenshotCappedAt'>> {
  const capped = pageHeight > options.maxScreenshotHeight;
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
  return {
    screenshot: sink.put(shot, 'jpg', 'screenshot'),
    screenshotCappedAt: capped ? options.maxScreenshotHeight : null,
  };
}
