// Test-only builders for artifacts (the gatherer fills these in the product).
import type { ListBlock, PageArtifact } from '../../src/main/artifacts.js';

export function pageArtifact(p: Partial<PageArtifact> & { url: string }): PageArtifact {
  return {
    finalUrl: p.url,
    redirectChain: [],
    status: 200,
    error: null,
    cutOff: false,
    depth: 0,
    isHome: false,
    fetchedAt: '2023-10-11T03:36:00Z',
    durationMs: 1,
    title: '',
    meta: {},
    text: '',
    textBlocks: [],
    headerText: '',
    footerText: '',
    links: [],
    blocks: [],
    failedRequests: [],
    anchors: [],
    screenshot: null,
    screenshotCappedAt: null,
    dom: null,
    pageHeight: 0,
    tlsError: null,
    hasSearchForm: false,
    ...p,
  };
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
