// Typos no lexicon lists: a character that fits neither neighbour, where a homophone or look-alike
// (the confusion candidates) makes the text far more probable under a character trigram model learnt
// from error-free prose. The counts, candidates and threshold are data (resources/lexicon/typo-context.json,
// written by scripts/build-lexicon.ts); this module only scores, so the check stays pure.
import { NgramCounts, type NgramGroup } from './ngram-counts.js';

/** Marks both ends of every counted sentence and every scanned text, so edges have a context too. */
export const TEXT_BOUNDARY = '\u0002';

const CJK = /[\u4e00-\u9fff]/;
const SURROGATE = /[\ud800-\udfff]/;

/**
 * The counts a model is built from: every 1-, 2- and 3-gram of the (normalised) correct sentences, each
 * padded with TEXT_BOUNDARY as `suggest` pads a text. Trigrams without a CJK character are left out
 * (every trigram the model asks about holds the character it judges), and so are n-grams that cut a
 * character outside the BMP in half (they could not be written as UTF-8).
 */
export function contextNgrams(sentences: readonly string[]): NgramGroup[] {
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    const padded = TEXT_BOUNDARY + sentence + TEXT_BOUNDARY;
    for (let n = 1; n <= 3; n++) {
      for (let at = 0; at + n <= padded.length; at++) {
        const gram = padded.slice(at, at + n);
        if ((n === 3 && !CJK.test(gram)) || SURROGATE.test(gram)) continue;
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const [gram, count] of counts) {
    const key = `${gram.length}:${count}`;
    const group = groups.get(key);
    if (group) group.push(gram);
    else groups.set(key, [gram]);
  }
  return [...groups]
    .map(([key, grams]) => {
      const [n, count] = key.split(':').map(Number);
      return { n, count, grams: grams.sort().join('') };
    })
    .sort((a, b) => a.n - b.n || a.count - b.count);
}

export interface ContextModelData {
  /** Additive smoothing weight of each lower-order estimate (interpolated, Witten-Bell-like). */
  smoothing: number;
  /** Vocabulary size assumed by the add-one-half unigram estimate. */
  vocabulary: number;
  /** Minimum gain in log-probability (natural log) of the best candidate over the text as written. */
  threshold: number;
  /** Characters never judged nor proposed (的/地/得 …: their choice is grammar, not a slip). */
  functionChars: string;
  /** Character as written → characters it is plausibly a slip for. */
  candidates: Readonly<Record<string, string>>;
  /** Counts of the correct prose's 1-, 2- and 3-grams, each sentence padded with TEXT_BOUNDARY. */
  ngrams: readonly NgramGroup[];
}

export interface ContextSuggestion {
  /** Offsets in the scanned text, end exclusive: the suspect character and the neighbour it should pair with. */
  start: number;
  end: number;
  /** The same span as it should read. */
  right: string;
  /** Gain in log-probability of the correction. */
  gain: number;
}

/** Stands for "no character" before the start of the padded text. */
const NONE = -1;

export class ContextModel {
  private readonly counts: NgramCounts;
  /** Indexed by code unit: the candidates of a character, undefined for none. */
  private readonly candidates: (Uint16Array | undefined)[] = new Array<Uint16Array | undefined>(0x10000);
  private readonly smoothing: number;
  private readonly threshold: number;
  /** Add-one-half estimate's denominator. */
  private readonly unigramMass: number;

  constructor(data: ContextModelData) {
    this.counts = new NgramCounts(data.ngrams);
    this.smoothing = data.smoothing;
    this.threshold = data.threshold;
    this.unigramMass = this.counts.total + 0.5 * data.vocabulary;
    const functionChars = new Set([...data.functionChars].map((ch) => ch.charCodeAt(0)));
    for (const [written, meant] of Object.entries(data.candidates)) {
      const code = written.charCodeAt(0);
      const codes = Uint16Array.from([...meant].map((ch) => ch.charCodeAt(0))).filter(
        (c) => !functionChars.has(c),
      );
      if (!functionChars.has(code) && codes.length > 0) this.candidates[code] = codes;
    }
  }

  /** Every character of `text` (normalised) better read as one of its candidates, in text order. */
  suggest(text: string): ContextSuggestion[] {
    const padded = TEXT_BOUNDARY + text + TEXT_BOUNDARY;
    const out: ContextSuggestion[] = [];
    // count2 of the pair (i - 1, i) when the previous step looked it up as its right pair, else -1.
    let knownPair = -1;
    for (let i = 1; i < padded.length - 1; i++) {
      const written = padded.charCodeAt(i);
      const meant = this.candidates[written];
      const pairBefore = knownPair;
      knownPair = -1;
      if (meant === undefined) continue;
      // A character that pairs with both neighbours in correct prose is taken as meant.
      const before = padded.charCodeAt(i - 1);
      const after = padded.charCodeAt(i + 1);
      if ((pairBefore >= 0 ? pairBefore : this.counts.count2(before, written)) > 0) {
        knownPair = this.counts.count2(written, after);
        if (knownPair > 0) continue;
      }
      const beforeThat = i >= 2 ? padded.charCodeAt(i - 2) : NONE;
      const afterThat = i + 2 < padded.length ? padded.charCodeAt(i + 2) : NONE;
      const asWritten = this.contextLogProb(beforeThat, before, written, after, afterThat);
      let best = NONE;
      let bestGain = this.threshold;
      for (const candidate of meant) {
        // Without a neighbour it pairs with in correct prose, nothing speaks for a candidate.
        if (this.counts.count2(before, candidate) === 0 && this.counts.count2(candidate, after) === 0)
          continue;
        const gain = this.contextLogProb(beforeThat, before, candidate, after, afterThat) - asWritten;
        if (gain >= bestGain) {
          best = candidate;
          bestGain = gain;
        }
      }
      if (best !== NONE) out.push(this.suggestion(text, i - 1, String.fromCharCode(best), bestGain));
    }
    return out;
  }

  /** The suspect character with the neighbour the correction pairs with best, as the reader sees a word. */
  private suggestion(text: string, at: number, meant: string, gain: number): ContextSuggestion {
    const code = meant.charCodeAt(0);
    const left = at > 0 && CJK.test(text[at - 1]) ? this.counts.count2(text.charCodeAt(at - 1), code) : -1;
    const right =
      at + 1 < text.length && CJK.test(text[at + 1]) ? this.counts.count2(code, text.charCodeAt(at + 1)) : -1;
    if (left < 0 && right < 0) return { start: at, end: at + 1, right: meant, gain };
    if (left >= right) return { start: at - 1, end: at + 1, right: text[at - 1] + meant, gain };
    return { start: at, end: at + 2, right: meant + text[at + 1], gain };
  }

  /**
   * Log-probability of the three trigrams holding `code` between its neighbours (the later ones as far as
   * the text goes); the rest of the text is the same whatever the character, so it cancels out.
   */
  private contextLogProb(a: number, b: number, code: number, c: number, d: number): number {
    const first = a === NONE ? this.prob2(code, b) : this.prob3(code, a, b);
    const second = this.prob3(c, b, code);
    return Math.log(d === NONE ? first * second : first * second * this.prob3(d, code, c));
  }

  private prob1(x: number): number {
    return (this.counts.count1(x) + 0.5) / this.unigramMass;
  }

  private prob2(x: number, b: number): number {
    return (
      (this.counts.count2(b, x) + this.smoothing * this.prob1(x)) / (this.counts.count1(b) + this.smoothing)
    );
  }

  private prob3(x: number, a: number, b: number): number {
    return (
      (this.counts.count3(a, b, x) + this.smoothing * this.prob2(x, b)) /
      (this.counts.count2(a, b) + this.smoothing)
    );
  }
}
