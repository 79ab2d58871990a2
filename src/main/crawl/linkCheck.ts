// The HTTP link checker: each URL once per run, HEAD falling back to GET, redirects followed by hand
// (loops detected), retries with backoff for dropped connections and 5xx, 429/503 Retry-After honoured
// with the host held, throttled URLs re-checked in a slower second pass, WAF answers handed to the
// browser before anything is called broken.
import type { LinkResult } from '../artifacts.js';
import { decodeBody } from '../net/decode.js';
import { exchange, type Exchange, type Method } from '../net/exchange.js';
import type { HttpClient } from '../net/httpClient.js';
import { HostPacer } from './hostPacer.js';
import { HostQueues } from './hostQueues.js';
import { laterTurn } from './laterTurn.js';
import {
  CHALLENGE_STATUSES,
  isAttachment,
  looksLikeChallenge,
  looksLikeSoft404,
  prefersHead,
  skipReason,
  SOFT_404_MAX_BYTES,
  SOFT_404_PHRASES,
  WAF_MARKERS,
} from './linkSignals.js';
import {
  classifyNetworkError,
  isCertificateError,
  isProtocolError,
  isRetryableFailure,
  type NetworkFailure,
} from './linkOutcome.js';
import { Semaphore } from './semaphore.js';
import { hostOf, linkKey } from './urlNormalize.js';

export interface LinkCheckOptions {
  client: HttpClient;
  /** Checks in flight overall. */
  concurrency?: number;
  /** Requests in flight per host (`--per-host`). */
  perHost?: number;
  /** Minimum interval between request starts on one host. */
  minIntervalMs?: number;
  timeoutMs?: number;
  /** Extra attempts after a dropped connection or a 5xx. */
  retries?: number;
  retryBaseDelayMs?: number;
  maxRedirects?: number;
  /** Retry-After beyond this is shortened to it. */
  maxRetryAfterMs?: number;
  /** Hold after a 429 without Retry-After. */
  throttleDelayMs?: number;
  /** Attempts per throttled URL in the second pass before it ends `unchecked`. */
  throttleAttempts?: number;
  /** Minimum interval per host in the second pass (one request at a time). */
  secondPassIntervalMs?: number;
  /** Largest page body read when the caller wants the page itself (HTTP crawl). */
  maxPageBytes?: number;
  soft404Phrases?: readonly string[];
  wafMarkers?: readonly string[];
  /** Re-checks an anti-bot answer in the browser; null when the browser could not decide either. */
  recheckInBrowser?: (url: string) => Promise<LinkResult | null>;
  signal?: AbortSignal;
  /** Resolves when requests may go out: a paused run holds every request here until it is resumed. */
  whenRunning?: () => Promise<void>;
}

export const LINK_CHECK_DEFAULTS = {
  concurrency: 16,
  perHost: 4,
  minIntervalMs: 0,
  timeoutMs: 15_000,
  retries: 2,
  retryBaseDelayMs: 500,
  maxRedirects: 10,
  maxRetryAfterMs: 60_000,
  throttleDelayMs: 5_000,
  throttleAttempts: 3,
  secondPassIntervalMs: 2_000,
  maxPageBytes: 10 * 1024 * 1024,
} as const;

type Settings = Omit<Required<LinkCheckOptions>, 'recheckInBrowser' | 'signal' | 'whenRunning'> &
  Pick<LinkCheckOptions, 'recheckInBrowser' | 'signal' | 'whenRunning'>;

/** A checked page with its body, for the HTTP-only crawl. */
export interface FetchedPage {
  /** Null while the page waits for the second pass (throttled). */
  result: LinkResult | null;
  /** Decoded HTML when the final answer was a complete 2xx HTML body; null otherwise. */
  html: string | null;
  finalUrl: string;
}

/** An answer that may be an anti-bot wall: a challenge page, or a bare 403 a browser might get past. */
type WafSuspicion = 'challenge' | 'refused' | null;

type Inspection =
  | { kind: 'final'; result: LinkResult; exchange: Exchange | null; waf: WafSuspicion }
  | { kind: 'throttled'; delayMs: number; status: number; attempts: number };

interface Throttled {
  key: string;
  delayMs: number;
  attempts: number;
}

export class LinkChecker {
  private readonly settings: Settings;
  private readonly semaphore: Semaphore;
  private readonly pacer: HostPacer;
  private readonly results = new Map<string, LinkResult>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Links added but not started yet, per host. */
  private readonly queues: HostQueues;
  /** The first check that failed outright (a cancelled run): `finish` rethrows it. */
  private failure: { error: unknown } | null = null;
  private readonly throttled: Throttled[] = [];
  /** Hosts that sent a body with a HEAD answer on a kept connection: their HEADs close it again. */
  private readonly closeAfterHead = new Set<string>();

  constructor(
    options: LinkCheckOptions,
    private readonly onResult?: (result: LinkResult) => void,
  ) {
    this.settings = {
      ...LINK_CHECK_DEFAULTS,
      soft404Phrases: SOFT_404_PHRASES,
      wafMarkers: WAF_MARKERS,
      ...options,
    };
    this.semaphore = new Semaphore(this.settings.concurrency);
    this.pacer = new HostPacer({
      perHost: this.settings.perHost,
      minIntervalMs: this.settings.minIntervalMs,
    });
    this.queues = new HostQueues(2 * this.settings.perHost, (key) => this.startFirstPass(key));
  }

  /** Queues `url` (fragment ignored) unless it was already queued in this run. */
  add(url: string): void {
    // A crawl adds the same URL once per page linking to it: the common repeat skips the parse.
    if (this.known(url)) return;
    const key = linkKey(url) ?? url;
    if (this.known(key)) return;
    const skip = skipReason(key);
    if (skip) {
      this.record(resultOf(key, 'skipped', { error: skip, via: 'http', attempts: 0 }));
      return;
    }
    const host = hostOf(key);
    if (host === null) {
      this.record(resultOf(key, 'http-error', { error: 'malformed URL', via: 'http', attempts: 0 }));
      return;
    }
    this.queues.push(host, key);
  }

  private known(key: string): boolean {
    return this.results.has(key) || this.inFlight.has(key) || this.queues.has(key);
  }

  /** Starts a waiting link's check; the promise it returns never rejects (`finish` rethrows instead). */
  private startFirstPass(key: string): Promise<void> {
    const task = this.firstPass(key);
    this.inFlight.set(key, task);
    return task.then(
      () => void this.inFlight.delete(key),
      (error: unknown) => {
        this.inFlight.delete(key);
        this.failure ??= { error };
      },
    );
  }

  /**
   * Fetches a page for the HTTP crawl: its check result (recorded like any link, so `add` will not check it
   * again) and its HTML to extract links from. A throttled page is left to the second pass and comes back
   * without HTML.
   */
  async fetchPage(url: string): Promise<FetchedPage> {
    const key = linkKey(url) ?? url;
    let settle: () => void = () => undefined;
    this.inFlight.set(key, new Promise<void>((resolve) => (settle = resolve)));
    try {
      const inspection = await this.inspect(key, this.pacer, true);
      if (inspection.kind === 'throttled') {
        this.deferThrottled(key, inspection);
        return { result: null, html: null, finalUrl: key };
      }
      const result = await this.afterWaf(key, inspection);
      this.record(result);
      const ex = inspection.exchange;
      const type = ex?.headers['content-type'] ?? 'text/html';
      const usable = ex !== null && ex.complete && ex.status < 300 && /html|xml/i.test(type);
      return {
        result,
        html: usable ? bodyText(ex) : null,
        finalUrl: result.finalUrl ?? key,
      };
    } finally {
      this.inFlight.delete(key);
      settle();
    }
  }

  /** Waits for the first pass, runs the slower second pass over throttled URLs, returns every result. */
  async finish(): Promise<LinkResult[]> {
    // A page fetch may add links, and a finished check starts a waiting one: wait until neither is left.
    while (this.inFlight.size > 0 || !this.queues.idle)
      await Promise.all([this.queues.drained(), ...this.inFlight.values()]);
    if (this.failure) throw this.failure.error;
    await this.secondPass();
    return [...this.results.values()];
  }

  private async firstPass(key: string): Promise<void> {
    const inspection = await this.inspect(key, this.pacer, false);
    if (inspection.kind === 'throttled') this.deferThrottled(key, inspection);
    else this.record(await this.afterWaf(key, inspection));
  }

  private deferThrottled(key: string, inspection: Extract<Inspection, { kind: 'throttled' }>): void {
    this.pacer.holdUntil(new URL(key).host, Date.now() + inspection.delayMs);
    this.throttled.push({ key, delayMs: inspection.delayMs, attempts: inspection.attempts });
  }

  /** One request at a time per host, spaced out, each URL waiting its Retry-After before each attempt. */
  private async secondPass(): Promise<void> {
    const slow = new HostPacer({ perHost: 1, minIntervalMs: this.settings.secondPassIntervalMs });
    const pending = this.throttled.splice(0);
    await Promise.all(
      pending.map(async (item) => {
        let delayMs = item.delayMs;
        let attempts = item.attempts;
        let status = 429;
        for (let round = 0; round < this.settings.throttleAttempts; round++) {
          slow.holdUntil(new URL(item.key).host, Date.now() + delayMs);
          const inspection = await this.inspect(item.key, slow, false);
          if (inspection.kind === 'final') {
            inspection.result.attempts += attempts;
            this.record(await this.afterWaf(item.key, inspection));
            return;
          }
          attempts += inspection.attempts;
          delayMs = inspection.delayMs;
          status = inspection.status;
        }
        const error = `still throttled (${status}) after ${attempts} attempts`;
        this.record(resultOf(item.key, 'unchecked', { status, error, via: 'http', attempts }));
      }),
    );
  }

  /** Anti-bot answers go to the browser; without one, they end unchecked, never broken. */
  private async afterWaf(
    key: string,
    inspection: Extract<Inspection, { kind: 'final' }>,
  ): Promise<LinkResult> {
    const { result, waf } = inspection;
    if (waf === null) return result;
    const viaBrowser = (await this.settings.recheckInBrowser?.(key)) ?? null;
    // The browser met the same challenge status (a challenge its script alone cannot clear, e.g. one that
    // wants a person): still blocked, so unchecked, never broken (hostile suite, /waf.html).
    const stillChallenged = viaBrowser?.status != null && CHALLENGE_STATUSES.has(viaBrowser.status);
    if (viaBrowser && !stillChallenged)
      return { ...viaBrowser, url: key, attempts: viaBrowser.attempts + result.attempts };
    if (waf === 'refused' && !stillChallenged) return result;
    return {
      ...result,
      outcome: 'unchecked',
      error: `blocked by anti-bot protection (HTTP ${result.status})`,
    };
  }

  private record(result: LinkResult): void {
    this.results.set(result.url, result);
    this.onResult?.(result);
  }

  /** Follows one URL to its final answer. */
  private async inspect(url: string, pacer: HostPacer, wantPage: boolean): Promise<Inspection> {
    const started = Date.now();
    const redirects: string[] = [];
    const seen = new Set([url]);
    let current = url;
    let method: Method = !wantPage && prefersHead(url) ? 'HEAD' : 'GET';
    let attempts = 0;
    let tlsError: string | null = null;
    const finalResult = (
      outcome: LinkResult['outcome'],
      ex: Exchange | null,
      error: string | null,
      waf: WafSuspicion = null,
    ): Inspection => ({
      kind: 'final',
      exchange: ex,
      waf,
      result: {
        ...resultOf(url, outcome, { status: ex?.status ?? null, error, via: 'http', attempts }),
        finalUrl: current,
        redirects,
        contentType: ex?.headers['content-type'] ?? null,
        contentLength: ex ? contentLength(ex) : null,
        durationMs: Date.now() - started,
        headers: ex?.headers,
      },
    });
    for (;;) {
      const answer = await this.request(current, method, pacer, wantPage, tlsError !== null);
      attempts += answer.attempts;
      tlsError ??= answer.tlsError;
      if ('failure' in answer) {
        const error = tlsError
          ? `${answer.failure.message} (after TLS error ${tlsError})`
          : answer.failure.message;
        return finalResult(answer.failure.outcome, null, error);
      }
      const ex = answer.exchange;
      const location = ex.headers.location;
      if (ex.status >= 300 && ex.status < 400 && location) {
        const next = linkKey(location, current);
        if (!next || skipReason(next))
          return finalResult('http-error', ex, `redirect to unusable Location ${location}`);
        if (seen.has(next)) return finalResult('redirect-loop', ex, `redirect loop back to ${next}`);
        if (redirects.length >= this.settings.maxRedirects) {
          return finalResult('redirect-loop', ex, `more than ${this.settings.maxRedirects} redirects`);
        }
        seen.add(next);
        redirects.push(next);
        current = next;
        if (ex.status === 303) method = 'GET';
        continue;
      }
      if (method === 'HEAD' && headUnreliable(ex, current)) {
        method = 'GET';
        continue;
      }
      const retryAfter = throttleDelay(ex, this.settings);
      if (retryAfter !== null) return { kind: 'throttled', delayMs: retryAfter, status: ex.status, attempts };
      const { outcome, error, waf } = this.judge(ex, current, tlsError);
      return finalResult(outcome, ex, error, waf);
    }
  }

  private judge(
    ex: Exchange,
    url: string,
    tlsError: string | null,
  ): { outcome: LinkResult['outcome']; error: string | null; waf: WafSuspicion } {
    const body = (): string => bodyText(ex);
    const fail = (error: string, waf: WafSuspicion = null) => ({
      outcome: 'http-error' as const,
      error,
      waf,
    });
    if (CHALLENGE_STATUSES.has(ex.status)) return fail(`HTTP ${ex.status}`, 'challenge');
    if (ex.status === 403)
      return fail('HTTP 403', looksLikeChallenge(body(), this.settings.wafMarkers) ? 'challenge' : 'refused');
    if (ex.status >= 400) return fail(`HTTP ${ex.status}`);
    if (ex.status >= 300) return fail(`HTTP ${ex.status} without Location`);
    const small = ex.complete && ex.body.length <= SOFT_404_MAX_BYTES;
    if (isAttachment(url) && ex.method === 'GET' && ex.complete && ex.body.length === 0) {
      return { outcome: 'empty-attachment', error: 'attachment has 0 bytes', waf: null };
    }
    if (
      /html/i.test(ex.headers['content-type'] ?? '') &&
      small &&
      looksLikeSoft404(body(), this.settings.soft404Phrases)
    ) {
      return { outcome: 'soft-404', error: 'page says it does not exist (status 200)', waf: null };
    }
    if (tlsError) return { outcome: 'tls-invalid', error: tlsError, waf: null };
    return { outcome: 'ok', error: null, waf: null };
  }

  /** One exchange with retries; a certificate failure switches to the insecure dispatcher for the rest. */
  private async request(
    url: string,
    method: Method,
    pacer: HostPacer,
    wantPage: boolean,
    insecure: boolean,
  ): Promise<
    { attempts: number; tlsError: string | null } & ({ exchange: Exchange } | { failure: NetworkFailure })
  > {
    const { client, retries, retryBaseDelayMs, timeoutMs } = this.settings;
    let tlsError: string | null = null;
    let attempts = 0;
    const host = new URL(url).host;
    for (;;) {
      attempts++;
      await this.settings.whenRunning?.();
      // Page fetches of the crawl go first: they discover the links everything else is waiting for.
      const release = await pacer.acquire(host, this.settings.signal, wantPage);
      // Reusing connections after HEAD saves a TCP (and TLS) handshake per HEAD: most checks are HEADs.
      const reuseAfterHead = !this.closeAfterHead.has(host);
      let outcome: { exchange: Exchange } | { failure: NetworkFailure; err: unknown };
      try {
        const ex = await this.semaphore.run(
          () =>
            exchange(url, method, {
              dispatcher: insecure || tlsError ? client.insecure() : client.dispatcher,
              userAgent: client.options.userAgent,
              timeoutMs,
              bodyLimit: (status, headers) =>
                bodyLimit(url, status, headers, wantPage, this.settings.maxPageBytes),
              reuseAfterHead,
              signal: this.settings.signal,
            }),
          wantPage,
        );
        outcome = { exchange: ex };
      } catch (err) {
        outcome = { failure: classifyNetworkError(err), err };
      } finally {
        release();
      }
      const canRetry = attempts <= retries;
      if ('failure' in outcome) {
        if (!insecure && !tlsError && isCertificateError(outcome.err)) {
          tlsError = outcome.failure.code;
          attempts--;
          continue;
        }
        // A garbled answer where connections outlive HEADs: the host sent a body after a HEAD answer, which
        // the next answer on that connection inherited. Not this URL's fault: its HEADs close connections
        // from now on, and this request goes again without spending a retry.
        if (reuseAfterHead && isProtocolError(outcome.err)) {
          this.closeAfterHead.add(host);
          attempts--;
          continue;
        }
        if (canRetry && isRetryableFailure(outcome.failure)) {
          await sleep(retryBaseDelayMs * 2 ** (attempts - 1), this.settings.signal);
          continue;
        }
        return { attempts, tlsError, failure: outcome.failure };
      }
      const status = outcome.exchange.status;
      if (
        canRetry &&
        status >= 500 &&
        status !== 501 &&
        throttleDelay(outcome.exchange, this.settings) === null
      ) {
        await sleep(retryBaseDelayMs * 2 ** (attempts - 1), this.settings.signal);
        continue;
      }
      // Judging and parsing wait for a later turn of the event loop, so answers arriving meantime are read
      // and their slots refilled first (laterTurn.ts).
      await laterTurn();
      return { attempts, tlsError, exchange: outcome.exchange };
    }
  }
}

/** Checks every URL once and returns one result per distinct URL (fragments ignored). */
export async function checkLinks(
  urls: readonly string[],
  options: LinkCheckOptions,
  onResult?: (result: LinkResult) => void,
): Promise<LinkResult[]> {
  const checker = new LinkChecker(options, onResult);
  for (const url of urls) checker.add(url);
  return checker.finish();
}

/** A same-page `#fragment` link against the ids and names present in the DOM. */
export function checkFragment(url: string, anchors: readonly string[]): LinkResult {
  const hash = url.includes('#') ? url.slice(url.indexOf('#') + 1) : '';
  const id = safeDecode(hash);
  // '#' and '#top' scroll to the top in every browser.
  const found = id === '' || id.toLowerCase() === 'top' || anchors.includes(id) || anchors.includes(hash);
  return resultOf(url, found ? 'ok' : 'http-error', {
    error: found ? null : `no element with id or name "${id}" on the page`,
    via: 'dom',
    attempts: 0,
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function resultOf(
  url: string,
  outcome: LinkResult['outcome'],
  extra: Partial<LinkResult> & Pick<LinkResult, 'via'>,
): LinkResult {
  return {
    url,
    outcome,
    status: null,
    finalUrl: null,
    redirects: [],
    contentType: null,
    contentLength: null,
    durationMs: 0,
    error: null,
    checkedAt: new Date().toISOString(),
    attempts: 1,
    ...extra,
  };
}

/**
 * HEAD answers that cannot be trusted: refused (405/403/501, or any error some servers give HEAD only),
 * and attachments announced empty or as HTML (several CMSs answer HEAD with a bare header set).
 */
function headUnreliable(ex: Exchange, url: string): boolean {
  if (ex.status >= 400) return true;
  if (ex.status >= 300 || !isAttachment(url)) return false;
  const length = contentLength(ex);
  return length === null || length === 0 || /html/i.test(ex.headers['content-type'] ?? '');
}

/** How much body to read: HTML that may be a soft 404 (or a page the crawl wants), one byte of anything else. */
function bodyLimit(
  url: string,
  status: number,
  headers: Record<string, string>,
  wantPage: boolean,
  maxPageBytes: number,
): number {
  if (status >= 300 && status < 400) return 0;
  const type = headers['content-type'] ?? '';
  const htmlLike = type === '' || /html|xml|text\/plain/i.test(type);
  if (wantPage && htmlLike) return maxPageBytes;
  if (htmlLike || status === 403) return SOFT_404_MAX_BYTES;
  // One byte tells an empty attachment from a real one without downloading it.
  return isAttachment(url) ? 1 : 0;
}

const decodedBodies = new WeakMap<Exchange, string>();

/** The body as text, decoded once: a crawled page is read by the soft-404 test and by link extraction. */
function bodyText(ex: Exchange): string {
  let text = decodedBodies.get(ex);
  if (text === undefined) {
    text = decodeBody(ex.body, ex.headers['content-type'] ?? null).text;
    decodedBodies.set(ex, text);
  }
  return text;
}

function contentLength(ex: Exchange): number | null {
  const header = ex.headers['content-length'];
  if (header !== undefined && /^\d+$/.test(header)) return Number(header);
  return ex.complete && ex.method === 'GET' ? ex.body.length : null;
}

/** The hold a 429 (or a 503 with Retry-After) asks for, capped; null when the answer is not a throttle. */
function throttleDelay(ex: Exchange, settings: Settings): number | null {
  const retryAfter = ex.headers['retry-after'];
  if (ex.status !== 429 && !(ex.status === 503 && retryAfter !== undefined)) return null;
  const parsed = retryAfter === undefined ? null : parseRetryAfter(retryAfter);
  return Math.min(parsed ?? settings.throttleDelayMs, settings.maxRetryAfterMs);
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string, now = Date.now()): number | null {
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
