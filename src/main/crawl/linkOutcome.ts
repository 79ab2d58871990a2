// Maps network failures to the link classes of domain.ts (which classes count as broken is checks/links.ts).
import type { LinkOutcome } from '../../shared/domain.js';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA']);
const REFUSED_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ERR_OFFLINE_BLOCKED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ERR_LINK_TIMEOUT',
]);
/** Certificate problems: the connection can still be made without verification, to see if content loads. */
const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
]);

export interface NetworkFailure {
  outcome: LinkOutcome;
  /** The most specific error code found on the error or its causes. */
  code: string;
  message: string;
}

/** The root cause's code (undici wraps socket errors: UND_ERR_SOCKET → ECONNRESET). */
export function errorCode(err: unknown): string {
  let code: string | null = null;
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const own = (e as { code?: unknown }).code;
    if (typeof own === 'string') code = own;
  }
  return code ?? (err as { name?: string })?.name ?? 'UNKNOWN';
}

export function isCertificateError(err: unknown): boolean {
  return CERT_CODES.has(errorCode(err));
}

export function classifyNetworkError(err: unknown): NetworkFailure {
  const code = errorCode(err);
  const message = `${code}: ${(err as Error)?.message ?? String(err)}`;
  if (DNS_CODES.has(code)) return { outcome: 'dns', code, message };
  if (REFUSED_CODES.has(code)) return { outcome: 'refused', code, message };
  if (TIMEOUT_CODES.has(code)) return { outcome: 'timeout', code, message };
  if (CERT_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return { outcome: 'tls-invalid', code, message };
  }
  // ECONNRESET, EPIPE, "other side closed" and any other dropped connection.
  return { outcome: 'reset', code, message };
}

/** The answer was not HTTP at all: undici's parser failed on what the connection delivered. */
export function isProtocolError(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'HTTPParserError' || code.startsWith('HPE_');
}

/** Worth another attempt: a dropped connection may be transient; names, certificates and timeouts are not. */
export function isRetryableFailure(failure: NetworkFailure): boolean {
  return (
    failure.outcome === 'reset' || (failure.outcome === 'refused' && failure.code !== 'ERR_OFFLINE_BLOCKED')
  );
}
