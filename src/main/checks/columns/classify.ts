// Column name → category, by the dictionary's synonyms: the longest keyword contained in the name decides,
// so 政策解读 beats 政策 and 领导信箱 beats 领导.
import type { ColumnCategory } from '../../../shared/domain.js';
import type { ColumnDictionary } from './dictionary.js';

/** Names as menus print them: spaces, arrows and 更多 decorations removed. */
export function normaliseColumnName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/更多|>>|»|›/g, '')
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** A grouping such as 政民互动 or 走进宜春: its children are the columns. */
export function isParentName(name: string, dict: ColumnDictionary): boolean {
  const n = normaliseColumnName(name);
  return dict.parents.includes(n) || dict.parentPrefixes.some((p) => n.startsWith(p));
}

/** 历史栏目 / 历史专题: excluded from the update rules. */
export function isHistoricalName(name: string, dict: ColumnDictionary): boolean {
  const n = normaliseColumnName(name);
  return dict.historical.some((h) => n.includes(h));
}

export function classifyColumn(name: string, dict: ColumnDictionary): ColumnCategory {
  if (isParentName(name, dict)) return 'other';
  const n = normaliseColumnName(name);
  let best: { category: ColumnCategory; length: number } | null = null;
  for (const { category, keywords } of dict.categories) {
    for (const k of keywords) {
      if (n.includes(k) && (!best || k.length > best.length)) best = { category, length: k.length };
    }
  }
  return best?.category ?? 'other';
}
