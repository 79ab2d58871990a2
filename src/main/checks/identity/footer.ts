// identity-missing: the six footer elements of the 2019 网站标识 item, on every page.
import type { Finding } from '../../../shared/domain.js';
import type { PageArtifact, SiteArtifacts } from '../../artifacts.js';
import type { CheckContext } from '../context.js';
import type { IdentityRules } from '../content/lexicon.js';
import { makeFinding } from '../finding.js';

export interface FooterIdentity {
  /** Names of the elements not found, in the standard's order. */
  missing: string[];
  /** The 网站标识码 shown in the footer, when it has a valid form. */
  siteCode: string | null;
}

const SITE_CODE = /(?:标识码)[:：\s]*([A-Za-z]{0,2}\d{8,10})/;

/** The 网站标识码 in a footer text, when it matches `^(\d{10}|bm\d{8}|N\d{9})$`. */
export function extractSiteCode(footerText: string, rules: IdentityRules): string | null {
  const candidate = SITE_CODE.exec(footerText)?.[1] ?? null;
  return candidate !== null && new RegExp(rules.siteCodePattern).test(candidate) ? candidate : null;
}

export function footerIdentity(page: PageArtifact, rules: IdentityRules): FooterIdentity {
  const text = page.footerText.trim() !== '' ? page.footerText : page.text.slice(-2000);
  const linkHaystack = page.links.map((l) => `${l.url} ${l.text}`).join('\n');
  const missing = rules.footerItems
    .filter(
      (item) =>
        !item.patterns.some((p) => new RegExp(p, 'i').test(text)) &&
        !item.linkHints.some((hint) => linkHaystack.includes(hint)),
    )
    .map((item) => item.name);
  return { missing, siteCode: extractSiteCode(text, rules) };
}

/**
 * One finding per distinct set of missing elements: a footer template without 公安机关备案号 is one problem
 * of the whole site (全站), shown on the home page when it is affected, not one finding per page.
 */
export function checkIdentity(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  const pages = artifacts.pages.filter((page) => page.error === null);
  const groups = new Map<string, { missing: string[]; pages: PageArtifact[] }>();
  for (const page of pages) {
    const { missing } = footerIdentity(page, ctx.lexicons.identity);
    if (missing.length === 0) continue;
    const key = missing.join('、');
    const group = groups.get(key) ?? { missing, pages: [] };
    group.pages.push(page);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, group]) => {
    const shown = group.pages.find((p) => p.isHome) ?? group.pages[0];
    const everywhere = group.pages.length === pages.length && pages.length > 1;
    const where = everywhere
      ? '全站页面'
      : shown.isHome
        ? '首页'
        : group.pages.length > 1
          ? `${group.pages.length}个页面`
          : '页面';
    return makeFinding({
      siteUrl: ctx.siteUrl,
      type: 'identity-missing',
      url: shown.url,
      pageUrl: shown.url,
      detail: `${where}底部功能区未列明：${key}`,
      key,
      data: {
        missing: group.missing,
        isHome: shown.isHome,
        pageCount: group.pages.length,
        pages: group.pages.slice(0, 50).map((p) => p.url),
      },
    });
  });
}
