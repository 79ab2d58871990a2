// The HTTP client every gatherer shares: an undici dispatcher that applies --map-host and --offline at
// connect time (the Host header and the TLS server name stay the original name), --proxy, --ca-file,
// per-origin connection limits and keep-alive.
import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { buildConnector as UndiciConnector, Dispatcher } from 'undici';
import { Agent, buildConnector, EnvHttpProxyAgent } from './undiciPool.js';
import { OfflineBlockedError, resolveTarget, type NetworkOptions } from './options.js';

export interface HttpClientLimits {
  /** Connections per origin (`--per-host`, default 4). */
  perHost?: number;
}

export interface HttpClient {
  readonly options: NetworkOptions;
  /** Verifies certificates against the system roots plus `--ca-file`. */
  readonly dispatcher: Dispatcher;
  /**
   * Accepts any certificate. Only used after a TLS failure, to learn whether the content still loads
   * (the standard audits a site with a bad certificate; the certificate is a finding of its own).
   */
  insecure(): Dispatcher;
  close(): Promise<void>;
}

export const DEFAULT_PER_HOST = 4;
const KEEP_ALIVE_MS = 10_000;

export function createHttpClient(options: NetworkOptions, limits: HttpClientLimits = {}): HttpClient {
  const extraCa = options.caFile ? readFileSync(options.caFile, 'utf8') : null;
  const build = (verify: boolean): Dispatcher => buildDispatcher(options, limits, extraCa, verify);
  const dispatcher = build(true);
  let insecure: Dispatcher | null = null;
  return {
    options,
    dispatcher,
    insecure: () => (insecure ??= build(false)),
    close: async () => {
      await Promise.all([dispatcher.close(), insecure?.close()]);
    },
  };
}

function buildDispatcher(
  options: NetworkOptions,
  limits: HttpClientLimits,
  extraCa: string | null,
  verify: boolean,
): Dispatcher {
  const tls = {
    rejectUnauthorized: verify,
    ...(extraCa ? { ca: [...rootCertificates, extraCa] } : {}),
  };
  const common = {
    connections: limits.perHost ?? DEFAULT_PER_HOST,
    keepAliveTimeout: KEEP_ALIVE_MS,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: mappingConnector(options, tls),
  };
  if (!options.proxy) return new Agent(common);
  // Mapped hosts are an explicit "send this name to this address": they bypass the proxy.
  return new EnvHttpProxyAgent({
    ...common,
    httpProxy: options.proxy,
    httpsProxy: options.proxy,
    noProxy: Object.keys(options.mapHost).join(','),
    requestTls: tls,
    proxyTls: tls,
  });
}

/** Wraps undici's connector: the socket goes to the resolved target, never to a forbidden address. */
function mappingConnector(
  options: NetworkOptions,
  tls: { rejectUnauthorized: boolean; ca?: string[] },
): UndiciConnector.connector {
  const base = buildConnector({
    timeout: options.timeoutMs,
    ...tls,
    // Offline never resolves a name: every allowed target is already an IP literal.
    ...(options.offline ? { lookup: refuseLookup } : {}),
  });
  return (params, callback) => {
    const port = Number(params.port) || (params.protocol === 'https:' ? 443 : 80);
    let target;
    try {
      target = resolveTarget(params.hostname, port, options);
    } catch (err) {
      callback(err as Error, null);
      return;
    }
    // `host` keeps the original name: undici derives the TLS server name (SNI, certificate check) from it.
    base({ ...params, hostname: target.host, port: String(target.port) }, callback);
  };
}

const refuseLookup: LookupFunction = (hostname, _options, callback) => {
  const err = new OfflineBlockedError(`offline: lookup of ${hostname} refused`, 'ENOTFOUND', hostname);
  (callback as (e: NodeJS.ErrnoException) => void)(err);
};
