// Lexicon figures (issue 5): false positives per 1,000 error-free sentences (学习强国, 人民日报),
// detection rate on the ECSpell 公文 test split, the CPU cost of loading and compiling the lexicons, and
// the scanner's throughput against a loop of one RegExp per entry. Run: npx tsx bench/lexicon.ts
// The generator tuned on the even-numbered error-free sentences and the ECSpell train split only; the
// "held-out" figures use the odd-numbered sentences it never saw.
import { loadLexicons } from '../src/main/resources/lexicons.js';
import { resourcesDir } from '../src/main/resources/paths.js';
import { compileScanner, type HitKind, type TextScanner } from '../src/main/checks/content/scanner.js';
import { normalizeText } from '../src/main/checks/content/normalize.js';
import { ContextModel } from '../src/main/checks/content/context-model.js';
import {
  heldOutHalf,
  loadEcspellTest,
  loadSampleLists,
  type SentencePair,
} from '../scripts/lexicon-samples.js';

const KINDS: HitKind[] = ['severe', 'typo', 'prohibited'];

function countHits(scanner: TextScanner, sentences: readonly string[]): Record<HitKind, number> {
  const counts: Record<HitKind, number> = { severe: 0, leader: 0, prohibited: 0, typo: 0 };
  for (const s of sentences) for (const hit of scanner.scan(s, { inTitle: false })) counts[hit.kind]++;
  return counts;
}

function perThousand(n: number, of: number): string {
  return ((n * 1000) / of).toFixed(2);
}

function falsePositives(scanner: TextScanner, name: string, sentences: readonly string[]): void {
  const counts = countHits(scanner, sentences);
  const figures = KINDS.map((k) => `${k} ${perThousand(counts[k], sentences.length)}`).join(', ');
  console.log(`false positives per 1,000 sentences, ${name} (${sentences.length}): ${figures}`);
}

/** A sentence with errors counts as detected when a hit covers one of its wrong characters. */
function detection(scanner: TextScanner, name: string, pairs: readonly SentencePair[]): void {
  let withErrors = 0;
  let detected = 0;
  let wrongHits = 0;
  let cleanHits = 0;
  let clean = 0;
  for (const { source, target } of pairs) {
    const hits = scanner.scan(source, { inTitle: false }).filter((h) => h.kind !== 'prohibited');
    if (source === target) {
      clean++;
      cleanHits += hits.length;
      continue;
    }
    withErrors++;
    const wrongAt = (i: number) => source[i] !== target[i];
    const good = hits.filter((h) => source.length === target.length && rangeHas(h.start, h.end, wrongAt));
    if (good.length > 0) detected++;
    wrongHits += hits.length - good.length;
  }
  console.log(
    `${name}: ${withErrors} sentences with errors, detected ${detected} (${((100 * detected) / withErrors).toFixed(1)}%); ` +
      `hits on no error: ${wrongHits} in erroneous sentences, ${cleanHits} in ${clean} correct ones (${perThousand(cleanHits, clean)} per 1,000)`,
  );
}

function rangeHas(start: number, end: number, test: (i: number) => boolean): boolean {
  for (let i = start; i < end; i++) if (test(i)) return true;
  return false;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Milliseconds of CPU this process has used (the machine is shared: wall time says little). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Characters per CPU second of `scan` over `texts`, repeated until at least `minMs` of CPU elapsed. */
function throughput(texts: readonly string[], scan: (text: string) => number, minMs = 1500): number {
  const chars = texts.reduce((n, t) => n + t.length, 0);
  let rounds = 0;
  let sink = 0;
  const started = cpuMs();
  while (cpuMs() - started < minMs || rounds === 0) {
    for (const t of texts) sink += scan(t);
    rounds++;
  }
  const seconds = (cpuMs() - started) / 1000;
  if (sink < 0) console.log(sink);
  return (chars * rounds) / seconds;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function main(): void {
  const tune = process.argv.includes('--tune');
  const loadStarted = cpuMs();
  const bundle = loadLexicons(option('--lexicon') ?? `${resourcesDir()}/lexicon`);
  const compileStarted = cpuMs();
  const scanner = compileScanner(bundle, { leaders: [], asOf: '2025-01-01' });
  const compiled = cpuMs();
  console.log(
    `lexicons: severe ${bundle.severe.entries.length} (v${bundle.versions.severe}), typo ${bundle.typo.entries.length} ` +
      `(v${bundle.versions.typo}), prohibited ${bundle.prohibited.entries.length}; ${scanner.patterns.length} patterns, ` +
      `${scanner.stateCount} states; context model v${bundle.versions['typo-context']}; CPU: read and validated in ` +
      `${(compileStarted - loadStarted).toFixed(0)} ms, compiled in ${(compiled - compileStarted).toFixed(0)} ms`,
  );

  const samples = loadSampleLists();
  falsePositives(scanner, '学习强国 (all)', samples.errorFree.xxqg);
  falsePositives(scanner, '人民日报 (all)', samples.errorFree.rmrb);
  falsePositives(scanner, 'held-out half of both', heldOutHalf(samples.errorFree));
  if (tune) {
    const oddFold = samples.ecspellTrain.filter((_, i) => i % 2 === 1);
    const evenTargets = new Set(samples.ecspellTrain.filter((_, i) => i % 2 === 0).map((p) => p.target));
    detection(scanner, 'ECSpell 公文 train, odd fold', oddFold);
    detection(
      scanner,
      'ECSpell 公文 train, odd fold, correct text not in the even fold',
      oddFold.filter((p) => !evenTargets.has(p.target)),
    );
    return;
  }
  const test = loadEcspellTest();
  detection(scanner, 'ECSpell 公文 test', test);
  // The split repeats many train sentences (with other slips): the context model learnt their correct text.
  const trainTargets = new Set(samples.ecspellTrain.map((p) => p.target));
  detection(
    scanner,
    'ECSpell 公文 test, correct text not in the train split',
    test.filter((p) => !trainTargets.has(p.target)),
  );

  // Throughput: the same sentences through the scanner (normalisation and context model included) and
  // through one RegExp per lexicon entry over the normalised text (normalisation excluded, to favour the peer).
  const texts = samples.errorFree.rmrb.slice(0, 400);
  const ours = throughput(texts, (t) => scanner.scan(t, { inTitle: false }).length);
  const model = new ContextModel(bundle.typoContext);
  const contextOnly = throughput(
    texts.map((t) => normalizeText(t).text),
    (t) => model.suggest(t).length,
  );
  const patterns = scanner.patterns.map((p) => new RegExp(escapeRegExp(p.pattern), 'g'));
  const normalised = texts.map((t) => normalizeText(t).text);
  const regex = throughput(
    normalised,
    (t) => {
      let n = 0;
      for (const re of patterns) {
        re.lastIndex = 0;
        while (re.exec(t)) n++;
      }
      return n;
    },
    3000,
  );
  console.log(
    `throughput per CPU second: scanner ${(ours / 1e6).toFixed(2)} M chars (its context model alone ` +
      `${(contextOnly / 1e6).toFixed(2)} M), RegExp loop ${(regex / 1e3).toFixed(2)} k chars`,
  );
  console.log(`ratio lexicon: ${(ours / regex).toFixed(1)}`);
}

main();
