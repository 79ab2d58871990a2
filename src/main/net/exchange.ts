// One HTTP request and as much of its body as the caller needs, under a hard deadline. Redirects are
// not followed here (the link checker follows them itself, to see loops and record the chain).
import type { Dispatcher } from 'undici';
import { userAgentHeader } from './options.js';

export type Method = 'GET' | 'HEAD';

export interface Exchange {
  url: string;
  method: Method;
  status: number;
  headers: Record<string, string>;
  /** The body bytes read (at most the limit the caller chose once it saw the headers). */
  body: Buffer;
  /** The whole body was read: `body.length` is its true length. */
  complete: boolean;
  durationMs: number;
}

export interface ExchangeOptions {
  dispatcher: Dispatcher;
  userAgent: string;
  timeoutMs: number;
  /** How many body bytes to read, decided from the status and headers. */
  bodyLimit: (status: number, headers: Record<string, string>) => number;
  /**
   * Keep the connection after a HEAD. undici closes it after every HEAD by default (some servers send a
   * body with their HEAD answers, which would garble the next answer); with this it keeps it when the server
   * answers `Connection: keep-alive`, and the caller deals with the rare server that garbles (see linkCheck).
   */
  reuseAfterHead?: boolean;
  signal?: AbortSignal;
}

/** Raised when the deadline passes; its code classifies as a timeout. */
export class ExchangeTimeoutError extends Error {
  readonly code = 'ERR_LINK_TIMEOUT';
}

/**
 * Sends the request through undici's dispatch handler: no response stream, async iterator or combined
 * AbortSignal per request. A link check is mostly this exchange, and its CPU per answer decides how soon a
 * freed slot gets its next request (measured in BENCHMARKS.md, fifth session).
 */
export function exchange(url: string, method: Method, options: ExchangeOptions): Promise<Exchange> {
  const started = Date.now();
  return new Promise<Exchange>((resolve, reject) => {
    const target = new URL(url);
    let controller: Dispatcher.DispatchController | null = null;
    // A deadline or cancel that comes before the request reaches a connection aborts it once it does.
    let abortReason: Error | null = null;
    let settled = false;
    let status = 0;
    let headers: Record<string, string> = {};
    let limit = 0;
    let chunks: Buffer[] = [];
    let length = 0;
    let keeping = true;

    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCancel);
      finish();
    };
    const answer = (complete: boolean): Exchange => ({
      url,
      method,
      status,
      headers,
      body: Buffer.concat(chunks, length),
      complete,
      durationMs: Date.now() - started,
    });
    const abort = (reason: Error): void => {
      abortReason ??= reason;
      controller?.abort(reason);
    };
    const fail = (reason: Error): void => {
      abort(reason);
      settle(() => reject(reason));
    };
    const onCancel = (): void => fail(asError(options.signal?.reason));
    const timer = setTimeout(
      () => fail(new ExchangeTimeoutError(`no complete answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    if (options.signal?.aborted) return onCancel();
    options.signal?.addEventListener('abort', onCancel, { once: true });

    /** Enough of the body read: answer now, and close the connection unless the rest is short. */
    const stopReading = (): void => {
      keeping = false;
      settle(() => resolve(answer(false)));
      if (!drainable(headers)) abort(new BodyNotWantedError());
    };

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(requestController) {
        controller = requestController;
        if (abortReason) requestController.abort(abortReason);
      },
      onResponseStart(_controller, statusCode, rawHeaders) {
        // An informational answer (100 Continue, 103 Early Hints) comes before the real one.
        if (statusCode < 200) return;
        status = statusCode;
        headers = flattenHeaders(rawHeaders);
        chunks = [];
        length = 0;
        limit = options.bodyLimit(statusCode, headers);
        if (method === 'GET' && limit <= 0) stopReading();
      },
      onResponseData(_controller, chunk) {
        if (!keeping) return;
        chunks.push(chunk);
        length += chunk.length;
        if (length > limit) stopReading();
      },
      onResponseEnd() {
        settle(() => resolve(answer(true)));
      },
      onResponseError(_controller, error) {
        settle(() => reject(abortReason ?? error));
      },
    };
    try {
      options.dispatcher.dispatch(
        {
          origin: target.origin,
          path: `${target.pathname}${target.search}`,
          method,
          // Bounds reading the rest of a short body after the answer (drainable), past the deadline's end.
          bodyTimeout: options.timeoutMs,
          ...(method === 'HEAD' && options.reuseAfterHead ? { reset: false } : {}),
          headers: requestHeaders(options.userAgent),
        },
        handler,
      );
    } catch (err) {
      fail(asError(err));
    }
  });
}

let cachedHeaders: { userAgent: string; headers: Record<string, string> } | null = null;

/** The request headers, built once per User-Agent rather than once per request. */
function requestHeaders(userAgent: string): Record<string, string> {
  if (cachedHeaders?.userAgent !== userAgent) {
    const headers = {
      'user-agent': userAgentHeader(userAgent),
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'accept-language': 'zh-CN,zh;q=0.9',
    };
    cachedHeaders = { userAgent, headers };
  }
  return cachedHeaders.headers;
}

/** Aborts a response whose body is not wanted: the caller already has its answer. */
class BodyNotWantedError extends Error {
  readonly code = 'ERR_BODY_NOT_WANTED';
}

/** Reading the rest of a short body keeps the connection; closing it would cost a new handshake. */
const DRAIN_MAX_BYTES = 64 * 1024;

function drainable(headers: Record<string, string>): boolean {
  const declared = Number(headers['content-length']);
  return Number.isFinite(declared) && declared <= DRAIN_MAX_BYTES;
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason ?? 'aborted'));
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
