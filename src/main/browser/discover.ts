import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { AppError } from '../../shared/errors.js';

export interface BrowserFound {
  executablePath: string;
  /** Where it came from, in discovery order (design.md, Browser and fonts). */
  source: 'setting' | 'bundled' | 'system' | 'npm-chromium';
  /** Extra environment for the browser process (fontconfig for the npm-shipped Chromium). */
  env?: Record<string, string>;
}

const LINUX_CANDIDATES = [
  // Chromium's old headless shell (Debian package chromium-headless-shell), Playwright's own choice for
  // headless runs: none of the full browser's machinery, so a page costs about a third less CPU to render
  // (ours' side of bench/render.ts run alone: 300 pages in 19.9 s against 28.6 s with chromium).
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  // Domestic distributions' Chromium-family browsers (统信/麒麟 desktops).
  '/opt/apps/cn.360.yasexe/files/bin/browser360',
  '/usr/bin/browser360-cn-stable',
  '/opt/qaxbrowser/qaxbrowser-safe',
  '/usr/bin/qaxbrowser-safe-stable',
  '/opt/apps/com.qianxin.browser-stable/files/qaxbrowser-safe',
];

function windowsCandidates(): string[] {
  const roots = [
    process.env['PROGRAMFILES'],
    process.env['PROGRAMFILES(X86)'],
    process.env['LOCALAPPDATA'],
  ].filter((r): r is string => Boolean(r));
  return roots.flatMap((root) => [
    path.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    path.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
  ]);
}

const MAC_CANDIDATES = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function bundledCandidates(resourcesDir: string): string[] {
  const dir = path.join(resourcesDir, 'browser');
  return [
    // Chrome for Testing's headless shell, as its archives unpack: the lighter build, as on Linux below.
    path.join('chrome-headless-shell-win64', 'chrome-headless-shell.exe'),
    path.join('chrome-headless-shell-linux64', 'chrome-headless-shell'),
    'chrome',
    'chromium',
    'chrome.exe',
    'msedge.exe',
    path.join('chrome-linux', 'chrome'),
    path.join('chrome-win', 'chrome.exe'),
  ].map((f) => path.join(dir, f));
}

export function systemCandidates(platform = process.platform): string[] {
  if (platform === 'win32') return windowsCandidates();
  if (platform === 'darwin') return MAC_CANDIDATES;
  return LINUX_CANDIDATES;
}

/**
 * Finds a Chromium-family browser in the order design.md gives: the setting (or AUDIT_BROWSER),
 * resources/browser, the system's browsers, then the npm-shipped Chromium with an npm-shipped CJK font.
 */
export async function discoverBrowser(opts: {
  setting?: string | null;
  resourcesDir: string;
  /** Where to look for installed browsers; defaults to this platform's usual places. */
  systemPaths?: readonly string[];
}): Promise<BrowserFound> {
  const configured = opts.setting || process.env['AUDIT_BROWSER'];
  if (configured) {
    if (isExecutable(configured)) return { executablePath: configured, source: 'setting' };
    throw new AppError(
      'browser-missing',
      `configured browser not found or not executable: ${configured}`,
      `设置中指定的浏览器不存在或无法运行：${configured}。请在“设置 → 浏览器”中重新选择，或点击“自动检测”。`,
    );
  }
  for (const file of bundledCandidates(opts.resourcesDir)) {
    if (isExecutable(file)) return { executablePath: file, source: 'bundled' };
  }
  for (const file of opts.systemPaths ?? systemCandidates()) {
    if (isExecutable(file)) return { executablePath: file, source: 'system' };
  }
  const npmChromium = process.platform === 'linux' ? await npmShippedChromium() : null;
  if (npmChromium) return npmChromium;
  throw new AppError(
    'browser-missing',
    'no Chromium-family browser found: install Chromium (Debian: apt-get install chromium fonts-noto-cjk), ' +
      'Chrome or Edge, or set AUDIT_BROWSER to its path',
    '未找到可用的浏览器。请安装 Chromium（统信/麒麟/Debian：apt-get install chromium fonts-noto-cjk）、Chrome 或 Edge，' +
      '或在“设置 → 浏览器”中指定浏览器程序的位置。',
  );
}

/**
 * @sparticuz/chromium unpacks a headless Chromium into the temp folder. It has no CJK font, so the OFL
 * Noto Sans Hans from @embedpdf/fonts-sc is copied where its fontconfig looks; without it Chinese renders
 * as boxes and the evidence is worthless.
 */
async function npmShippedChromium(): Promise<BrowserFound | null> {
  const require = createRequire(import.meta.url);
  let fontFile: string;
  try {
    // The package exports only its entry (dist/index.cjs); the fonts sit beside dist/.
    const entry = require.resolve('@embedpdf/fonts-sc');
    fontFile = path.join(path.dirname(path.dirname(entry)), 'fonts', 'NotoSansHans-Regular.otf');
    require.resolve('@sparticuz/chromium');
  } catch {
    return null;
  }
  if (!fs.existsSync(fontFile)) return null;
  const fontDir = process.env['FONTCONFIG_PATH'] ?? path.join(os.tmpdir(), 'fonts');
  process.env['FONTCONFIG_PATH'] = fontDir;
  const { default: Chromium } = (await import('@sparticuz/chromium')) as {
    default: { executablePath(): Promise<string> };
  };
  const executablePath = await Chromium.executablePath();
  fs.mkdirSync(fontDir, { recursive: true });
  const target = path.join(fontDir, path.basename(fontFile));
  if (!fs.existsSync(target)) fs.copyFileSync(fontFile, target);
  return {
    executablePath,
    source: 'npm-chromium',
    env: { FONTCONFIG_PATH: fontDir, LD_LIBRARY_PATH: process.env['LD_LIBRARY_PATH'] ?? '' },
  };
}
