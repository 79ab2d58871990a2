// The one way checks build a Finding: the fingerprint is stable across runs for the same problem (site,
// type, normalised URL, key detail; design.md), so a re-check can tell 新增 / 已整改 / 未整改.
import { createHash } from 'node:crypto';
import type { Box, EvidenceRef, Finding, FindingType } from '../../shared/domain.js';

export interface FindingInput {
  siteUrl: string;
  type: FindingType;
  /** What is wrong: the broken link, the page with the typo, the guide … */
  url: string;
  /** Where it was seen. */
  pageUrl: string;
  /** Chinese, for the report: what is wrong (the wrong and the right wording, the missing elements …). */
  detail: string;
  /** The part of the detail that identifies the problem across runs (e.g. "中华人民共合国→中华人民共和国"). */
  key: string;
  needsConfirmation?: boolean;
  box?: Box | null;
  data?: Record<string, unknown>;
  evidence?: EvidenceRef[];
}

/** Scheme and host lower-cased, default port, fragment and a lone trailing slash dropped. */
export function normalizeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    const path = u.pathname.length > 1 ? u.pathname.replace(/\/$/, '') : '';
    return `${u.protocol}//${u.host}${path}${u.search}`;
  } catch {
    return url.trim();
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function findingFingerprint(siteUrl: string, type: FindingType, url: string, key: string): string {
  return sha256([normalizeUrl(siteUrl), type, normalizeUrl(url), key.normalize('NFC').trim()].join('\n'));
}

export function makeFinding(input: FindingInput): Finding {
  const fingerprint = findingFingerprint(input.siteUrl, input.type, input.url, input.key);
  return {
    // The same problem seen from two pages is one fingerprint but two findings.
    id: sha256(`${fingerprint}\n${normalizeUrl(input.pageUrl)}`).slice(0, 16),
    fingerprint,
    type: input.type,
    url: input.url,
    pageUrl: input.pageUrl,
    detail: input.detail,
    needsConfirmation: input.needsConfirmation ?? false,
    confirmed: false,
    box: input.box ?? null,
    ...(input.data ? { data: input.data } : {}),
    evidence: input.evidence ?? [],
  };
}
