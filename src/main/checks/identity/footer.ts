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

export function checkIdentity(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  return artifacts.pages
    .filter((page) => page.error === null)
    .flatMap((page) => {
      const { missing } = footerIdentity(page, ctx.lexicons.identity);
      if (missing.length === 0) return [];
      return [
        makeFinding({
          siteUrl: ctx.siteUrl,
          type: 'identity-missing',
          url: page.url,
          pageUrl: page.url,
          detail: `${page.isHome ? '首页' : '页面'}底部功能区未列明：${missing.join('、')}`,
          key: missing.join('、'),
          data: { missing, isHome: page.isHome },
        }),
      ];
    });
}
