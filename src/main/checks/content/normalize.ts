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

/** CJK blocks where traditional forms live (Extension A, Unified, Compatibility). */
const CJK_RANGES: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

let traditionalToSimplified: Map<number, number> | null = null;

/**
 * Character-by-character traditional → simplified table, built once from OpenCC. Converting each page
 * through OpenCC's phrase trie costs more than the whole lexicon scan, and phrase conversions could move
 * offsets; single characters are what typos and names are made of.
 */
function simplifiedTable(): Map<number, number> {
  if (traditionalToSimplified) return traditionalToSimplified;
  const convert = OpenCC.Converter({ from: 't', to: 'cn' });
  const chars: string[] = [];
  for (const [from, to] of CJK_RANGES) for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
  // A separator between characters keeps OpenCC from converting them as phrases.
  const converted = convert(chars.join('\n')).split('\n');
  const table = new Map<number, number>();
  if (converted.length === chars.length) {
    chars.forEach((ch, i) => {
      const out = converted[i];
      if (out.length === 1 && out !== ch) table.set(ch.charCodeAt(0), out.charCodeAt(0));
    });
  }
  traditionalToSimplified = table;
  return table;
}

/** Whitespace as pages contain it: ASCII, no-break, zero-width, ideographic, BOM, line separators. */
function isSpace(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function halfWidth(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  return code;
}

export function normalizeText(original: string): NormalizedText {
  const table = simplifiedTable();
  const kept = new Int32Array(original.length);
  const codes: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const raw = original.charCodeAt(i);
    if (isSpace(raw)) continue;
    const code = halfWidth(raw);
    kept[codes.length] = i;
    codes.push(table.get(code) ?? code);
  }
  let text = '';
  for (let i = 0; i < codes.length; i += 8192) text += String.fromCharCode(...codes.slice(i, i + 8192));
  return { text, toOriginal: kept.slice(0, codes.length) };
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
