// Browser discovery in design.md's order, down to the npm-shipped Chromium with the npm-shipped CJK font:
// a machine with neither apt packages nor a browser must still produce correct Chinese screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { discoverBrowser, type BrowserFound } from '../../src/main/browser/discover.js';
import { browserArgs, hostResolverRules, launchBrowser } from '../../src/main/browser/launch.js';
import { AppError } from '../../src/shared/errors.js';

const emptyResources = () => fs.mkdtempSync(path.join(os.tmpdir(), 'no-browser-'));

/** Dark pixels of a glyph: a missing CJK font draws nothing or the same empty box for every character. */
async function glyph(page: import('playwright-core').Page, ch: string): Promise<Buffer> {
  await page.setContent(
    `<div id="g" style="font-size:96px;line-height:1;width:110px;height:110px">${ch}</div>`,
  );
  const png = await page.locator('#g').screenshot();
  return sharp(png).greyscale().threshold(128).raw().toBuffer();
}

const inkOf = (raw: Buffer) => raw.filter((v) => v === 0).length;

/** Launches `found` as the engine does and checks that two Chinese characters render as distinct glyphs. */
async function expectChineseGlyphs(found: BrowserFound): Promise<void> {
  const browser = await launchBrowser(found, { mapHost: {}, offline: true, proxy: null });
  try {
    const page = await browser.newPage();
    const zhong = await glyph(page, '中');
    const guo = await glyph(page, '国');
    expect(inkOf(zhong)).toBeGreaterThan(300);
    expect(inkOf(guo)).toBeGreaterThan(300);
    // Real glyphs differ; tofu boxes would be identical.
    expect(zhong.equals(guo)).toBe(false);
  } finally {
    await browser.close();
  }
}

describe('browser discovery', () => {
  it('maps hosts, and under --offline refuses every other name and IP literal, in the browser too', () => {
    expect(hostResolverRules({ mapHost: {}, offline: false })).toBeNull();
    expect(hostResolverRules({ mapHost: { 'www.a.gov.cn': '127.0.0.1:8080' }, offline: true })).toBe(
      'MAP www.a.gov.cn 127.0.0.1:8080, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    );
    const args = browserArgs({ mapHost: {}, offline: false, proxy: null });
    // The sandbox stays on for desktop users; only root (CI, containers) runs without it.
    expect(args.includes('--no-sandbox')).toBe(process.getuid?.() === 0);
  });

  it('explains in Chinese what to do when a configured browser does not exist', async () => {
    const error = await discoverBrowser({
      setting: '/nonexistent/chrome',
      resourcesDir: emptyResources(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('browser-missing');
    expect((error as AppError).userMessage).toMatch(/设置 → 浏览器/);
  });

  it('finds the system Chromium before the npm-shipped one', async () => {
    const found = await discoverBrowser({
      resourcesDir: emptyResources(),
      systemPaths: ['/nonexistent', '/usr/bin/chromium'],
    });
    expect(found).toMatchObject({ source: 'system', executablePath: '/usr/bin/chromium' });
  });

  it('finds a headless shell shipped in resources/browser before the system browsers', async () => {
    const resources = emptyResources();
    const shell = path.join(resources, 'browser', 'chrome-headless-shell-linux64', 'chrome-headless-shell');
    fs.mkdirSync(path.dirname(shell), { recursive: true });
    fs.symlinkSync('/usr/bin/chromium-headless-shell', shell);
    const found = await discoverBrowser({ resourcesDir: resources, systemPaths: ['/usr/bin/chromium'] });
    expect(found).toEqual({ source: 'bundled', executablePath: shell });
  });

  it('prefers the old headless shell (CI installs it) and renders Chinese with it', async () => {
    const found = await discoverBrowser({ resourcesDir: emptyResources() });
    expect(found).toMatchObject({ source: 'system', executablePath: '/usr/bin/chromium-headless-shell' });
    await expectChineseGlyphs(found);
  }, 60_000);

  it('falls back to the npm-shipped Chromium and renders Chinese with the npm-shipped font', async () => {
    const found = await discoverBrowser({ resourcesDir: emptyResources(), systemPaths: [] });
    expect(found.source).toBe('npm-chromium');
    await expectChineseGlyphs(found);
  }, 120_000);
});
