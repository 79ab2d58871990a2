// The page gatherer on its own: a very tall page is screenshotted down to the cap (not just the viewport)
// and the cap is recorded.
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRef } from '../../src/shared/domain.js';
import { browserArgs } from '../../src/main/browser/launch.js';
import { DEFAULT_RENDER, openAuditContext, renderPage } from '../../src/main/gather/renderPage.js';

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: browserArgs({ mapHost: {}, offline: true, proxy: null }),
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('renderPage', () => {
  it('caps a very tall page at maxScreenshotHeight and records the cap', async () => {
    const context = await openAuditContext(browser, 'test');
    const page = await context.newPage();
    const shots: Buffer[] = [];
    const sink = {
      put: (data: Buffer, ext: string, kind: EvidenceRef['kind']): EvidenceRef => {
        if (ext === 'jpg') shots.push(data);
        return { path: `evidence/${ext}`, sha256: '0', kind };
      },
    };
    const html =
      '<body style="margin:0"><div style="height:20000px;background:linear-gradient(red,blue)">长页面</div></body>';
    const artifact = await renderPage(page, `data:text/html;charset=utf-8,${encodeURIComponent(html)}`, {
      depth: 0,
      isHome: true,
      sink,
      options: { ...DEFAULT_RENDER, settleTimeoutMs: 1000, maxScreenshotHeight: 5000 },
    });
    expect(artifact.pageHeight).toBeGreaterThan(19_000);
    expect(artifact.screenshotCappedAt).toBe(5000);
    const meta = await sharp(shots[0]).metadata();
    expect([meta.width, meta.height]).toEqual([1366, 5000]);
    await context.close();
  });
});
