import type { ColumnJudgement, ResultsJson, SiteResult } from '../../shared/domain.js';
import { AppError } from '../../shared/errors.js';
import type { LinkResult } from '../artifacts.js';
import { isBroken } from '../checks/links.js';
import { importedSiteCounts, type ImportedCounts, type SiteCounts } from '../merge/importedCounts.js';
import type { Workspace } from '../store/workspace.js';

const EMPTY_AVAILABILITY = { probes: 0, failures: 0, failureRate: 0, insufficient: true };

/** The results.json link figures: checked (skipped schemes excluded), broken, and 未能检查. */
function linkCounts(results: LinkResult[]): SiteResult['links'] {
  return {
    checked: results.filter((r) => r.outcome !== 'skipped').length,
    broken: results.filter((r) => isBroken(r)).length,
    unchecked: results.filter((r) => r.outcome === 'unchecked').length,
  };
}

/**
 * A site's page and link figures in a run: counted from the run's rows, or, for a run merged from a package
 * (which brings no rows), as that package's results.json gave them (`imported`: importedSiteCounts of the run).
 */
export function siteCounts(
  ws: Workspace,
  runId: string,
  siteId: number,
  links: LinkResult[],
  imported: ImportedCounts,
): SiteCounts {
  return imported?.get(siteId) ?? { pages: ws.pages.count(runId, siteId), links: linkCounts(links) };
}

/** A judged column as results.json shows it (the facts and the pack's stale verdict). */
export function resultColumn(c: ColumnJudgement): SiteResult['columns'][number] {
  return {
    name: c.name,
    url: c.url,
    category: c.category,
    level: c.level,
    latestDate: c.latestDate,
    itemCount: c.itemCount,
    blank: c.blank,
    stale: c.stale,
  };
}

/** Findings a person dismissed as 误报 leave the score and the report; their review stays in the workspace. */
export function dismissedFingerprints(ws: Workspace, siteId: number): Set<string> {
  const dismissed = new Set<string>();
  for (const [fp, review] of ws.reviews.latest(siteId)) if (review.action === 'dismiss') dismissed.add(fp);
  return dismissed;
}

function siteResult(ws: Workspace, runId: string, siteId: number, imported: ImportedCounts): SiteResult {
  const site = ws.sites.get(siteId)!;
  const entry = ws.runs.sites(runId).find((s) => s.siteId === siteId)!;
  const score = entry.score;
  const dismissed = dismissedFingerprints(ws, siteId);
  const findings = ws.findings.list(runId, siteId).filter((f) => !dismissed.has(f.fingerprint));
  const { results } = ws.links.forSite(runId, siteId);
  return {
    name: site.name,
    url: site.url,
    siteCode: site.siteCode,
    verdict: score?.verdict ?? '待确认',
    score: score?.score ?? null,
    bonus: score?.bonus ?? 0,
    vetoes: (score?.vetoes ?? []).map((v) => ({
      item: v.item,
      reason: v.reason,
      confirmed: v.confirmed,
      findings: v.findings,
    })),
    deductions: (score?.deductions ?? []).map((d) => ({
      item: d.item,
      points: d.points,
      findings: d.findings,
    })),
    manual: (score?.manual ?? []).map((m) => ({ item: m.item, status: m.status, result: m.result })),
    columns: entry.columns.map(resultColumn),
    availability: entry.availability ?? EMPTY_AVAILABILITY,
    ...siteCounts(ws, runId, siteId, results, imported),
    findings: findings.map((f) => ({
      id: f.id,
      fingerprint: f.fingerprint,
      type: f.type,
      url: f.url,
      pageUrl: f.pageUrl,
      detail: f.detail,
      evidence: f.evidence.map((e) => ({ path: e.path, sha256: e.sha256 })),
    })),
  };
}

/** results.json of design.md, built from the workspace (stable keys; extra keys are fine). */
export function buildResultsJson(ws: Workspace, runId: string): ResultsJson {
  const run = ws.runs.get(runId);
  if (!run) throw new AppError('not-found', `run ${runId} not found`, `找不到检查批次 ${runId}。`);
  const imported = importedSiteCounts(ws, runId);
  return {
    run: {
      id: run.id,
      startedAt: run.startedAt,
      asOf: run.asOf,
      rulePack: run.rulePack,
      rulePackVersion: run.rulePackVersion,
    },
    sites: ws.runs.sites(runId).map((s) => siteResult(ws, runId, s.siteId, imported)),
  };
}
