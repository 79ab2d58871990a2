// The text scanner: every lexicon compiled into one Aho-Corasick automaton over normalised text, plus
// the context model for typos no lexicon lists. A scan returns hits with the original wording and
// sentence; leader misspellings only count in a title or name position, and whitelisted terms (global
// and per site) silence the hits they cover.
import { AhoCorasick } from './aho-corasick.js';
import { ContextModel } from './context-model.js';
import type { Leader, LexiconBundle } from './lexicon.js';
import { leadersValidOn } from './lexicon.js';
import { normalizePattern, normalizeText, sentenceAround } from './normalize.js';
import { buildCharNeighbours, singleCharVariants } from './variants.js';

export type HitKind = 'severe' | 'leader' | 'prohibited' | 'typo';

export interface PatternInfo {
  kind: HitKind;
  /** Normalised pattern. */
  pattern: string;
  right: string;
  category: string;
  source: string;
  leader?: Leader;
}

export interface TextHit {
  kind: HitKind;
  /** The wrong wording as the page shows it. */
  wrong: string;
  right: string;
  category: string;
  source: string;
  /** Offsets in the original text, end exclusive. */
  start: number;
  end: number;
  sentence: string;
  leader?: Leader;
}

export interface ScanOptions {
  /** The text is a page title or heading: a leader's name there is in a name position. */
  inTitle: boolean;
  /** Terms whitelisted for this site, on top of the global whitelist. */
  siteWhitelist?: readonly string[];
}

// Severe errors and prohibited content outrank a typo on the same characters.
const PRIORITY: Record<HitKind, number> = { severe: 0, leader: 0, prohibited: 1, typo: 2 };
/** Category of the typos the context model finds (the lexicons' typos carry their own). */
const CONTEXT_TYPO_CATEGORY = '音近形近字（上下文判断）';
/** How far (in normalised characters) a title word may stand from a leader's name. */
const TITLE_REACH = 2;

/** Typos judged by context rather than listed: the model and how its hits are labelled. */
export interface ContextTypos {
  model: ContextModel;
  category: string;
  source: string;
}

interface Candidate {
  kind: HitKind;
  right: string;
  category: string;
  source: string;
  leader?: Leader;
  start: number;
  end: number;
}

export class TextScanner {
  private readonly automaton: AhoCorasick;
  private readonly whitelist: AhoCorasick | null;
  private readonly titleWords: AhoCorasick | null;
  private readonly siteWhitelists = new Map<string, AhoCorasick | null>();

  constructor(
    readonly patterns: readonly PatternInfo[],
    whitelist: readonly string[],
    titleWords: readonly string[],
    private readonly contextTypos: ContextTypos | null = null,
  ) {
    this.automaton = new AhoCorasick(patterns.map((p) => p.pattern));
    this.whitelist = automatonOf(whitelist);
    this.titleWords = automatonOf(titleWords);
  }

  get stateCount(): number {
    return this.automaton.stateCount;
  }

  scan(original: string, options: ScanOptions): TextHit[] {
    const { text, toOriginal } = normalizeText(original);
    const candidates: Candidate[] = [];
    this.automaton.scan(text, (index, start, end) => {
      const { kind, right, category, source, leader } = this.patterns[index];
      candidates.push({ kind, right, category, source, start, end, ...(leader ? { leader } : {}) });
    });
    if (this.contextTypos) {
      const { model, category, source } = this.contextTypos;
      for (const { start, end, right } of model.suggest(text))
        candidates.push({ kind: 'typo', right, category, source, start, end });
    }
    if (candidates.length === 0) return [];

    const covered = [
      ...spans(this.whitelist, text),
      ...spans(this.siteWhitelist(options.siteWhitelist), text),
    ];
    const titleSpans = candidates.some((c) => c.kind === 'leader') ? spans(this.titleWords, text) : [];
    const accepted = candidates
      .filter((c) => !covered.some((w) => w.start <= c.start && c.end <= w.end))
      .filter((c) => c.kind !== 'leader' || options.inTitle || nearTitleWord(c, titleSpans))
      .sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start));

    const kept: typeof accepted = [];
    for (const c of accepted) if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
    return kept
      .sort((a, b) => a.start - b.start)
      .map(({ start, end, ...hit }) => {
        const from = toOriginal[start];
        const to = toOriginal[end - 1] + 1;
        return {
          ...hit,
          wrong: original.slice(from, to),
          start: from,
          end: to,
          sentence: sentenceAround(original, from, to),
        };
      });
  }

  private siteWhitelist(terms: readonly string[] | undefined): AhoCorasick | null {
    if (!terms || terms.length === 0) return null;
    const key = terms.join('\n');
    if (!this.siteWhitelists.has(key)) this.siteWhitelists.set(key, automatonOf(terms));
    return this.siteWhitelists.get(key) ?? null;
  }
}

function automatonOf(terms: readonly string[]): AhoCorasick | null {
  const normalised = [...new Set(terms.map(normalizePattern).filter((t) => t.length > 0))];
  return normalised.length > 0 ? new AhoCorasick(normalised) : null;
}

function spans(automaton: AhoCorasick | null, text: string): { start: number; end: number }[] {
  return automaton ? automaton.findAll(text) : [];
}

function nearTitleWord(
  hit: { start: number; end: number },
  titles: { start: number; end: number }[],
): boolean {
  return titles.some(
    (t) =>
      (t.end <= hit.start && hit.start - t.end <= TITLE_REACH) ||
      (t.start >= hit.end && t.start - hit.end <= TITLE_REACH),
  );
}

export interface ScannerOptions {
  /** Leaders from the local list (the bundled one or the one edited in the app). */
  leaders: readonly Leader[];
  /** YYYY-MM-DD: only leaders in office on that day are checked. */
  asOf: string;
  /** Extra global whitelist terms edited in the app. */
  whitelist?: readonly string[];
}

/** Leader names' plausible misspellings, never a listed name itself. */
export function leaderPatterns(bundle: LexiconBundle, leaders: readonly Leader[]): PatternInfo[] {
  const neighbours = buildCharNeighbours(bundle.commonChars.chars, bundle.similarChars.groups);
  const names = new Set(leaders.map((l) => normalizePattern(l.name)));
  return leaders.flatMap((leader) => {
    const name = normalizePattern(leader.name);
    return singleCharVariants(name, neighbours)
      .filter((variant) => !names.has(variant))
      .map((pattern) => ({
        kind: 'leader' as const,
        pattern,
        right: name,
        category: '领导人姓名',
        source: bundle.leaders.source,
        leader,
      }));
  });
}

export function compileScanner(bundle: LexiconBundle, options: ScannerOptions): TextScanner {
  const terms = (kind: HitKind, lexicon: LexiconBundle['severe']): PatternInfo[] =>
    lexicon.entries.map((e) => ({
      kind,
      pattern: normalizePattern(e.wrong),
      right: e.right,
      category: e.category,
      source: e.source ?? lexicon.source,
    }));
  const leaders = leadersValidOn(options.leaders, options.asOf);
  const patterns = [
    ...terms('severe', bundle.severe),
    ...terms('prohibited', bundle.prohibited),
    ...terms('typo', bundle.typo),
    ...leaderPatterns(bundle, leaders),
  ];
  return new TextScanner(
    patterns,
    [...bundle.whitelist.terms, ...(options.whitelist ?? [])],
    [...bundle.leaderContext.titleWords, ...leaders.map((l) => l.title)],
    {
      model: new ContextModel(bundle.typoContext),
      category: CONTEXT_TYPO_CATEGORY,
      source: bundle.typoContext.source,
    },
  );
}
