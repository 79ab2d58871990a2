// Lexicon files (resources/lexicon/*.json) validated from already-read JSON. Reading the files is the
// loader's job (src/main/resources/lexicons.ts); this module only parses, so checks stay pure.
import { z } from 'zod';

const version = z.string().min(1);
const source = z.string().min(1);

const termEntry = z.object({
  wrong: z.string().min(2),
  /** The correct wording; empty for prohibited terms. */
  right: z.string().default(''),
  category: z.string().min(1),
  /** Where this entry came from, when it differs from the file's source. */
  source: z.string().optional(),
});
export type TermEntry = z.infer<typeof termEntry>;

const termLexicon = z
  .object({
    version,
    source,
    license: z.string().optional(),
    entries: z.array(termEntry).default([]),
    /** Generated entries in compact form, "wrong|right", all of `pairsCategory` and the file's source. */
    pairs: z.array(z.string().regex(/^[^|]{2,}\|[^|]+$/, 'expected "wrong|right"')).default([]),
    pairsCategory: z.string().default('常见错别字'),
  })
  .transform(({ pairs, pairsCategory, ...lexicon }) => ({
    ...lexicon,
    entries: [
      ...lexicon.entries,
      ...pairs.map((pair): TermEntry => {
        const [wrong, right] = pair.split('|');
        return { wrong, right, category: pairsCategory };
      }),
    ],
  }));
export type TermLexicon = z.infer<typeof termLexicon>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const leader = z.object({
  name: z.string().min(2),
  title: z.string().min(1),
  region: z.string().default(''),
  validFrom: isoDate.nullable().default(null),
  validTo: isoDate.nullable().default(null),
});
export type Leader = z.infer<typeof leader>;
const leaderList = z.object({ version, source, leaders: z.array(leader) });
export type LeaderList = z.infer<typeof leaderList>;

const leaderContext = z.object({
  version,
  source,
  /** Words that make the text next to a name a title position (书记, 县长, 同志 …). */
  titleWords: z.array(z.string().min(1)),
});

const typoContext = z.object({
  version,
  source,
  license: z.string().optional(),
  smoothing: z.number().positive(),
  vocabulary: z.number().int().positive(),
  threshold: z.number().positive(),
  functionChars: z.string(),
  candidates: z.record(z.string().length(1), z.string().min(1)),
  ngrams: z
    .array(
      z.object({
        n: z.number().int().min(1).max(3),
        count: z.number().int().positive(),
        grams: z.string().min(1),
      }),
    )
    .min(1),
});
export type TypoContext = z.infer<typeof typoContext>;

const similarChars = z.object({ version, source, groups: z.array(z.string().min(2)) });
const commonChars = z.object({ version, source, chars: z.string().min(100) });
const whitelist = z.object({ version, source, terms: z.array(z.string().min(1)) });

const guideElements = z.object({
  version,
  source,
  elements: z.array(z.object({ name: z.string().min(1), synonyms: z.array(z.string().min(1)) })).min(1),
  /** Words in a page title or heading that make the page a 办事指南. */
  guideMarkers: z.array(z.string().min(1)).min(1),
  /** Link texts or file extensions that make a link a form or attachment. */
  attachmentExtensions: z.array(z.string().min(1)),
});
export type GuideElements = z.infer<typeof guideElements>;

const channelKind = z.object({ names: z.array(z.string().min(1)).min(1) });
const interactionChannels = z.object({
  version,
  source,
  consultation: channelKind,
  petition: channelKind,
  survey: channelKind,
  interview: channelKind,
  /** Host fragments of petition systems: a 领导信箱 that opens the 信访 platform is a petition channel. */
  petitionHosts: z.array(z.string().min(1)).default([]),
  /** Row labels of a message list or detail page. */
  labels: z.object({
    askedAt: z.array(z.string().min(1)),
    repliedAt: z.array(z.string().min(1)),
    replier: z.array(z.string().min(1)),
    status: z.array(z.string().min(1)),
    /** Other fields of a message page (留言内容, 回复内容 …): they end the value before them. */
    other: z.array(z.string().min(1)).default([]),
  }),
  /** Status words meaning the message was answered / is still waiting. */
  answered: z.array(z.string().min(1)),
  unanswered: z.array(z.string().min(1)),
});
export type InteractionChannels = z.infer<typeof interactionChannels>;

const identityRules = z.object({
  version,
  source,
  /** One entry per footer element the 2019 网站标识 item asks for. */
  footerItems: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        /** Regular expressions (source text) that show the element is present in the footer text. */
        patterns: z.array(z.string().min(1)).min(1),
        /** Image or link hints (URL or alt text fragments), e.g. the 党政机关 badge from dzjg.gov.cn. */
        linkHints: z.array(z.string().min(1)).default([]),
      }),
    )
    .min(1),
  siteCodePattern: z.string().min(1),
  findFault: z.object({ linkTexts: z.array(z.string().min(1)), scriptHints: z.array(z.string().min(1)) }),
  pageTags: z.object({
    site: z.array(z.string().min(1)),
    column: z.array(z.string().min(1)),
    content: z.array(z.string().min(1)),
  }),
  governmentDomainSuffixes: z.array(z.string().min(1)).min(1),
});
export type IdentityRules = z.infer<typeof identityRules>;

export const LEXICON_FILES = {
  severe: termLexicon,
  typo: termLexicon,
  'typo-context': typoContext,
  prohibited: termLexicon,
  leaders: leaderList,
  'leader-context': leaderContext,
  'similar-chars': similarChars,
  'common-chars': commonChars,
  whitelist,
  'guide-elements': guideElements,
  'interaction-channels': interactionChannels,
  identity: identityRules,
} as const;
export type LexiconFileName = keyof typeof LEXICON_FILES;

export interface LexiconBundle {
  severe: TermLexicon;
  typo: TermLexicon;
  typoContext: TypoContext;
  prohibited: TermLexicon;
  leaders: LeaderList;
  leaderContext: z.infer<typeof leaderContext>;
  similarChars: z.infer<typeof similarChars>;
  commonChars: z.infer<typeof commonChars>;
  whitelist: z.infer<typeof whitelist>;
  guideElements: GuideElements;
  interactionChannels: InteractionChannels;
  identity: IdentityRules;
  /** File name → version, printed in the report. */
  versions: Record<LexiconFileName, string>;
}

export class LexiconError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`lexicon ${file}: ${message}`);
    this.name = 'LexiconError';
  }
}

function parseFile<N extends LexiconFileName>(name: N, raw: unknown): z.infer<(typeof LEXICON_FILES)[N]> {
  const result = LEXICON_FILES[name].safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new LexiconError(name, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data as z.infer<(typeof LEXICON_FILES)[N]>;
}

/** Validates every lexicon file; `raw` maps file names (without `.json`) to their parsed JSON. */
export function parseLexiconBundle(raw: Partial<Record<LexiconFileName, unknown>>): LexiconBundle {
  const get = <N extends LexiconFileName>(name: N) => {
    if (raw[name] === undefined) throw new LexiconError(name, 'file missing');
    return parseFile(name, raw[name]);
  };
  const bundle = {
    severe: get('severe'),
    typo: get('typo'),
    typoContext: get('typo-context'),
    prohibited: get('prohibited'),
    leaders: get('leaders'),
    leaderContext: get('leader-context'),
    similarChars: get('similar-chars'),
    commonChars: get('common-chars'),
    whitelist: get('whitelist'),
    guideElements: get('guide-elements'),
    interactionChannels: get('interaction-channels'),
    identity: get('identity'),
  };
  const versions = Object.fromEntries(
    (Object.keys(LEXICON_FILES) as LexiconFileName[]).map((name) => [
      name,
      (raw[name] as { version: string }).version,
    ]),
  ) as Record<LexiconFileName, string>;
  return { ...bundle, versions };
}

/** The identity rules alone (a crawl consults them before the rest of the lexicons is loaded). */
export function parseIdentityRules(raw: unknown): IdentityRules {
  return parseFile('identity', raw);
}

/** A leader list imported or edited in the app: the same schema as resources/lexicon/leaders.json. */
export function parseLeaderList(raw: unknown): LeaderList {
  return parseFile('leaders', raw);
}

/** Leaders whose term covers `asOf` (YYYY-MM-DD); open ends count as valid. */
export function leadersValidOn(leaders: readonly Leader[], asOf: string): Leader[] {
  return leaders.filter(
    (l) => (l.validFrom === null || l.validFrom <= asOf) && (l.validTo === null || asOf <= l.validTo),
  );
}
