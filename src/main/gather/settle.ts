// Waiting for a rendered page to be worth reading: 'load', a scroll through so lazy images start, then
// network quiet. No fixed waits beyond the quiet window; everything is bounded by the settle deadline.
import type { Page } from 'playwright-core';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Network quiet: no request in flight for this long. Playwright's 'networkidle' waits a fixed 500 ms after
 * the last request, which was the largest part of a page's render time (bench/render.ts); lazy images
 * started by the scroll begin within a frame or two, well inside this window.
 */
const QUIET_MS = 150;
const SCROLL_STEP_MS = 60;
const MAX_SCROLL_STEPS = 40;

/** Requests in flight on a page, counted from its request events, until disposed. */
export function trackInFlight(page: Page): { count: () => number; dispose: () => void } {
  let inFlight = 0;
  const onRequest = () => inFlight++;
  const onDone = () => (inFlight = Math.max(0, inFlight - 1));
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  return {
    count: () => inFlight,
    dispose: () => {
      page.off('request', onRequest);
      page.off('requestfinished', onDone);
      page.off('requestfailed', onDone);
    },
  };
}

/**
 * Scrolls in viewport steps so lazy images load, then back to the top. One evaluation for the whole
 * scroll (the steps wait inside the page): each round trip to the page costs the browser process CPU.
 */
async function scrollThrough(page: Page, deadline: number): Promise<void> {
  const budget = Math.max(0, deadline - Date.now());
  const script = `(async () => {
    const end = Date.now() + ${budget};
    for (let i = 0; i < ${MAX_SCROLL_STEPS} && Date.now() < end; i++) {
      const before = window.scrollY;
      window.scrollBy(0, window.innerHeight);
      // Nothing new came into view (a page no taller than the window): no lazy image to wait for.
      if (window.scrollY === before) break;
      const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      await new Promise((r) => setTimeout(r, ${SCROLL_STEP_MS}));
      if (atEnd) break;
    }
    window.scrollTo(0, 0);
  })()`;
  // A page whose own scripts keep its main thread busy never answers: the deadline still holds.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    page.evaluate(script).catch(() => undefined),
    new Promise<void>((r) => (timer = setTimeout(r, budget + 1000))),
  ]);
  clearTimeout(timer);
}

/** Waits for 'load', scrolls through, then waits for network quiet; false when 'load' never came. */
export async function settle(page: Page, ms: number, inFlight: () => number): Promise<boolean> {
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
