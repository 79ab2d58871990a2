// Manual items (需人工核查): the sample a reviewer checks, drawn reproducibly from the recorded seed,
// and the reviewer's stored result once there is one.
import { createHash } from 'node:crypto';
import type { ColumnFact, ManualResult } from '../../shared/domain.js';
import type { ManualItem } from './rulePack.js';

export interface ManualReview {
  item: string;
  result: string;
  points?: number;
  reviewer: string;
  date: string;
  evidence?: string[];
}

/** mulberry32 seeded from SHA-256 of the seed: the same seed draws the same sample on every machine. */
function prng(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` of `population` (all when fewer: "不足5个的则检查全部"), order-independent of the input. */
export function drawSample(population: string[], size: number, seed: string): string[] {
  const pool = [...new Set(population)].sort();
  const random = prng(seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, size);
}

function populationOf(item: ManualItem, columns: ColumnFact[]): string[] {
  const s = item.sample!;
  const cols = columns.filter((c) => !c.excluded && (!s.categories || s.categories.includes(c.category)));
  if (s.from === 'columns') return cols.map((c) => c.url ?? c.name);
  return cols.flatMap((c) => (c.items ?? []).map((it) => (it.url ? `${it.title} ${it.url}` : it.title)));
}

/** The latest review of an item, if any (a re-review replaces the earlier one). */
export function latestReview(reviews: ManualReview[], item: string): ManualReview | undefined {
  return reviews
    .filter((r) => r.item === item)
    .sort((a, b) => a.date.localeCompare(b.date))
    .at(-1);
}

export function manualResult(
  item: ManualItem,
  reviews: ManualReview[],
  columns: ColumnFact[],
  seed: string,
): ManualResult {
  const review = latestReview(reviews, item.id);
  const sample = item.sample
    ? drawSample(populationOf(item, columns), item.sample.size, `${seed}|${item.id}`)
    : undefined;
  const base = { item: item.id, title: item.title, ruleStatus: item.status, sample, seed };
  if (!review) {
    const what = item.sample ? `${item.sample.label}（${sample!.length}个）` : item.text;
    return { ...base, status: '需人工核查', result: what };
  }
  return {
    ...base,
    status: '已核查',
    result: review.result,
    points: Math.min(item.maxPoints, Math.max(0, review.points ?? 0)),
    reviewer: review.reviewer,
    reviewedAt: review.date,
  };
}
