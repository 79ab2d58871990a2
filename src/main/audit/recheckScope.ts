import type { Finding, FindingType } from '../../shared/domain.js';
import { linkKey, normalizeUrl } from '../crawl/urlNormalize.js';

/**
 * What a targeted re-check (复查) must look at again to judge a problem: the page it was seen on, the link
 * it names (and the pages that carry the link), or the whole site when the problem is a property of the
 * site rather than of a page (reachability, the column inventory, the search box, the domain).
 */
const RECHECK_REACH: Record<FindingType, 'page' | 'link' | 'site'> = {
  unreachable: 'site',
  'broken-link': 'link',
  'link-unchecked': 'link',
  'attachment-broken': 'link',
  'home-stale': 'page',
  'column-stale': 'page',
  'column-blank': 'page',
  'column-missing': 'site',
  'severe-error': 'page',
  typo: 'page',
  'prohibited-content': 'page',
  'consultation-missing': 'site',
  'consultation-unanswered': 'page',
  'survey-inactive': 'page',
  'interview-inactive': 'page',
  'guide-elements-missing': 'page',
  'identity-missing': 'page',
  'findfault-missing': 'page',
  'search-missing': 'site',
  'site-name-missing': 'page',
  'page-tags-missing': 'page',
  'tls-invalid': 'site',
  'domain-nonstandard': 'site',
  'ipv6-missing': 'site',
};

export interface RecheckTargets {
  /** A chosen problem is a property of the site: the site is audited again from its home page. */
  wholeSite: boolean;
  /** Pages rendered again (normalised URLs as the crawl stores them). */
  pages: Set<string>;
  /** Links checked again (link keys as the link checker stores them). */
  links: Set<string>;
}

/**
 * The pages and links to visit again for the chosen problems of one site. `crawled` holds the URLs the
 * earlier run rendered (a finding's URL is re-rendered only when it was a page of the site), and
 * `linkSources` the pages each link was found on in the earlier run.
 */
export function recheckTargets(
  chosen: readonly Finding[],
  crawled: ReadonlySet<string>,
  linkSources: Readonly<Record<string, readonly { pageUrl: string }[]>>,
): RecheckTargets {
  const targets: RecheckTargets = { wholeSite: false, pages: new Set(), links: new Set() };
  const addPage = (url: string) => {
    const page = normalizeUrl(url) ?? url;
    if (crawled.has(page)) targets.pages.add(page);
  };
  for (const f of chosen) {
    const reach = RECHECK_REACH[f.type];
    if (reach === 'site') targets.wholeSite = true;
    addPage(f.pageUrl);
    if (reach === 'page') addPage(f.url);
    if (reach !== 'link') continue;
    const link = linkKey(f.url) ?? f.url;
    targets.links.add(link);
    for (const source of linkSources[link] ?? []) addPage(source.pageUrl);
  }
  return targets;
}
