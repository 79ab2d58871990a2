// The HTTP-only crawl of the link-check phase: pages in scope fetched with the HTTP client (no browser),
// links extracted with the tokenizer, every distinct URL checked once. A page's fetch is its own link
// check. The browser renders the pages that need evidence separately.
import type { LinkTag, LinkResult } from '../artifacts.js';
import type { Box } from '../../shared/domain.js';
import { Frontier, type FrontierSummary } from './frontier.js';
import { extractLinks } from './htmlLinks.js';
import { LinkChecker, type LinkCheckOptions } from './linkCheck.js';
import { prefersHead } from './linkSignals.js';
import { linkKey } from './urlNormalize.js';

export interface HttpCrawlOptions extends LinkCheckOptions {
  scope: (url: string) => boolean;
  maxPages: number;
  maxDepth: number;
  /** Pages fetched at once; link checks share `concurrency`. */
  pageConcurrency?: number;
  timeBudgetMs?: number;
}

export interface CrawledPage {
  url: string;
  finalUrl: string;
  depth: number;
  status: number | null;
  links: number;
}

export interface HttpCrawlResult {
  pages: CrawledPage[];
  links: LinkResult[];
  /** For each checked URL, the pages that link to it (SiteArtifacts.linkSources; no boxes without a browser). */
  linkSources: Record<string, { pageUrl: string; tag: LinkTag; text: string; box: Box | null }[]>;
  crawl: FrontierSummary;
}

export async function crawlHttp(
  startUrls: readonly string[],
  options: HttpCrawlOptions,
  onResult?: (result: LinkResult) => void,
): Promise<HttpCrawlResult> {
  const checker = new LinkChecker(options, onResult);
  const concurrency = options.pageConcurrency ?? options.concurrency ?? 8;
  // Requests are paced per host by the checker; the frontier only bounds pages in flight.
  const frontier = new Frontier<{ linkUrl: string }>({
    maxPages: options.maxPages,
    maxDepth: options.maxDepth,
    concurrency,
    perHost: concurrency,
    minIntervalMs: 0,
    scope: options.scope,
    timeBudgetMs: options.timeBudgetMs,
  });
  const pages: CrawledPage[] = [];
  const linkSources: HttpCrawlResult['linkSources'] = {};
  // Links queued as pages are checked by their page fetch, whenever the frontier gets to it.
  const pageKeys = new Set<string>();
  const pushPage = (key: string, depth: number): boolean => {
    const queued = frontier.push(key, depth, { linkUrl: key }) === 'queued';
    if (queued) pageKeys.add(key);
    return queued;
  };
  for (const url of startUrls) pushPage(linkKey(url) ?? url, 0);

  const crawl = await frontier.run(async (item) => {
    const page = await checker.fetchPage(item.meta.linkUrl);
    const links = page.html ? extractLinks(page.html, page.finalUrl) : [];
    pages.push({
      url: item.url,
      finalUrl: page.finalUrl,
      depth: item.depth,
      status: page.result?.status ?? null,
      links: links.length,
    });
    for (const link of links) {
      const key = linkKey(link.url) ?? link.url;
      (linkSources[key] ??= []).push({ pageUrl: page.finalUrl, tag: link.tag, text: '', box: null });
      // Most links repeat a page already queued: known keys skip the frontier's normalisation.
      if (pageKeys.has(key)) continue;
      const isPage = link.tag === 'a' || link.tag === 'area' || link.tag === 'iframe';
      const queued = isPage && !prefersHead(key) && pushPage(key, item.depth + 1);
      if (!queued) checker.add(key);
    }
  });
  // Pages left unvisited (cap, budget, cancel) are still links: check them without expanding.
  for (const item of frontier.pending()) checker.add(item.meta.linkUrl);
  const results = await checker.finish();
  return { pages, links: results, linkSources, crawl };
}
