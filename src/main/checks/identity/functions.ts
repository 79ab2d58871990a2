// findfault-missing, search-missing, site-name-missing: the 2019 功能设计 items a page shows by itself.
import type { Finding } from '../../../shared/domain.js';
import type { PageArtifact, SiteArtifacts } from '../../artifacts.js';
import type { CheckContext } from '../context.js';
import type { IdentityRules } from '../content/lexicon.js';
import { makeFinding } from '../finding.js';

function loaded(artifacts: SiteArtifacts): PageArtifact[] {
  return artifacts.pages.filter((p) => p.error === null);
}

/** The 我为政府网站找错 entry: a link with its text, or the jiucuo.js script that draws it. */
export function hasFindFaultEntry(page: PageArtifact, rules: IdentityRules): boolean {
  const { linkTexts, scriptHints } = rules.findFault;
  return page.links.some(
    (l) =>
      linkTexts.some((t) => l.text.includes(t)) ||
      scriptHints.some((h) => l.url.includes(h)) ||
      (l.tag === 'img' && linkTexts.some((t) => l.url.includes(t))),
  );
}

export function checkFindFault(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  return loaded(artifacts)
    .filter((page) => !hasFindFaultEntry(page, ctx.lexicons.identity))
    .map((page) =>
      makeFinding({
        siteUrl: ctx.siteUrl,
        type: 'findfault-missing',
        url: page.url,
        pageUrl: page.url,
        detail: `${page.isHome ? '首页' : '页面'}底部功能区未添加“我为政府网站找错”入口`,
        key: 'findfault',
        data: { isHome: page.isHome },
      }),
    );
}

/** The site search is judged on the home page (whether it returns results is the gatherer's test). */
export function checkSearch(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  const home = loaded(artifacts).find((p) => p.isHome);
  if (!home || home.hasSearchForm) return [];
  return [
    makeFinding({
      siteUrl: ctx.siteUrl,
      type: 'search-missing',
      url: home.url,
      pageUrl: home.url,
      detail: '首页未提供全站站内搜索功能',
      key: 'search',
    }),
  ];
}

/** Header images at most this far from the top count as the header (a logo carrying the name). */
const HEADER_DEPTH = 250;

export function showsSiteName(page: PageArtifact, names: readonly string[]): boolean {
  const header = page.headerText;
  if (names.some((n) => header.includes(n))) return true;
  return page.links.some(
    (l) =>
      l.tag === 'img' && l.box !== null && l.box.y < HEADER_DEPTH && names.some((n) => l.text.includes(n)),
  );
}

/** The names a page should show: the ledger's, and the one its own SiteName meta gives. */
function siteNamesFor(page: PageArtifact, siteName: string): string[] {
  return [siteName, page.meta.SiteName].filter((n): n is string => !!n && n.trim() !== '');
}

/**
 * Whether one rendered page will carry a findfault-missing or site-name-missing finding: what the page shows
 * by itself, so a crawl can keep the page's screenshot while it is loaded instead of loading it again later.
 */
export function lacksPageIdentity(page: PageArtifact, siteName: string, rules: IdentityRules): boolean {
  if (page.error !== null) return false;
  const names = siteNamesFor(page, siteName);
  return !hasFindFaultEntry(page, rules) || (names.length > 0 && !showsSiteName(page, names));
}

export function checkSiteName(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  return loaded(artifacts).flatMap((page) => {
    const names = siteNamesFor(page, artifacts.site.name);
    if (names.length === 0 || showsSiteName(page, names)) return [];
    return [
      makeFinding({
        siteUrl: ctx.siteUrl,
        type: 'site-name-missing',
        url: page.url,
        pageUrl: page.url,
        detail: `页面头部区域未显著展示网站名称“${names[0]}”`,
        key: 'site-name',
        data: { names, isHome: page.isHome },
      }),
    ];
  });
}
