import type { BrowserContext } from 'playwright-core';
import type { LinkResult } from '../artifacts.js';

/**
 * Re-checks a link the way a citizen's browser would, for answers that only refuse non-browsers
 * (WAF challenges, HEAD refused): the browser runs the challenge script and follows its redirects.
 */
export async function recheckInBrowser(
  context: BrowserContext,
  url: string,
  timeoutMs: number,
): Promise<LinkResult | null> {
  const page = await context.newPage();
  const started = Date.now();
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs }).catch(() => null);
    // Challenge pages usually reload themselves once their script has run.
    await page.waitForLoadState('networkidle', { timeout: Math.min(5000, timeoutMs) }).catch(() => undefined);
    const status = response?.status() ?? null;
    if (status === null) return null;
    return {
      url,
      outcome: status < 400 ? 'ok' : 'http-error',
      status,
      finalUrl: page.url(),
      redirects: [],
      contentType: response?.headers()['content-type'] ?? null,
      contentLength: null,
      durationMs: Date.now() - started,
      error: status < 400 ? null : `HTTP ${status} in the browser`,
      checkedAt: new Date(started).toISOString(),
      via: 'browser',
      attempts: 1,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}
