// Waiting for a rendered page to be worth reading: 'load', a scroll through so lazy images start, then
// network quiet. No fixed waits beyond the quiet window; everything is bounded by the settle deadline.
import type { Page } from 'playwright-core';

/**
 * Network quiet: no request in flight for this long. Playwright's 'networkidle' waits a fixed 500 ms after
 * the last request, which was the largest part of a page's render time (bench/render.ts). The scroll has
 * already waited a step for each screenful, and lazy images start within a frame or two of coming into view,
 * well inside this window; 150 ms cost a sixth of a page's time for nothing more (bench/render.ts).
 */
const QUIET_MS = 100;
const SCROLL_STEP_MS = 60;
const MAX_SCROLL_STEPS = 40;

export interface RequestTracker {
  /** Requests started so far: a change means the page asked for something new. */
  started: () => number;
  /** Resolves once no request has been in flight for `quietMs`, or at `deadline` (epoch ms). */
  quiet: (quietMs: number, deadline: number) => Promise<void>;
  dispose: () => void;
}

/** Requests in flight on a page, counted from its request events, until disposed. */
export function trackInFlight(page: Page): RequestTracker {
  let inFlight = 0;
  let started = 0;
  // The pending quiet() wait: re-armed whenever the last request in flight ends, disarmed when one starts.
  let waiter: { quietMs: number; timer?: NodeJS.Timeout; done: () => void } | null = null;
  const arm = () => {
    if (!waiter || inFlight > 0) return;
    clearTimeout(waiter.timer);
    waiter.timer = setTimeout(waiter.done, waiter.quietMs);
  };
  const onRequest = () => {
    inFlight++;
    started++;
    clearTimeout(waiter?.timer);
  };
  const onDone = () => {
    inFlight = Math.max(0, inFlight - 1);
    arm();
  };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  return {
    started: () => started,
    quiet: (quietMs, deadline) =>
      new Promise<void>((resolve) => {
        const cap = setTimeout(() => current.done(), Math.max(0, deadline - Date.now()));
        const current: NonNullable<typeof waiter> = {
          quietMs,
          done: () => {
            clearTimeout(current.timer);
            clearTimeout(cap);
            if (waiter === current) waiter = null;
            resolve();
          },
        };
        waiter = current;
        arm();
      }),
    dispose: () => {
      waiter?.done();
      page.off('request', onRequest);
      page.off('requestfinished', onDone);
      page.off('requestfailed', onDone);
    },
  };
}

/**
 * Marks a page that creates an IntersectionObserver (the way lazy loaders see what comes into view), so the
 * scroll knows it has something to wake; added to every audited page before its own scripts run.
 */
export const LAZY_OBSERVER_MARK = `(() => {
  const Observer = window.IntersectionObserver;
  if (!Observer) return;
  window.IntersectionObserver = new Proxy(Observer, {
    construct(target, args, newTarget) {
      window.__auditObservesIntersection = true;
      return Reflect.construct(target, args, newTarget);
    },
  });
})()`;

/**
 * What a lazy loader leaves in the markup: native lazy loading, the data-src family of jQuery lazyload and
 * its successors, their marker classes. A page with none of these and no IntersectionObserver has nothing a
 * scroll would load, and scrolling it costs a frame per screenful (a tenth of a page's CPU, bench/render.ts).
 */
const LAZY_MARKUP =
  '[loading=lazy],[data-src],[data-original],[data-lazy],[data-lazy-src],[data-echo],[data-srcset],.lazy,.lazyload';

/**
 * One evaluation that scrolls in viewport steps so lazy images load (when the page has any), back to the top,
 * then evaluates `readScript`: each round trip to the page costs the browser process CPU and the page its time.
 */
function scrollThenRead(readScript: string, budgetMs: number): string {
  return `(async () => {
    const end = Date.now() + ${budgetMs};
    const lazy = window.__auditObservesIntersection || document.querySelector(${JSON.stringify(LAZY_MARKUP)});
    for (let i = 0; lazy && i < ${MAX_SCROLL_STEPS} && Date.now() < end; i++) {
      const before = window.scrollY;
      window.scrollBy(0, window.innerHeight);
      // Nothing new came into view (a page no taller than the window): no lazy image to wait for.
      if (window.scrollY === before) break;
      const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      await new Promise((r) => setTimeout(r, ${SCROLL_STEP_MS}));
      if (atEnd) break;
    }
    window.scrollTo(0, 0);
    return { value: ${readScript} };
  })()`;
}

/**
 * Waits for 'load', scrolls through, reads the page (`readScript`, an expression evaluated in it), then waits
 * for network quiet. Reading before the quiet wait costs a page its time once; when a request started after
 * the scroll began (a lazy image, a late XHR), the page may have changed, so it is read again after the quiet.
 * `loaded` is false when 'load' never came.
 */
export async function settle<T>(
  page: Page,
  ms: number,
  requests: RequestTracker,
  readScript: string,
): Promise<{ loaded: boolean; read: T }> {
  const deadline = Date.now() + ms;
  const loaded = await page
    .waitForLoadState('load', { timeout: ms })
    .then(() => true)
    .catch(() => false);
  const before = requests.started();
  const budget = Math.max(0, deadline - Date.now());
  // A page whose own scripts keep its main thread busy never answers: the deadline still holds.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const early = await Promise.race([
    (page.evaluate(scrollThenRead(readScript, budget)) as Promise<{ value: T }>).catch(() => undefined),
    new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), budget + 1000))),
  ]);
  clearTimeout(timer);
  await requests.quiet(QUIET_MS, Math.max(Date.now() + 200, deadline));
  if (early && requests.started() === before) return { loaded, read: early.value };
  return { loaded, read: (await page.evaluate(readScript)) as T };
}
