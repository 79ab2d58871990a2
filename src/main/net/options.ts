// Network options shared by the HTTP client (and recorded as the run's vantage).
// design.md: `--map-host` sends a host name to an address; `--offline` means no name lookup at all,
// every unmapped name fails as if it did not resolve, and unmapped IP literals fail without a packet sent.
import { isIP } from 'node:net';

export interface NetworkOptions {
  /** Host name (lower case) → 'IP:PORT' or 'IP' (keep the URL's port). */
  mapHost: Record<string, string>;
  offline: boolean;
  proxy: string | null;
  caFile: string | null;
  timeoutMs: number;
  userAgent: string;
}

export const USER_AGENT = 'GovSiteAudit/0.1 (+政务网站检查工作站)';
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The User-Agent as sent: HTTP header values are Latin-1, so the Chinese product name is percent-encoded
 * (`GovSiteAudit/0.1 (+%E6%94%BF…)`); a server log shows the tool's name and stays decodable.
 */
export function userAgentHeader(userAgent: string): string {
  return userAgent.replace(/[^\x20-\x7e]+/g, (run) => encodeURIComponent(run));
}

/** Thrown for a contradictory or malformed option: the CLI turns it into exit code 2. */
export class NetworkOptionsError extends Error {}

/** Raised before any socket is opened when the offline rules forbid a connection. */
export class OfflineBlockedError extends Error {
  constructor(
    message: string,
    readonly code: 'ENOTFOUND' | 'ERR_OFFLINE_BLOCKED',
    readonly hostname: string,
  ) {
    super(message);
  }
}

export function defaultNetworkOptions(overrides: Partial<NetworkOptions> = {}): NetworkOptions {
  const opts: NetworkOptions = {
    mapHost: {},
    offline: false,
    proxy: null,
    caFile: null,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    userAgent: USER_AGENT,
    ...overrides,
  };
  return validateNetworkOptions(opts);
}

/** Parses repeated `--map-host HOST=IP[:PORT]` values. */
export function parseMapHost(entries: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new NetworkOptionsError(`--map-host expects HOST=IP:PORT, got "${entry}"`);
    const host = entry.slice(0, eq).trim().toLowerCase();
    const target = entry.slice(eq + 1).trim();
    parseTarget(target, entry);
    map[host] = target;
  }
  return map;
}

/**
 * Rejects combinations that would not do what they say. `--offline` with `--proxy` is refused: offline
 * forbids every connection except to mapped addresses, which never need the proxy, so the proxy would
 * carry nothing while the user believes it is in use.
 */
export function validateNetworkOptions(opts: NetworkOptions): NetworkOptions {
  if (opts.offline && opts.proxy) {
    throw new NetworkOptionsError(
      '--offline and --proxy cannot be combined: offline only reaches mapped hosts',
    );
  }
  if (opts.proxy) {
    let proxyUrl: URL;
    try {
      proxyUrl = new URL(opts.proxy);
    } catch {
      throw new NetworkOptionsError(`--proxy is not a URL: "${opts.proxy}"`);
    }
    if (proxyUrl.protocol !== 'http:' && proxyUrl.protocol !== 'https:') {
      throw new NetworkOptionsError(`--proxy must be http:// or https://, got "${opts.proxy}"`);
    }
  }
  if (!(opts.timeoutMs > 0)) throw new NetworkOptionsError(`timeout must be positive, got ${opts.timeoutMs}`);
  const mapHost: Record<string, string> = {};
  for (const [host, target] of Object.entries(opts.mapHost)) {
    parseTarget(target, `${host}=${target}`);
    mapHost[host.toLowerCase()] = target;
  }
  return { ...opts, mapHost };
}

export interface ResolvedTarget {
  /** Where the socket goes: an IP literal under mapping or offline, otherwise the original name. */
  host: string;
  port: number;
  mapped: boolean;
}

/**
 * Where a connection to `host:port` must go, or an OfflineBlockedError when the offline rules forbid it.
 * Under offline, an IP literal is allowed only when it is one of the mapped targets' addresses.
 */
export function resolveTarget(host: string, port: number, opts: NetworkOptions): ResolvedTarget {
  const name = stripBrackets(host).toLowerCase().replace(/\.$/, '');
  const mapped = opts.mapHost[`${name}:${port}`] ?? opts.mapHost[name];
  if (mapped !== undefined) {
    const target = parseTarget(mapped, `${name}=${mapped}`);
    return { host: target.ip, port: target.port ?? port, mapped: true };
  }
  if (!opts.offline) return { host: name, port, mapped: false };
  if (isIP(name) === 0) {
    throw new OfflineBlockedError(
      `getaddrinfo ENOTFOUND ${name} (offline: unmapped name)`,
      'ENOTFOUND',
      name,
    );
  }
  if (mappedAddresses(opts).has(name)) return { host: name, port, mapped: false };
  throw new OfflineBlockedError(
    `offline: connection to unmapped IP literal ${name}:${port} blocked`,
    'ERR_OFFLINE_BLOCKED',
    name,
  );
}

function mappedAddresses(opts: NetworkOptions): Set<string> {
  return new Set(Object.values(opts.mapHost).map((t) => parseTarget(t, t).ip));
}

function parseTarget(target: string, entry: string): { ip: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(target);
  const [ip, portText] = bracketed
    ? [bracketed[1], bracketed[2]]
    : isIP(target) === 6
      ? [target, undefined]
      : (target.split(':') as [string, string | undefined]);
  if (isIP(ip) === 0)
    throw new NetworkOptionsError(`--map-host target must be IP or IP:PORT, got "${entry}"`);
  if (portText === undefined) return { ip, port: null };
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new NetworkOptionsError(`--map-host port out of range in "${entry}"`);
  }
  return { ip, port };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
