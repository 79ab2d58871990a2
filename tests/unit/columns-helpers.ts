// Test-only builders for artifacts (the gatherer fills these in the product).
import { blankPageArtifact, type ListBlock, type PageArtifact } from '../../src/main/artifacts.js';

export function pageArtifact(p: Partial<PageArtifact> & { url: string }): PageArtifact {
  return blankPageArtifact(p.url, { status: 200, fetchedAt: '2023-10-11T03:36:00Z', durationMs: 1, ...p });
}

export function listBlock(
  heading: string,
  rows: [title: string, rowText: string, url?: string][],
  extra: Partial<ListBlock> = {},
): ListBlock {
  return {
    heading,
    moreUrl: null,
    kind: 'block',
    items: rows.map(([title, rowText, url]) => ({ title, rowText, url: url ?? null })),
    box: null,
    level: 1,
    url: null,
    ...extra,
  };
}
