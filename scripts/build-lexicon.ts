// Regenerates the generated lexicons in resources/lexicon/ from the hand-kept inputs in
// resources/lexicon/build/ and the public lists in ../shared/samples/lists/:
//   common-chars.json  characters frequent in error-free government prose (homophone candidates)
//   severe.json        one-character misspellings of fixed names and formulations + known misspellings
//   typo.json          the macro-correct confusion dictionary, filtered, + one-character slips of
//                      frequent 公文 phrases + the slips seen in the ECSpell 公文 TRAIN split (never the
//                      test split)
// Run: npx tsx scripts/build-lexicon.ts [--out DIR] [--train-fold even]
//   --train-fold even  learn from the even-numbered ECSpell train pairs only, so that
//                      `npx tsx bench/lexicon.ts --lexicon DIR --tune` can measure on the odd ones.
// Every generated variant that occurs in the tuning half (even-numbered sentences) of the error-free
// 学习强国/人民日报 sets or in the ECSpell train targets is dropped; bench/lexicon.ts measures false
// positives on the other half as well.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normalizePattern } from '../src/main/checks/content/normalize.js';
import { buildCharNeighbours, singleCharVariants } from '../src/main/checks/content/variants.js';
import type { TermEntry, TermLexicon } from '../src/main/checks/content/lexicon.js';
import { loadSampleLists, tuningHalf } from './lexicon-samples.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lexiconDir = join(root, 'resources', 'lexicon');
const VERSION = '2025.2';

const canonicalFile = z.object({
  version: z.string(),
  source: z.string(),
  formulations: z.array(z.object({ text: z.string().min(2), category: z.string() })),
  knownMisspellings: z.array(
    z.object({ wrong: z.string(), right: z.string(), category: z.string(), source: z.string() }),
  ),
  minGeneratedLength: z.number().int().min(2),
});
const typoInputs = z.object({
  /** Confusion-dictionary keys known to be wrong or noisy (their "correction" is itself an error). */
  excludedConfusions: z.array(z.string()),
  /** Characters never substituted in generated phrase variants (function words: 的/地/得 …). */
  functionChars: z.string(),
  minPhraseCount: z.number().int().min(1),
  phraseLengths: z.array(z.number().int().min(3)),
  /** A replacement may form bigrams seen at most this often in correct prose. */
  maxBigramCount: z.number().int().min(0),
});

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

const CJK_ONLY = /^[\u4e00-\u9fff]+$/;

/** All substrings of the given lengths in `texts`, with their counts. */
function countNgrams(texts: readonly string[], lengths: readonly number[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const n of lengths) {
      for (let i = 0; i + n <= text.length; i++) {
        const gram = text.slice(i, i + n);
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
      }
    }
  }
  return counts;
}

function differingPositions(a: string, b: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function main(): void {
  const outDir = option('--out') ?? lexiconDir;
  const evenFoldOnly = option('--train-fold') === 'even';
  const samples = loadSampleLists();
  const canonical = canonicalFile.parse(readJson(join(lexiconDir, 'build', 'canonical-formulations.json')));
  const inputs = typoInputs.parse(readJson(join(lexiconDir, 'build', 'typo-inputs.json')));
  const similar = z
    .object({ groups: z.array(z.string()) })
    .parse(readJson(join(lexiconDir, 'similar-chars.json'))).groups;

  const trainTargets = samples.ecspellTrain
    .filter((_, i) => !evenFoldOnly || i % 2 === 0)
    .map((p) => normalizePattern(p.target));
  const correct = [...tuningHalf(samples.errorFree), ...samples.synthetic]
    .map(normalizePattern)
    .concat(trainTargets);

  // Characters frequent in correct prose: the homophone candidates.
  const charCounts = new Map<string, number>();
  for (const text of correct)
    for (const ch of text) if (CJK_ONLY.test(ch)) charCounts.set(ch, (charCounts.get(ch) ?? 0) + 1);
  const commonChars = [...charCounts]
    .filter(([, n]) => n >= 3)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3500)
    .map(([ch]) => ch)
    .join('');
  const neighbours = buildCharNeighbours(commonChars, similar);
  const corpus = correct.join('\n');
  const seen = (text: string) => corpus.includes(text);

  // Severe: one-character variants of the fixed formulations.
  const canonicalTexts = new Set(canonical.formulations.map((f) => normalizePattern(f.text)));
  const severe = new Map<string, TermEntry>();
  for (const known of canonical.knownMisspellings) severe.set(known.wrong, known);
  for (const f of canonical.formulations) {
    const text = normalizePattern(f.text);
    if ([...text].length < canonical.minGeneratedLength) continue;
    for (const wrong of singleCharVariants(text, neighbours)) {
      if (severe.has(wrong) || canonicalTexts.has(wrong) || seen(wrong)) continue;
      severe.set(wrong, { wrong, right: text, category: f.category });
    }
  }

  // Typo: the confusion dictionary, kept only where the pair is a plausible one-or-two-character slip.
  const typo = new Map<string, TermEntry>();
  const phraseSlips = new Map<string, string>();
  const excluded = new Set(inputs.excludedConfusions);
  for (const [wrongRaw, rightRaw] of Object.entries(samples.confusion)) {
    const wrong = normalizePattern(wrongRaw);
    const right = normalizePattern(rightRaw);
    if (excluded.has(wrongRaw) || wrong.length !== right.length || wrong.length < 3 || wrong.length > 6)
      continue;
    if (!CJK_ONLY.test(wrong) || !CJK_ONLY.test(right)) continue;
    const diff = differingPositions(wrong, right);
    if (diff.length === 0 || diff.length > 2) continue;
    if (!diff.every((i) => neighbours.of(right[i]).includes(wrong[i]))) continue;
    if (severe.has(wrong) || seen(wrong)) continue;
    typo.set(wrong, {
      wrong,
      right,
      category: '常见错别字',
      source: 'macro-correct confusion_dict.json (Apache-2.0)',
    });
  }

  // Typo: one-character slips of phrases frequent in 公文 (the ECSpell train targets and the tuning half).
  // Only inner characters are replaced (a slip at a phrase's edge cannot be told from the next word), and
  // only by one that forms no bigram seen in correct prose with either neighbour.
  const phraseCounts = countNgrams(correct, inputs.phraseLengths);
  const bigrams = countNgrams(correct, [2]);
  const functionChars = new Set(inputs.functionChars);
  const seenGrams = new Set(phraseCounts.keys());
  for (const [phrase, count] of phraseCounts) {
    if (count < inputs.minPhraseCount || !CJK_ONLY.test(phrase)) continue;
    if ([...phrase].some((ch) => functionChars.has(ch))) continue;
    const unnatural = (i: number, other: string) =>
      i > 0 &&
      i < phrase.length - 1 &&
      (bigrams.get(phrase[i - 1] + other) ?? 0) <= inputs.maxBigramCount &&
      (bigrams.get(other + phrase[i + 1]) ?? 0) <= inputs.maxBigramCount;
    for (const wrong of singleCharVariants(phrase, neighbours, unnatural)) {
      if (seenGrams.has(wrong) || severe.has(wrong) || typo.has(wrong) || phraseSlips.has(wrong)) continue;
      phraseSlips.set(wrong, phrase);
    }
  }

  // Typo: the slips actually made in the ECSpell 公文 train split, with one character of context each side
  // (two-character windows were tried: they match ordinary text across word boundaries).
  for (const [index, pair] of samples.ecspellTrain.entries()) {
    if (evenFoldOnly && index % 2 === 1) continue;
    const source = normalizePattern(pair.source);
    const target = normalizePattern(pair.target);
    if (source.length !== target.length) continue;
    for (const i of differingPositions(source, target)) {
      const wrong = source.slice(i - 1, i + 2);
      const right = target.slice(i - 1, i + 2);
      if (i < 1 || wrong.length !== 3 || !CJK_ONLY.test(wrong) || !CJK_ONLY.test(right)) continue;
      if (
        seenGrams.has(wrong) ||
        seen(wrong) ||
        severe.has(wrong) ||
        typo.has(wrong) ||
        phraseSlips.has(wrong)
      )
        continue;
      phraseSlips.set(wrong, right);
    }
  }

  const write = (name: string, data: unknown) =>
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify(data, null, 1) + '\n');
  write('common-chars', {
    version: VERSION,
    source: '由 macro-correct 无错语料（学习强国、人民日报，调优半）与 ECSpell 公文训练集统计的常用字',
    chars: commonChars,
  });
  const severeFile: TermLexicon = {
    version: VERSION,
    source: `${canonical.source}；单字音近/形近替换自动生成，已剔除在无错语料中出现的变体`,
    entries: [...severe.values()],
  };
  write('severe', severeFile);
  write('typo', {
    version: VERSION,
    source:
      'macro-correct confusion_dict.json（Apache-2.0，已过滤）；公文高频短语的单字音近/形近变体（仅用 ECSpell 公文训练集与无错语料调优半）',
    license: 'Apache-2.0 (macro-correct, see NOTICE)',
    entries: [...typo.values()],
    pairsCategory: '公文常用词',
    pairs: [...phraseSlips].map(([wrong, right]) => `${wrong}|${right}`),
  });
  console.log(
    `common chars ${commonChars.length}, severe ${severe.size}, typo ${typo.size} + ${phraseSlips.size} phrase slips`,
  );
}

main();
