// Runs the built renderer in real Chromium with window.api bridged to a service in the test process
// (Playwright's exposeBinding): the same contract the preload exposes in the desktop app.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import type { ApiEvent, ApiResult, ApiMethod } from '../../src/shared/api.js';
import { rendererConfig } from '../../electron.vite.config.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Date inputs and number formats as a Chinese desktop shows them.
  '--lang=zh-CN',
];

export interface BridgedService {
  dispatch(method: string, rawInput: unknown): Promise<ApiResult<ApiMethod>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** Builds the renderer exactly as `electron-vite build` does, into `outDir`. */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    ...rendererConfig,
    configFile: false,
    logLevel: 'warn',
    build: { ...rendererConfig.build, outDir: resolve(outDir), emptyOutDir: true },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves the built renderer on 127.0.0.1. Chromium refuses ES modules from file:// pages (Electron
 * allows them for its own file scheme), so the test page is served over loopback HTTP instead.
 */
export async function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(dir);
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * Defines window.api in the page before any script runs: `invoke` goes to the service over a binding,
 * events are pushed into the page as they happen.
 */
export async function bridgeApi(page: Page, service: BridgedService): Promise<() => void> {
  // Results cross as one JSON string: Playwright's object serializer takes seconds for 10,000 findings,
  // where Electron's structured-clone IPC takes milliseconds.
  await page.exposeBinding('__auditInvoke', async (_source, method: string, input: unknown) =>
    JSON.stringify(await service.dispatch(method, input)),
  );
  // A string, not a function: the test transpiler may wrap functions in helpers the page lacks.
  await page.addInitScript(`(() => {
    const listeners = new Set();
    const invoke = window.__auditInvoke;
    window.__auditEmit = (event) => listeners.forEach((listener) => listener(event));
    window.api = Object.freeze({
      invoke: (method, input) => invoke(method, input).then(JSON.parse),
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
  })();`);
  return service.onEvent((event) => {
    if (!page.isClosed())
      void page.evaluate(`window.__auditEmit(${JSON.stringify(event)})`).catch(() => undefined);
  });
}

/** Words that must never reach a user: placeholders, leaked values, English-only labels. */
const FORBIDDEN = [
  /\bTODO\b/i,
  /\bFIXME\b/i,
  /lorem/i,
  /\bundefined\b/,
  /\bNaN\b/,
  /\bnull\b/,
  /\[object Object\]/,
  /Invalid Date/,
];
/** Latin words that are not part of a URL, a path, a hash or a known acronym. */
const ALLOWED_LATIN = new Set([
  'Chromium',
  'Chrome',
  'Edge',
  'HTTP',
  'HTTPS',
  'SHA',
  'URL',
  'IPv',
  'PDF',
  'Excel',
  'Word',
  'PEM',
  'ICP',
  'Alt',
  'CA',
  'JSON',
  'CSV',
  // Names of a licence and a corpus cited as the sources of bundled lexicons.
  'Apache',
  'ECSpell',
]);

export function untranslatedText(text: string): string[] {
  const problems = FORBIDDEN.filter((pattern) => pattern.test(text)).map(
    (pattern) => `placeholder ${pattern}`,
  );
  const withoutMachineText = text
    .replace(/\b(?:https?|file):\/\/\S+/g, ' ')
    .replace(/[A-Za-z]:\\[^\s，。；）)]*/g, ' ')
    .replace(/(?<![\w.])\/[^\s，。；）)]+/g, ' ')
    // Relative paths too (a lexicon's source cites ../standard/indicators.md).
    .replace(/\.{1,2}\/[^\s，。；）)]+/g, ' ')
    .replace(/\b[\w-]+(?:\.[\w-]+)*\.(?:gov\.cn|cn|com|net|org)\b/gi, ' ')
    // A file name is machine text whole (typo.json), not only its extension.
    .replace(/[\w.-]*\.(?:xlsx|xls|csv|docx|doc|pdf|zip|json|html?|jsp|jpg|png|webp|exe|pem)\b/gi, ' ')
    .replace(/\b[0-9a-f]{16,}\b/gi, ' ')
    // Identifiers such as a rule pack's id (inspection-2019) are data, not labels.
    .replace(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g, ' ');
  for (const word of withoutMachineText.match(/[A-Za-z]{3,}/g) ?? []) {
    if (!ALLOWED_LATIN.has(word)) problems.push(`English word "${word}"`);
  }
  return [...new Set(problems)];
}

/** Saves the screen as `<dir>/<name>.png` and returns its visible text for the untranslated-text scan. */
export async function captureScreen(page: Page, dir: string, name: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  return page.locator('body').innerText();
}
