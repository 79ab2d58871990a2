// What every check receives besides the artifacts: the as-of date, the lexicons and local lists.
import type { LexiconBundle } from './content/lexicon.js';
import type { TextScanner } from './content/scanner.js';

export type PageKind = 'home' | 'column' | 'article' | 'other';

export interface CheckContext {
  /** YYYY-MM-DD, Asia/Shanghai: "today" for every window. */
  asOf: string;
  siteUrl: string;
  lexicons: LexiconBundle;
  /** compileScanner(lexicons, { leaders, asOf, whitelist }): built once per run, shared by sites. */
  scanner: TextScanner;
  /** Terms whitelisted for this site (local place and person names). */
  siteWhitelist: readonly string[];
  /** --offline: no name lookup, so IPv6 stays "not checked". */
  offline: boolean;
  /** Page kinds from the column model, when known; otherwise guessed from the page. */
  pageKinds?: Record<string, PageKind>;
  /** AAAA lookup result gathered outside the checks, when name lookup was allowed. */
  hasAaaaRecord?: boolean | null;
}
