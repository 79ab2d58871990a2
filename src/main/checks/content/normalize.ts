// Text normalisation for lexicon matching: full-width → half-width, traditional → simplified (OpenCC),
// whitespace removed, with a map from every normalised character back to the original text so a hit
// reports the sentence as the page shows it.
import * as OpenCC from 'opencc-js';

export interface NormalizedText {
  /** Normalised text (one UTF-16 unit per kept original character, see `toOriginal`). */
  text: string;
  /** `toOriginal[i]` = index in the original string of normalised character i. */
  toOriginal: Int32Array;
}

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

const WHITESPACE = /[\s\u00a0\u200b\u3000\ufeff]/;

function halfWidth(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  return code;
}

/**
 * Converts traditional characters one to one. OpenCC converts whole phrases; when a phrase changes
 * length the offsets would drift, so such texts are converted character by character instead.
 */
function simplify(text: string): string {
  const converted = toSimplified(text);
  if (converted.length === text.length) return converted;
  let out = '';
  for (const ch of text) {
    const one = toSimplified(ch);
    out += one.length === ch.length ? one : ch;
  }
  return out;
}

export function normalizeText(original: string): NormalizedText {
  const kept: number[] = [];
  let halved = '';
  for (let i = 0; i < original.length; i++) {
    const ch = original[i];
    if (WHITESPACE.test(ch)) continue;
    kept.push(i);
    halved += String.fromCharCode(halfWidth(ch.charCodeAt(0)));
  }
  return { text: simplify(halved), toOriginal: Int32Array.from(kept) };
}

/** Normalises a lexicon pattern the same way page text is normalised, so both meet in one alphabet. */
export function normalizePattern(pattern: string): string {
  return normalizeText(pattern).text;
}

const SENTENCE_END = /[。！？；!?;\n]/;
const MAX_SENTENCE = 160;

/** The sentence of `original` around [start, end), cut at sentence punctuation and at most ~160 characters. */
export function sentenceAround(original: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(original[from - 1]) && start - from < MAX_SENTENCE / 2) from--;
  let to = end;
  while (to < original.length && !SENTENCE_END.test(original[to]) && to - end < MAX_SENTENCE / 2) to++;
  if (to < original.length && SENTENCE_END.test(original[to])) to++;
  return original.slice(from, to).replace(/\s+/g, ' ').trim();
}
