// One HTTP request and as much of its body as the caller needs, under a hard deadline. Redirects are
// not followed here (the link checker follows them itself, to see loops and record the chain).
import { request, type Dispatcher } from 'undici';
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

export async function exchange(url: string, method: Method, options: ExchangeOptions): Promise<Exchange> {
  const started = Date.now();
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new ExchangeTimeoutError(`no complete answer within ${options.timeoutMs} ms`)),
    options.timeoutMs,
  );
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    const response = await request(url, {
      method,
      dispatcher: options.dispatcher,
      signal,
      ...(method === 'HEAD' && options.reuseAfterHead ? { reset: false } : {}),
      headers: {
        'user-agent': userAgentHeader(options.userAgent),
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'accept-language': 'zh-CN,zh;q=0.9',
      },
    });
    const headers = flattenHeaders(response.headers);
    const limit = options.bodyLimit(response.statusCode, headers);
    const { body, complete } = await readBody(response.body, method, limit);
    return {
      url,
      method,
      status: response.statusCode,
      headers,
      body,
      complete,
      durationMs: Date.now() - started,
    };
  } catch (err) {
    throw deadline.signal.aborted ? deadline.signal.reason : err;
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(
  body: Dispatcher.ResponseData['body'],
  method: Method,
  limit: number,
): Promise<{ body: Buffer; complete: boolean }> {
  if (method === 'HEAD') {
    await body.dump();
    return { body: Buffer.alloc(0), complete: true };
  }
  const chunks: Buffer[] = [];
  let length = 0;
  if (limit > 0) {
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length > limit) break;
    }
  }
  const complete = limit > 0 && length <= limit;
  // Stopping early closes the connection: cheaper than downloading a large attachment to the end. undici
  // reports the abort as an 'error' event, which is expected here and must not become an uncaught one.
  if (!complete) body.on('error', ignore).destroy();
  return { body: Buffer.concat(chunks, length), complete };
}

function ignore(): void {}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
