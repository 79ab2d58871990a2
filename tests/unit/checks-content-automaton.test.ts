import { describe, expect, test } from 'vitest';
import { AhoCorasick } from '../../src/main/checks/content/aho-corasick.js';
import { normalizeText, sentenceAround } from '../../src/main/checks/content/normalize.js';

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, i) => {
    for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) out.push(`${i}@${at}`);
  });
  return out.sort();
}

describe('AhoCorasick', () => {
  test('finds every occurrence of overlapping and nested patterns', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'h', 'she'];
    const ac = new AhoCorasick(patterns);
    const found = ac.findAll('ushers shis').map((m) => `${m.pattern}@${m.start}`);
    expect(found.sort()).toEqual(naive(patterns, 'ushers shis'));
  });

  test('agrees with a naive search on random Chinese text', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = '中华人民共和国党政府';
    const word = (len: number) => Array.from({ length: len }, () => alphabet[rand(alphabet.length)]).join('');
    const patterns = Array.from({ length: 60 }, () => word(1 + rand(4)));
    const text = word(3000);
    const ac = new AhoCorasick(patterns);
    expect(
      ac
        .findAll(text)
        .map((m) => `${m.pattern}@${m.start}`)
        .sort(),
    ).toEqual(naive(patterns, text));
  });

  test('rejects an empty pattern', () => {
    expect(() => new AhoCorasick(['中国', ''])).toThrow(/empty/);
  });
});

describe('normalizeText', () => {
  test('full width, traditional and spaces are normalised with offsets back to the original', () => {
    const original = '《中華人民 共合國ＡＢＣ》';
    const { text, toOriginal } = normalizeText(original);
    expect(text).toBe('《中华人民共合国ABC》');
    const start = text.indexOf('共合国');
    expect(original.slice(toOriginal[start], toOriginal[start + 2] + 1)).toBe('共合國');
  });

  test('sentenceAround cuts at sentence punctuation', () => {
    const s = '第一句。我国各族人民共同缔造了中华人民共合国。第三句';
    const at = s.indexOf('共合国');
    expect(sentenceAround(s, at, at + 3)).toBe('我国各族人民共同缔造了中华人民共合国。');
  });
});
