import type { AuditProgress } from '../../shared/api.js';
import type { NetworkOptions } from '../net/options.js';
import type { RenderOptions } from '../gather/renderPage.js';
import type { CrawlLimits } from './crawlSite.js';
import type { RecheckProblems } from './revisitSite.js';
import type { RunControl } from './control.js';

/** What a run is given besides its options: where resources are, how it is steered and what it reports to. */
export interface AuditDeps {
  resourcesDir: string;
  control: RunControl;
  onProgress: (p: AuditProgress) => void;
  log: (line: string) => void;
}

/** Everything one audit run needs, whether started from the CLI or the UI. */
export interface AuditOptions {
  siteIds: number[];
  /** Pack id (resources/rules/<id>.json) or a path to a provincial pack. */
  rules: string;
  asOf: string;
  limits: CrawlLimits;
  render: RenderOptions;
  network: NetworkOptions;
  probes: { count: number; intervalMs: number; timeoutMs: number };
  linkTimeoutMs: number;
  browserPath: string | null;
  /** Re-check (复查) of an earlier run: its findings are matched by fingerprint. */
  recheckOf: string | null;
  /**
   * A targeted re-check: per site, the problems (fingerprints of the earlier run) to re-visit; the rest of
   * the site is carried over. Sites without an entry, or absent (runs stored before it existed), are
   * re-audited whole.
   */
  recheckProblems?: RecheckProblems[] | null;
  /**
   * Sites audited at once, each in a worker process with its own browser; absent or null: one per core
   * (never more than the sites). 1 audits them one after another in the run's own process.
   */
  workers?: number | null;
}

export const DEFAULT_LIMITS: CrawlLimits = {
  maxPages: 200,
  maxDepth: 3,
  concurrency: 4,
  perHost: 4,
  minIntervalMs: 50,
  timeBudgetMs: 30 * 60_000,
};
