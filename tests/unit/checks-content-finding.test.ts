import { describe, expect, test } from 'vitest';
import { findingFingerprint, makeFinding, normalizeUrl } from '../../src/main/checks/finding.js';

const base = {
  siteUrl: 'https://www.yichun.gov.cn/',
  type: 'typo' as const,
  url: 'https://www.yichun.gov.cn/art/1.html',
  pageUrl: 'https://www.yichun.gov.cn/art/1.html',
  detail: '错别字：“按居乐业”应为“安居乐业”',
  key: '按居乐业→安居乐业',
};

describe('makeFinding', () => {
  test('fingerprint: stable, and equal for URLs that differ only in case of host, fragment or trailing slash', () => {
    expect(normalizeUrl('HTTPS://WWW.Yichun.gov.cn:443/art/1.html#top')).toBe(
      'https://www.yichun.gov.cn/art/1.html',
    );
    expect(normalizeUrl('https://x.gov.cn/col/')).toBe('https://x.gov.cn/col');
    const a = makeFinding(base);
    const b = makeFinding({
      ...base,
      url: 'https://WWW.yichun.gov.cn/art/1.html#p2',
      detail: 'other wording',
    });
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.fingerprint).toBe(findingFingerprint(base.siteUrl, 'typo', base.url, base.key));
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
  });

  test('a different key, type or page gives a different identity', () => {
    const a = makeFinding(base);
    expect(makeFinding({ ...base, key: '其他' }).fingerprint).not.toBe(a.fingerprint);
    expect(makeFinding({ ...base, type: 'severe-error' }).fingerprint).not.toBe(a.fingerprint);
    const otherPage = makeFinding({ ...base, pageUrl: 'https://www.yichun.gov.cn/' });
    expect(otherPage.fingerprint).toBe(a.fingerprint);
    expect(otherPage.id).not.toBe(a.id);
  });

  test('defaults: not confirmed, no box, no evidence yet', () => {
    expect(makeFinding(base)).toMatchObject({
      needsConfirmation: false,
      confirmed: false,
      box: null,
      evidence: [],
    });
  });
});
