// The generated county (tests/fixtures/portal): every planted content, identity, interaction and guide
// defect is found, near misses and the clean site (sjj) give nothing. Pages are turned into artifacts
// from their static HTML (the generator's markup; the real gatherer renders them in Chromium).
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, test } from 'vitest';
import type { LinkResult, ListBlock, PageArtifact, SiteArtifacts } from '../../src/main/artifacts.js';
import type { Finding } from '../../src/shared/domain.js';
import { compileScanner, type TextScanner } from '../../src/main/checks/content/scanner.js';
import { checkPageText } from '../../src/main/checks/content/text-checks.js';
import { checkGuideAttachments, checkGuideElements } from '../../src/main/checks/guides/guides.js';
import { checkDomain } from '../../src/main/checks/identity/domain.js';
import { checkIdentity } from '../../src/main/checks/identity/footer.js';
import { checkFindFault, checkSearch, checkSiteName } from '../../src/main/checks/identity/functions.js';
import { checkPageTags } from '../../src/main/checks/identity/tags.js';
import { checkConsultationMissing } from '../../src/main/checks/interaction/channels.js';
import { generateCounty, type GeneratedSite, type Route } from '../fixtures/portal/generate.js';
import type { CountyManifest, ManifestSite } from '../fixtures/portal/manifest.js';
import { context, htmlLinks, htmlMeta, htmlText, lexicons, page } from './checks-content-fixtures.js';

const AS_OF = '2026-11-20';
const TYPES = new Set([
  'severe-error',
  'typo',
  'prohibited-content',
  'consultation-missing',
  // consultation-unanswered is the rule pack's judgement (scoring): tests/integration/cli-audit.test.ts.
  'guide-elements-missing',
  'attachment-broken',
  'identity-missing',
  'findfault-missing',
  'search-missing',
  'site-name-missing',
  'page-tags-missing',
  'domain-nonstandard',
]);

function decode(route: Route): string {
  if (typeof route.body === 'string') return route.body;
  return /gbk/i.test(route.contentType ?? '') ? iconv.decode(route.body, 'gbk') : route.body.toString('utf8');
}

function between(html: string, start: RegExp, end: RegExp): string {
  const from = html.search(start);
  if (from < 0) return '';
  const rest = html.slice(from);
  const to = rest.search(end);
  return to < 0 ? rest : rest.slice(0, to);
}

/** Tables of messages (信件标题 | 留言时间 | 回复时间 | 办理状态) as the gatherer's list-page block. */
function listBlocks(html: string, url: string): ListBlock[] {
  const table = /<table class="list">([\s\S]*?)<\/table>/.exec(html)?.[1];
  const heading = /<h2 class="column-title">([^<]*)<\/h2>/.exec(html)?.[1];
  if (!table || !heading) return [];
  const items = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].flatMap(([, row]) => {
    const a = /<a href="([^"]+)"[^>]*>([^<]*)<\/a>/.exec(row);
    return a
      ? [{ title: a[2], url: new URL(a[1], url).href, rowText: htmlText(row.replace(/<\/td>/g, '\t')) }]
      : [];
  });
  return [{ heading, moreUrl: url, kind: 'list-page', items, box: null, level: 1, url }];
}

function artifactOf(host: string, path: string, html: string): PageArtifact {
  const url = `http://${host}${path}`;
  const header = between(html, /<div class="header">/, /<div class="nav">|<div class="main/);
  const footer = between(html, /<div class="footer">/, /<\/body>/);
  const main = html.replace(header, '').replace(footer, '');
  const headings = [...main.matchAll(/<h[1-3][^>]*>([\s\S]*?)<\/h[1-3]>/g)].map((m) => htmlText(m[1]).trim());
  const images = [...html.matchAll(/<img[^>]*src="([^"]+)"[^>]*alt="([^"]*)"/g)].map((m) => ({
    url: new URL(m[1], url).href,
    tag: 'img' as const,
    text: m[2],
    box: null,
  }));
  return page({
    url,
    isHome: path === '/',
    title: /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '',
    meta: htmlMeta(html),
    text: htmlText(html),
    headerText: htmlText(header),
    footerText: htmlText(footer),
    textBlocks: [
      ...headings.map((text) => ({ text, role: 'heading' as const, box: null })),
      { text: htmlText(main.replace(/<h[1-3][^>]*>[\s\S]*?<\/h[1-3]>/g, '')), role: 'body', box: null },
    ],
    links: [...htmlLinks(html, url), ...images],
    blocks: listBlocks(html, url),
    hasSearchForm: /<form class="search"/.test(html),
  });
}

/** What the link checker would say of each same-host link: the fixture's own routes decide. */
function linkResult(site: GeneratedSite, url: string): LinkResult {
  const route = site.routes.get(new URL(url).pathname);
  const length = route
    ? typeof route.body === 'string'
      ? Buffer.byteLength(route.body)
      : route.body.length
    : 0;
  const status = route ? (route.status ?? 200) : 404;
  return {
    url,
    outcome: status >= 400 ? 'http-error' : length === 0 ? 'empty-attachment' : 'ok',
    status,
    finalUrl: url,
    redirects: [],
    contentType: route?.contentType ?? 'text/html; charset=utf-8',
    contentLength: length,
    durationMs: 1,
    error: null,
    checkedAt: `${AS_OF}T02:00:00Z`,
    via: 'http',
    attempts: 1,
  };
}

function artifactsOf(site: GeneratedSite, manifest: ManifestSite): SiteArtifacts {
  const pages = [...site.routes.entries()]
    .filter(([path, route]) => !path.startsWith('/search') && (route.status ?? 200) < 400)
    .filter(([, route]) => (route.contentType ?? 'text/html').includes('html'))
    .map(([path, route]) => artifactOf(site.host, path, decode(route)));
  const urls = new Set(
    pages.flatMap((p) => p.links.map((l) => l.url)).filter((u) => new URL(u).host === site.host),
  );
  return {
    site: { id: 1, name: manifest.name, url: manifest.url, siteCode: manifest.siteCode },
    pages,
    links: [...urls].map((u) => linkResult(site, u)),
    probes: [],
    linkSources: {},
  };
}

let manifest: CountyManifest;
let findings: Map<string, Finding[]>;
let scanner: TextScanner;

beforeAll(() => {
  const county = generateCounty({ asOf: AS_OF });
  manifest = county.manifest;
  const leaders = manifest.leaders.map((l) => ({
    name: l.name,
    title: l.title,
    region: manifest.county,
    validFrom: l.from,
    validTo: l.to,
  }));
  scanner = compileScanner(lexicons(), { leaders, asOf: AS_OF });
  findings = new Map(
    manifest.sites.map((m) => {
      const site = county.sites.find((s) => s.host === m.host) as GeneratedSite;
      const artifacts = artifactsOf(site, m);
      const ctx = context({ asOf: AS_OF, siteUrl: m.url, scanner });
      const checks = [
        checkPageText,
        checkConsultationMissing,
        checkGuideElements,
        checkGuideAttachments,
        checkIdentity,
        checkFindFault,
        checkSearch,
        checkSiteName,
        checkPageTags,
        checkDomain,
      ];
      const all = checks.flatMap((check) => check(artifacts, ctx));
      return [m.host, all];
    }),
  );
});

describe('generated county 示范县', () => {
  test('every planted defect of these checks is found, at its URL, with the wording', () => {
    const planted = manifest.sites.flatMap((s) =>
      s.defects.filter((d) => TYPES.has(d.type)).map((d) => ({ s, d })),
    );
    expect(planted.length).toBeGreaterThanOrEqual(8);
    for (const { s, d } of planted) {
      const found = (findings.get(s.host) ?? []).filter(
        (f) => f.type === d.type && (f.url === d.url || f.pageUrl === d.url),
      );
      expect(found.length, `${d.id}: ${d.detail}`).toBeGreaterThan(0);
      // The longest formulation wins: 《中华人民共合国宪法》 is reported as “中华人民共合国宪法”.
      const worded = (f: Finding) =>
        f.detail.includes(d.wrong as string) && f.detail.includes(d.right as string);
      if (d.wrong) expect(found.some(worded), d.id).toBe(true);
      for (const item of d.missing ?? [])
        expect(
          found.some((f) => f.detail.includes(item.replace(/备案$/, ''))),
          `${d.id}: ${item}`,
        ).toBe(true);
    }
  });

  test('the severe candidates need confirmation', () => {
    const severe = [...findings.values()].flat().filter((f) => f.type === 'severe-error');
    expect(severe.length).toBeGreaterThan(0);
    expect(severe.every((f) => f.needsConfirmation)).toBe(true);
  });

  test('near misses are not reported', () => {
    for (const s of manifest.sites) {
      for (const near of s.nearMisses.filter((n) => TYPES.has(n.type))) {
        const wrong = (findings.get(s.host) ?? []).filter((f) => f.type === near.type && f.url === near.url);
        expect(wrong, `${near.type} ${near.url}: ${near.detail}`).toEqual([]);
      }
    }
  });

  test('nothing on the clean site, and no finding of these types that the manifest does not plant', () => {
    const clean = manifest.sites.find((s) => s.clean) as ManifestSite;
    expect(findings.get(clean.host)).toEqual([]);
    for (const s of manifest.sites) {
      const plantedUrls = new Set(s.defects.flatMap((d) => [d.url, d.pageUrl, ...(d.alsoOn ?? [])]));
      const extra = (findings.get(s.host) ?? []).filter(
        (f) => !plantedUrls.has(f.url) && !plantedUrls.has(f.pageUrl) && f.type !== 'identity-missing',
      );
      expect(extra.map((f) => `${f.type} ${f.url} ${f.detail}`)).toEqual([]);
    }
  });
});
