// Home, column (list) or content (article) page: from the column model when it knows, else from the page.
import type { PageArtifact } from '../../artifacts.js';
import type { CheckContext, PageKind } from '../context.js';

/** An article shows when it was published; forms and badge pages do not. */
const PUBLISHED = /(发布时间|发布日期|发文日期|成文日期)\s*[:：]?\s*(19|20)\d{2}\s*[-/.年]\s*\d{1,2}/;

export function pageKind(page: PageArtifact, ctx: Pick<CheckContext, 'pageKinds'>): PageKind {
  const known = ctx.pageKinds?.[page.url];
  if (known) return known;
  if (page.isHome) return 'home';
  if (page.blocks.some((b) => b.kind === 'list-page')) return 'column';
  if (page.meta.ArticleTitle || page.meta.PubDate) return 'article';
  if (page.meta.ColumnName) return 'column';
  return PUBLISHED.test(page.text) ? 'article' : 'other';
}
