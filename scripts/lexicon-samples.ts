// The public spell-check lists in ../shared/samples/lists/ (read by scripts/build-lexicon.ts and
// bench/lexicon.ts only; never shipped). The ECSpell test split is loaded separately so tuning code
// cannot reach it by accident.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const SAMPLE_LISTS = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'samples',
  'lists',
);

const errorFreeSet = z.array(z.object({ original_text: z.string() }));
const ecspellSet = z.array(z.object({ source: z.string(), target: z.string() }));
export type SentencePair = z.infer<typeof ecspellSet>[number];

function read(name: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLE_LISTS, name), 'utf8'));
}

export interface SampleLists {
  /** Error-free sentences: 学习强国 then 人民日报. */
  errorFree: { xxqg: string[]; rmrb: string[] };
  ecspellTrain: SentencePair[];
  /** Corrected sentences of the synthetic-typo 学习强国 set: more error-free prose to learn from. */
  synthetic: string[];
  confusion: Record<string, string>;
}

export function loadSampleLists(): SampleLists {
  const sentences = (name: string) => errorFreeSet.parse(read(name)).map((s) => s.original_text);
  return {
    errorFree: {
      xxqg: sentences('csc_testset_acc_xxqg__macro-correct.json'),
      rmrb: sentences('csc_testset_acc_rmrb__macro-correct.json'),
    },
    ecspellTrain: ecspellSet.parse(read('csc_espell_odw_official-document.train__macro-correct.txt')),
    synthetic: z
      .array(z.object({ correct_text: z.string() }))
      .parse(read('csc_testset_gen_xxqg__macro-correct.json'))
      .map((s) => s.correct_text),
    confusion: z.record(z.string()).parse(read('confusion_dict__macro-correct.json')),
  };
}

/** Only for measuring: the ECSpell 公文 test split. */
export function loadEcspellTest(): SentencePair[] {
  return ecspellSet.parse(read('csc_espell_odw_official-document.test__macro-correct.txt'));
}

/** Even-numbered sentences: the half the generator may tune on. */
export function tuningHalf(sets: SampleLists['errorFree']): string[] {
  return [...sets.xxqg, ...sets.rmrb].filter((_, i) => i % 2 === 0);
}

/**
 * Odd-numbered sentences never seen by the generator: the sets repeat some sentences, so those that
 * also occur among the even-numbered ones are left out.
 */
export function heldOutHalf(sets: SampleLists['errorFree']): string[] {
  const tuning = new Set(tuningHalf(sets));
  return [...sets.xxqg, ...sets.rmrb].filter((s, i) => i % 2 === 1 && !tuning.has(s));
}
