// page-tags-missing: site tags on every page, column tags on column pages, content tags on articles
// (meta names as used by the government CMSs: SiteName, ColumnName, ArticleTitle …).
import type { Finding } from '../../../shared/domain.js';
import type { PageArtifact, SiteArtifacts } from '../../artifacts.js';
import type { CheckContext, PageKind } from '../context.js';
import type { IdentityRules } from '../content/lexicon.js';
import { makeFinding } from '../finding.js';
import { pageKind } from './page-kind.js';

const KIND_LABEL: Record<PageKind, string> = {
  home: '首页',
  column: '栏目页',
  article: '内容页',
  other: '页面',
};

export function requiredTags(kind: PageKind, rules: IdentityRules): string[] {
  const { site, column, content } = rules.pageTags;
  if (kind === 'column') return [...site, ...column];
  if (kind === 'article') return [...site, ...content];
  if (kind === 'home') return site;
  return [];
}

/** Tags absent or empty (an empty SiteIDCode is as good as none). */
export function missingTags(page: PageArtifact, required: readonly string[]): string[] {
  const meta = new Map(Object.entries(page.meta).map(([k, v]) => [k.toLowerCase(), v]));
  return required.filter((tag) => (meta.get(tag.toLowerCase()) ?? '').trim() === '');
}

export function checkPageTags(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  return artifacts.pages
    .filter((p) => p.error === null)
    .flatMap((page) => {
      const kind = pageKind(page, ctx);
      const missing = missingTags(page, requiredTags(kind, ctx.lexicons.identity));
      if (missing.length === 0) return [];
      return [
        makeFinding({
          siteUrl: ctx.siteUrl,
          type: 'page-tags-missing',
          url: page.url,
          pageUrl: page.url,
          detail: `${KIND_LABEL[kind]}缺少页面标签：${missing.join('、')}`,
          key: missing.join(','),
          data: { kind, missing },
        }),
      ];
    });
}
