// Column facts from gathered blocks: home-page blocks (heading/tab + items + 更多), navigation entries,
// and list pages (all pages of a paginated list), merged per column. Facts only: staleness is the
// rule pack's business (scoring), so a stored run can be re-scored under another pack.
import type { ColumnCategory, ColumnFact } from '../../../shared/domain.js';
import type { ListBlock, PageArtifact } from '../../artifacts.js';
import { extractDate } from '../dates/extractDate.js';
import { classifyColumn, isHistoricalName, isParentName, normaliseColumnName } from './classify.js';
import type { ColumnDictionary } from './dictionary.js';

/** The ledger's record of a column: the user's overrides survive re-runs. */
export interface LedgerColumn {
  name: string;
  url: string | null;
  category?: ColumnCategory;
  level?: number;
  /** 历史专题: excluded from every update rule. */
  excluded?: boolean;
  /** Part of the inventory the user confirmed (column-missing is then final, not 机器初判). */
  confirmed?: boolean;
}

export interface DeriveColumnsOptions {
  asOf: string;
  dict: ColumnDictionary;
  ledger?: LedgerColumn[];
}

type Item = NonNullable<ColumnFact['items']>[number];

interface Accumulator {
  names: string[];
  url: string | null;
  level: number;
  /** The level the site's navigation gives, when a menu lists the column: it outranks where blocks sit. */
  navLevel?: number;
  source: ColumnFact['source'];
  listSeen: boolean;
  items: Map<string, Item>;
  box: ColumnFact['box'];
  pageUrl?: string;
}

const SOURCE_PREFERENCE: ColumnFact['source'][] = ['home-block', 'list-page', 'nav', 'ledger'];

/** One key per column URL: scheme, fragment, trailing slash and index pages do not make a new column. */
export function columnKey(url: string | null, name: string): string {
  if (!url) return `name:${normaliseColumnName(name)}`;
  return url
    .replace(/#.*$/, '')
    .replace(/^https?:\/\//i, '')
    .replace(/\/index\.s?html?$/i, '/')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** A relative 更多 link (/ycsrmzf/zwyw/list.shtml) and the menu's absolute one name the same column. */
function absolute(url: string | null, base: string | undefined): string | null {
  if (!url || !base) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

function itemsOf(block: ListBlock, asOf: string): Item[] {
  return block.items.map((it) => {
    const found = extractDate(it.rowText, { asOf, url: it.url, title: it.title });
    return { title: it.title, url: it.url, date: found?.date ?? null, dateConfidence: found?.confidence };
  });
}

/** A home page whose blocks carry no dated item: only a navigation entry (the standard's special case). */
export function isNavigationOnlyHome(home: PageArtifact, asOf: string): boolean {
  return !home.blocks.some(
    (b) => b.kind !== 'nav' && itemsOf(b, asOf).some((it) => it.date !== null && it.date <= asOf),
  );
}

function newestDate(items: Iterable<Item>, asOf: string): string | null {
  let newest: string | null = null;
  // A date after the as-of day is not an update within any window (and may be a forged date).
  for (const it of items) if (it.date && it.date <= asOf && (!newest || it.date > newest)) newest = it.date;
  return newest;
}

/**
 * The home page's newest dated item; when the home page is only a navigation entry, the newest dated item
 * on the second-level pages (depth 1), as V2 of both standards says.
 */
export function homeLatestDate(
  pages: PageArtifact[],
  asOf: string,
): { latestDate: string | null; navigationOnly: boolean; pageUrls: string[] } {
  const home = pages.find((p) => p.isHome);
  if (!home) return { latestDate: null, navigationOnly: false, pageUrls: [] };
  const navigationOnly = isNavigationOnlyHome(home, asOf);
  const counted = navigationOnly ? pages.filter((p) => !p.isHome && p.depth === 1) : [home];
  const items = counted.flatMap((p) =>
    p.blocks.filter((b) => b.kind !== 'nav').flatMap((b) => itemsOf(b, asOf)),
  );
  return { latestDate: newestDate(items, asOf), navigationOnly, pageUrls: counted.map((p) => p.url) };
}

class ColumnTable {
  private readonly columns = new Map<string, Accumulator>();

  add(name: string, rawUrl: string | null, level: number, source: ColumnFact['source'], page?: PageArtifact) {
    const url = absolute(rawUrl, page?.url);
    const key = columnKey(url, name);
    let acc = this.columns.get(key);
    if (!acc) {
      acc = {
        names: [],
        url,
        level,
        source,
        listSeen: false,
        items: new Map(),
        box: null,
        pageUrl: page?.url,
      };
      this.columns.set(key, acc);
    }
    if (name.trim() && !acc.names.includes(name.trim())) acc.names.push(name.trim());
    acc.level = Math.min(acc.level, level);
    if (source === 'nav') acc.navLevel = Math.min(acc.navLevel ?? level, level);
    if (SOURCE_PREFERENCE.indexOf(source) < SOURCE_PREFERENCE.indexOf(acc.source)) acc.source = source;
    acc.url ??= url;
    return acc;
  }

  addList(acc: Accumulator, block: ListBlock, items: Item[], page: PageArtifact) {
    acc.listSeen = true;
    acc.box ??= block.box;
    if (page.isHome || !acc.pageUrl) acc.pageUrl = page.url;
    for (const it of items) {
      const k = `${it.url ?? ''}|${it.title}`;
      if (!acc.items.has(k)) acc.items.set(k, it);
    }
  }

  all(): Accumulator[] {
    return [...this.columns.values()];
  }
}

function addNavEntry(table: ColumnTable, entry: ListBlock, dict: ColumnDictionary, page: PageArtifact) {
  // A grouping (政民互动 → 领导信箱 …) is not a column: its children are.
  const grouping = isParentName(entry.heading, dict) || (entry.children?.length ?? 0) > 0;
  if (!grouping && entry.heading.trim())
    table.add(entry.heading, entry.url, Math.max(1, entry.level), 'nav', page);
  for (const child of entry.children ?? []) addNavEntry(table, child, dict, page);
}

function categoryOf(names: string[], dict: ColumnDictionary): ColumnCategory {
  // A block titled 最新发布 may be the nav's 通知公告: the first name that says something wins.
  for (const n of names) {
    const c = classifyColumn(n, dict);
    if (c !== 'other') return c;
  }
  return 'other';
}

export function deriveColumns(pages: PageArtifact[], opts: DeriveColumnsOptions): ColumnFact[] {
  const { asOf, dict } = opts;
  const table = new ColumnTable();
  const home = pages.find((p) => p.isHome);
  const navigationOnly = home ? isNavigationOnlyHome(home, asOf) : false;

  // Home blocks are 首页栏目 (level 1); blocks on deeper pages sit one level below their page, except under
  // a navigation-only home page, whose second-level pages stand in for it.
  for (const page of pages) {
    for (const block of page.blocks) {
      if (block.kind === 'nav' || !block.heading.trim() || isParentName(block.heading, dict)) continue;
      const level =
        block.kind === 'list-page'
          ? Math.max(1, page.depth)
          : page.isHome || (navigationOnly && page.depth === 1)
            ? 1
            : page.depth + 1;
      const source = page.isHome && block.kind === 'block' ? 'home-block' : 'list-page';
      const url = block.kind === 'list-page' ? (block.url ?? page.url) : (block.moreUrl ?? block.url);
      const acc = table.add(block.heading, url, level, source, page);
      table.addList(acc, block, itemsOf(block, asOf), page);
    }
  }
  for (const page of pages) {
    for (const block of page.blocks) if (block.kind === 'nav') addNavEntry(table, block, dict, page);
  }

  for (const entry of opts.ledger ?? []) {
    if (!table.all().some((acc) => ledgerMatches(entry, acc)))
      table.add(entry.name, entry.url, entry.level ?? 1, 'ledger');
  }

  return table.all().map((acc) => toFact(acc, opts));
}

/** A ledger entry names a column by URL when both have one, else by name. */
function ledgerMatches(l: LedgerColumn, acc: Accumulator): boolean {
  if (l.url && acc.url) return columnKey(l.url, l.name) === columnKey(acc.url, '');
  return acc.names.map(normaliseColumnName).includes(normaliseColumnName(l.name));
}

function toFact(acc: Accumulator, opts: DeriveColumnsOptions): ColumnFact {
  const { asOf, dict } = opts;
  const ledger = (opts.ledger ?? []).find((l) => ledgerMatches(l, acc));
  const items = [...acc.items.values()].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  const name = acc.names[0] ?? '';
  return {
    name,
    url: acc.url,
    category: ledger?.category ?? categoryOf(acc.names, dict),
    level: ledger?.level ?? acc.navLevel ?? acc.level,
    latestDate: newestDate(items, asOf),
    itemCount: items.length,
    blank: acc.listSeen && items.length === 0,
    source: acc.source,
    items,
    excluded: ledger?.excluded ?? acc.names.some((n) => isHistoricalName(n, dict)),
    confirmed: ledger?.confirmed ?? false,
    box: acc.box,
    pageUrl: acc.pageUrl,
  };
}
