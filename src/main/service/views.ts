// Read models for the UI: what the contract's list and detail methods return, built from the workspace.
import type { FindingView, LedgerColumnView, RectificationView, RunSummary } from '../../shared/api.js';
import { FINDING_TYPE_LABELS, type EvidenceRef } from '../../shared/domain.js';
import type { StoredFinding } from '../store/findings.js';
import type { Workspace } from '../store/workspace.js';

export function runSummary(ws: Workspace, runId: string): RunSummary {
  const run = ws.runs.get(runId)!;
  const counts = new Map(
    (
      ws.db
        .prepare('SELECT site_id, COUNT(*) AS n FROM findings WHERE run_id = ? GROUP BY site_id')
        .all(runId) as {
        site_id: number;
        n: number;
      }[]
    ).map((r) => [r.site_id, r.n]),
  );
  return {
    ...run,
    sites: ws.runs.sites(runId).map((s) => {
      const site = ws.sites.get(s.siteId)!;
      return {
        siteId: s.siteId,
        name: site.name,
        url: site.url,
        status: s.status,
        score: s.score,
        columns: s.columns,
        availability: s.availability,
        findingCount: counts.get(s.siteId) ?? 0,
        error: s.error,
      };
    }),
  };
}

export function findingView(ws: Workspace, f: StoredFinding, siteNames: Map<number, string>): FindingView {
  const review = ws.reviews.latest(f.siteId).get(f.fingerprint) ?? null;
  return {
    ...f,
    siteName: siteNames.get(f.siteId) ?? '',
    typeLabel: FINDING_TYPE_LABELS[f.type],
    review: review
      ? { action: review.action, reason: review.reason, reviewer: review.reviewer, at: review.at }
      : null,
  };
}

export function siteNames(ws: Workspace): Map<number, string> {
  return new Map(ws.sites.list().map((s) => [s.id, s.name]));
}

/** The ledger's confirmed inventory merged with what the latest run found (overrides win). */
export function ledgerColumns(ws: Workspace, siteId: number, runId: string | undefined): LedgerColumnView[] {
  const run =
    runId ??
    (
      ws.db
        .prepare(
          `SELECT run_id FROM run_sites WHERE site_id = ? AND status = 'done' ORDER BY run_id DESC LIMIT 1`,
        )
        .get(siteId) as { run_id: string } | undefined
    )?.run_id;
  const judged = run ? (ws.runs.sites(run).find((s) => s.siteId === siteId)?.columns ?? []) : [];
  const ledger = ws.columns.list(siteId);
  const views: LedgerColumnView[] = ledger.map((c) => {
    const found = judged.find((j) => j.name === c.name && (j.url ?? null) === c.url);
    return {
      name: c.name,
      url: c.url,
      category: c.category,
      level: c.level,
      excluded: c.excluded,
      confirmed: c.confirmed,
      latestDate: found?.latestDate ?? null,
      stale: found?.stale ?? null,
      blank: found?.blank ?? null,
    };
  });
  for (const j of judged) {
    if (ledger.some((c) => c.name === j.name && c.url === (j.url ?? null))) continue;
    views.push({
      name: j.name,
      url: j.url,
      category: j.category,
      level: j.level,
      excluded: Boolean(j.excluded),
      confirmed: false,
      latestDate: j.latestDate,
      stale: j.stale,
      blank: j.blank,
    });
  }
  return views;
}

/**
 * The "after" evidence of a problem the re-check no longer finds: the page it was on, as the re-check
 * rendered it. A page a targeted re-check carried over unchanged from the earlier run shows nothing new.
 */
function revisitedShot(ws: Workspace, earlierRunId: string, runId: string, pageUrl: string): EvidenceRef[] {
  const page = ws.pages.get(runId, pageUrl);
  if (!page?.screenshot || page.fetchedAt === ws.pages.get(earlierRunId, pageUrl)?.fetchedAt) return [];
  return [page.screenshot];
}

export function rectificationViews(ws: Workspace, runId: string): RectificationView[] {
  const run = ws.runs.get(runId)!;
  const names = siteNames(ws);
  const today = new Date().toISOString().slice(0, 10);
  const earlier = run.recheckOf ? ws.findings.list(run.recheckOf) : [];
  const current = ws.findings.list(runId);
  // A re-check run lists the problems of the run it re-checked too: those fixed are absent from it.
  const byFingerprint = new Map<string, { before: StoredFinding | null; after: StoredFinding | null }>();
  for (const f of earlier) byFingerprint.set(`${f.siteId}:${f.fingerprint}`, { before: f, after: null });
  for (const f of current) {
    const key = `${f.siteId}:${f.fingerprint}`;
    byFingerprint.set(key, { before: byFingerprint.get(key)?.before ?? null, after: f });
  }
  const views: RectificationView[] = [];
  for (const { before, after } of byFingerprint.values()) {
    const f = (after ?? before)!;
    const dismissed = ws.reviews.latest(f.siteId).get(f.fingerprint)?.action === 'dismiss';
    if (dismissed) continue;
    const rect = ws.rectifications.get(f.siteId, f.fingerprint);
    const deadline = rect?.deadline ?? null;
    const status = rect?.status ?? '待整改';
    views.push({
      siteId: f.siteId,
      siteName: names.get(f.siteId) ?? '',
      fingerprint: f.fingerprint,
      findingId: f.id,
      type: f.type,
      typeLabel: FINDING_TYPE_LABELS[f.type],
      detail: f.detail,
      url: f.url,
      measure: rect?.measure ?? '',
      owner: rect?.owner ?? '',
      deadline,
      status,
      notes: rect?.notes ?? '',
      recheck: rect?.recheckRun === runId ? rect.recheck : null,
      inRun: after !== null,
      overdue: deadline !== null && deadline < today && status !== '已整改' && status !== '无需整改',
      before: before?.evidence ?? [],
      after:
        after?.evidence ??
        (before && run.recheckOf ? revisitedShot(ws, run.recheckOf, runId, before.pageUrl) : []),
    });
  }
  return views;
}
