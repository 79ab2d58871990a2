// Counts of character 1-, 2- and 3-grams (UTF-16 code units) in typed arrays: a direct table for single
// characters and one open-addressing hash per order above, so a few hundred thousand n-grams load in
// milliseconds and a look-up is a few array reads, with no object or string per n-gram.

/** n-grams of one order and one count: `grams` concatenates strings of `n` code units. */
export interface NgramGroup {
  n: number;
  count: number;
  grams: string;
}

export class NgramCounts {
  private readonly unigrams = new Int32Array(0x10000);
  private readonly bigrams: KeyedCounts;
  private readonly trigrams: KeyedCounts;
  /** Sum of the single-character counts. */
  readonly total: number;

  constructor(groups: readonly NgramGroup[]) {
    const sizes = [0, 0, 0, 0];
    for (const { n, count, grams } of groups) {
      if (n < 1 || n > 3 || grams.length % n !== 0)
        throw new Error(`n-gram counts: the ${n}-grams of count ${count} are not whole ${n}-grams`);
      sizes[n] += grams.length / n;
    }
    this.bigrams = new KeyedCounts(sizes[2]);
    this.trigrams = new KeyedCounts(sizes[3]);
    let total = 0;
    for (const { n, count, grams } of groups) {
      for (let at = 0; at < grams.length; at += n) {
        const a = grams.charCodeAt(at);
        if (n === 1) {
          this.unigrams[a] = count;
          total += count;
        } else if (n === 2) this.bigrams.set(a, grams.charCodeAt(at + 1), count);
        else this.trigrams.set(a, (grams.charCodeAt(at + 1) << 16) | grams.charCodeAt(at + 2), count);
      }
    }
    this.total = total;
  }

  count1(a: number): number {
    return this.unigrams[a];
  }

  count2(a: number, b: number): number {
    return this.bigrams.get(a, b);
  }

  count3(a: number, b: number, c: number): number {
    return this.trigrams.get(a, (b << 16) | c);
  }
}

/**
 * (first code unit, up to 32 bits of the rest) → count; linear probing over one array of
 * [first, rest, count] slots so a probe reads one cache line; count 0 = empty slot.
 */
class KeyedCounts {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(entries: number) {
    let capacity = 16;
    while (capacity < entries * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 3);
    this.mask = capacity - 1;
  }

  set(first: number, rest: number, count: number): void {
    const { slots, mask } = this;
    let slot = slotOf(first, rest) & mask;
    while (slots[slot * 3 + 2] !== 0 && (slots[slot * 3] !== first || slots[slot * 3 + 1] !== rest))
      slot = (slot + 1) & mask;
    slots[slot * 3] = first;
    slots[slot * 3 + 1] = rest;
    slots[slot * 3 + 2] = count;
  }

  get(first: number, rest: number): number {
    const { slots, mask } = this;
    for (let slot = slotOf(first, rest) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const count = slots[at + 2];
      if (count === 0 || (slots[at] === first && slots[at + 1] === rest)) return count;
    }
  }
}

/** MurmurHash3's mixing of both key parts: every bit of the key reaches the low bits the mask keeps. */
function slotOf(first: number, rest: number): number {
  let h = Math.imul(rest, 0xcc9e2d51);
  h = Math.imul((h << 15) | (h >>> 17), 0x1b873593) ^ first;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
