// Home, column (list) or content (article) page: from the column model when it knows, else from the page.
import type { PageArtifact } from '../../artifacts.js';
import type { CheckContext, PageKind } from '../context.js';

/** Text longer than this with no list of items reads as an article. */
const ARTICLE_TEXT_LENGTH = 300;

export function pageKind(page: PageArtifact, ctx: Pick<CheckContext, 'pageKinds'>): PageKind {
  const known = ctx.pageKinds?.[page.url];
  if (known) return known;
  if (page.isHome) return 'home';
  if (page.blocks.some((b) => b.kind === 'list-page')) return 'column';
  if (page.meta.ArticleTitle || page.meta.PubDate) return 'article';
  if (page.meta.ColumnName) return 'column';
  return page.text.length > ARTICLE_TEXT_LENGTH ? 'article' : 'other';
}
