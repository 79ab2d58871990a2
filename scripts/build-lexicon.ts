// Regenerates the generated lexicons in resources/lexicon/ from the hand-kept inputs in
// resources/lexicon/build/ and the public lists in ../shared/samples/lists/:
//   common-chars.json  characters frequent in error-free government prose (homophone candidates)
//   severe.json        one-character misspellings of fixed names and formulations + known misspellings
//   typo.json          the macro-correct confusion dictionary, filtered, + the slips seen in the
//                      ECSpell 公文 TRAIN split (never the test split)
//   typo-context.json  character trigram counts of the same correct prose and each character's
//                      homophone/look-alike candidates, for the context model that judges every other slip
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
import type { CharNeighbours } from '../src/main/checks/content/variants.js';
import { contextNgrams } from '../src/main/checks/content/context-model.js';
import type { TermEntry, TermLexicon, TypoContext } from '../src/main/checks/content/lexicon.js';
import { loadSampleLists, tuningHalf } from './lexicon-samples.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lexiconDir = join(root, 'resources', 'lexicon');
const VERSION = '2025.3';

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
  /** Characters the context model never judges nor proposes (function words: 的/地/得 …). */
  functionChars: z.string(),
  /** Parameters of typo-context.json (see src/main/checks/content/context-model.ts). */
  context: z.object({ smoothing: z.number(), vocabulary: z.number().int(), threshold: z.number() }),
});

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

const CJK_ONLY = /^[\u4e00-\u9fff]+$/;

/**
 * For every CJK character (rare ones included: an input method offers them as readily as common ones),
 * the common characters it is a homophone or look-alike of; function words are never judged nor proposed.
 */
function contextCandidates(commonChars: string, neighbours: CharNeighbours, functionChars: Set<string>) {
  const common = new Set(commonChars);
  const candidates: Record<string, string> = {};
  for (let code = 0x4e00; code <= 0x9fff; code++) {
    const written = String.fromCharCode(code);
    if (functionChars.has(written)) continue;
    const meant = neighbours.of(written).filter((ch) => common.has(ch) && !functionChars.has(ch));
    if (meant.length > 0) candidates[written] = meant.join('');
  }
  return candidates;
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

  // Typo: one-character slips of any other phrase are left to the context model (typo-context.json),
  // which judges them at scan time: listing them cost 400,000 patterns and seconds of compile time.
  const functionChars = new Set(inputs.functionChars);
  const trainSlips = new Map<string, string>();

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
      if (seen(wrong) || severe.has(wrong) || typo.has(wrong) || trainSlips.has(wrong)) continue;
      trainSlips.set(wrong, right);
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
      'macro-correct confusion_dict.json（Apache-2.0，已过滤）；ECSpell 公文训练集中出现的错字（含前后各一字，仅用训练集，不用测试集）',
    license: 'Apache-2.0 (macro-correct, see NOTICE)',
    entries: [...typo.values()],
    pairsCategory: '公文常用词',
    pairs: [...trainSlips].map(([wrong, right]) => `${wrong}|${right}`),
  });
  const contextFile: TypoContext = {
    version: VERSION,
    source:
      '字三元语法模型：由 macro-correct 无错语料（学习强国、人民日报，调优半；学习强国合成集的正确句）与 ECSpell 公文训练集的正确句统计；候选为常用字的同音字与形近字',
    license: 'Apache-2.0 (macro-correct, see NOTICE)',
    ...inputs.context,
    functionChars: inputs.functionChars,
    candidates: contextCandidates(commonChars, neighbours, functionChars),
    ngrams: contextNgrams(correct),
  };
  write('typo-context', contextFile);
  console.log(
    `common chars ${commonChars.length}, severe ${severe.size}, typo ${typo.size} + ${trainSlips.size} train slips, ` +
      `context model ${contextFile.ngrams.reduce((n, g) => n + g.grams.length / g.n, 0)} n-grams`,
  );
}

main();
