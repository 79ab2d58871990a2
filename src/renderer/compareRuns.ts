// Run-to-run comparison: per site, the score and verdict of both runs and which problems appeared or
// went away, matched by fingerprint (stable across runs for the same problem).
import type { ApiOutputs, SiteRunSummary } from '../shared/api.js';

type RunResults = ApiOutputs['getResults'];

export interface SiteComparison {
  siteId: number;
  name: string;
  before: SiteRunSummary | null;
  after: SiteRunSummary | null;
  /** Problems in the later run only (新增). */
  added: number;
  /** Problems in the earlier run only (消失). */
  removed: number;
  /** Problems in both runs. */
  kept: number;
}

function fingerprintsBySite(run: RunResults): Map<number, Set<string>> {
  const byUrl = new Map(run.results.sites.map((s) => [s.url, s.findings.map((f) => f.fingerprint)]));
  return new Map(run.summary.sites.map((s) => [s.siteId, new Set(byUrl.get(s.url) ?? [])]));
}

/** Every site of either run, in the later run's order, then those only the earlier run audited. */
export function compareRuns(before: RunResults, after: RunResults): SiteComparison[] {
  const beforeSites = new Map(before.summary.sites.map((s) => [s.siteId, s]));
  const afterSites = new Map(after.summary.sites.map((s) => [s.siteId, s]));
  const beforePrints = fingerprintsBySite(before);
  const afterPrints = fingerprintsBySite(after);
  const ids = [...new Set([...afterSites.keys(), ...beforeSites.keys()])];
  return ids.map((siteId) => {
    const then = beforePrints.get(siteId) ?? new Set<string>();
    const now = afterPrints.get(siteId) ?? new Set<string>();
    const kept = [...now].filter((p) => then.has(p)).length;
    return {
      siteId,
      name: (afterSites.get(siteId) ?? beforeSites.get(siteId))!.name,
      before: beforeSites.get(siteId) ?? null,
      after: afterSites.get(siteId) ?? null,
      added: now.size - kept,
      removed: then.size - kept,
      kept,
    };
  });
}
