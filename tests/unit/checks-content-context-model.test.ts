import { describe, expect, test } from 'vitest';
import {
  ContextModel,
  TEXT_BOUNDARY,
  contextNgrams,
  type ContextModelData,
} from '../../src/main/checks/content/context-model.js';
import { NgramCounts } from '../../src/main/checks/content/ngram-counts.js';

/** A tiny model: its prose pairs 织 only in 组织, and 知 in 学知 and (twice as often) 知识. */
function model(overrides: Partial<ContextModelData> = {}): ContextModel {
  const prose = [
    ...Array<string>(20).fill('加强组织建设。'),
    ...Array<string>(20).fill('提高组织能力。'),
    ...Array<string>(20).fill('学习科学知识。'),
    ...Array<string>(20).fill('丰富知识。'),
  ];
  return new ContextModel({
    smoothing: 2,
    vocabulary: 8000,
    threshold: 8,
    functionChars: '的地得',
    candidates: { 知: '织', 织: '知', 的: '地' },
    ngrams: contextNgrams(prose),
    ...overrides,
  });
}

describe('NgramCounts', () => {
  test('agrees with naive counting of the padded sentences, trigrams without CJK left out', () => {
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = '中华人民共和国，。1a';
    const sentences = Array.from({ length: 300 }, () =>
      Array.from({ length: 1 + rand(12) }, () => alphabet[rand(alphabet.length)]).join(''),
    );
    const naive = new Map<string, number>();
    for (const s of sentences) {
      const padded = TEXT_BOUNDARY + s + TEXT_BOUNDARY;
      for (let n = 1; n <= 3; n++)
        for (let i = 0; i + n <= padded.length; i++) {
          const gram = padded.slice(i, i + n);
          naive.set(gram, (naive.get(gram) ?? 0) + 1);
        }
    }
    const counts = new NgramCounts(contextNgrams(sentences));
    const code = (gram: string, i: number) => gram.charCodeAt(i);
    let checked = 0;
    for (const [gram, count] of naive) {
      const got =
        gram.length === 1
          ? counts.count1(code(gram, 0))
          : gram.length === 2
            ? counts.count2(code(gram, 0), code(gram, 1))
            : counts.count3(code(gram, 0), code(gram, 1), code(gram, 2));
      expect(got, gram).toBe(gram.length === 3 && !/[\u4e00-\u9fff]/.test(gram) ? 0 : count);
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
    // Never seen: 一丁 and 一丁七 hold characters outside the alphabet.
    expect(counts.count2(0x4e00, 0x4e01)).toBe(0);
    expect(counts.count3(0x4e00, 0x4e01, 0x4e03)).toBe(0);
    expect(counts.total).toBe(sentences.reduce((n, s) => n + s.length + 2, 0));
  });

  test('rejects n-grams cut short', () => {
    expect(() => new NgramCounts([{ n: 2, count: 1, grams: '中华人' }])).toThrow(/whole 2-grams/);
  });
});

describe('ContextModel', () => {
  test('a character that fits neither neighbour is read as the candidate the prose knows', () => {
    const suggestions = model().suggest('加强组知建设');
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({ start: 2, end: 4, right: '组织' });
    expect(suggestions[0].gain).toBeGreaterThan(8);
    // Paired with the right neighbour when that is the word the correction forms.
    expect(model().suggest('科学织识')).toEqual([
      expect.objectContaining({ start: 2, end: 4, right: '知识' }),
    ]);
  });

  test('text as the prose writes it is left alone', () => {
    expect(model().suggest('加强组织建设。学习科学知识。')).toEqual([]);
  });

  test('the threshold holds back weak evidence', () => {
    expect(model({ threshold: 1000 }).suggest('加强组知建设')).toEqual([]);
  });

  test('function characters are neither judged nor proposed', () => {
    expect(model().suggest('加强组的建设')).toEqual([]);
    expect(model({ candidates: { 知: '的' } }).suggest('加强组知建设')).toEqual([]);
    expect(model({ functionChars: '知的地得' }).suggest('加强组知建设')).toEqual([]);
  });

  test('a candidate that pairs with neither neighbour in the prose is not proposed', () => {
    expect(model().suggest('天上知星')).toEqual([]);
  });
});
