// Plausible misspellings of a word: one character replaced by a homophone (same pinyin, tones ignored,
// via pinyin-pro) or by a similar-looking character (a small table in resources/lexicon/similar-chars.json).
// Used at run time for leader names and by scripts/build-lexicon.ts for fixed formulations.
import { pinyin } from 'pinyin-pro';

export interface CharNeighbours {
  /** Characters a writer plausibly types instead of `ch` (never `ch` itself). */
  of(ch: string): readonly string[];
}

function readings(ch: string): string[] {
  return pinyin(ch, { toneType: 'none', type: 'array', multiple: true }).filter((r) => r !== ch);
}

/**
 * Homophones are drawn from `commonChars` only: rare characters are not what people mistype, and the
 * whole CJK block would multiply variants without catching more real errors.
 */
export function buildCharNeighbours(commonChars: string, similarGroups: readonly string[]): CharNeighbours {
  const byReading = new Map<string, string[]>();
  for (const ch of new Set(commonChars)) {
    for (const reading of readings(ch)) {
      const list = byReading.get(reading);
      if (list) list.push(ch);
      else byReading.set(reading, [ch]);
    }
  }
  const similar = new Map<string, Set<string>>();
  for (const group of similarGroups) {
    for (const ch of group) {
      const set = similar.get(ch) ?? new Set<string>();
      for (const other of group) if (other !== ch) set.add(other);
      similar.set(ch, set);
    }
  }
  const cache = new Map<string, string[]>();
  return {
    of(ch) {
      let found = cache.get(ch);
      if (!found) {
        const all = new Set<string>(similar.get(ch) ?? []);
        for (const reading of readings(ch)) for (const other of byReading.get(reading) ?? []) all.add(other);
        all.delete(ch);
        found = [...all];
        cache.set(ch, found);
      }
      return found;
    },
  };
}

/**
 * Every string that differs from `word` in exactly one position by a neighbouring character;
 * `keep(i, other)` may reject a replacement at position i.
 */
export function singleCharVariants(
  word: string,
  neighbours: CharNeighbours,
  keep: (position: number, replacement: string) => boolean = () => true,
): string[] {
  const chars = [...word];
  const variants = new Set<string>();
  chars.forEach((ch, i) => {
    for (const other of neighbours.of(ch)) {
      if (!keep(i, other)) continue;
      variants.add([...chars.slice(0, i), other, ...chars.slice(i + 1)].join(''));
    }
  });
  variants.delete(word);
  return [...variants];
}
