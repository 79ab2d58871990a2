import { FINDING_TYPE_LABELS, type EvidenceRef, type SiteScore } from '../../shared/domain.js';
import { AppError } from '../../shared/errors.js';
import { daysBetween } from '../checks/dates/civilDate.js';
import { availabilityWindow } from '../checks/dates/availabilityWindow.js';
import type { RulePack } from '../scoring/rulePack.js';
import type { StoredFinding } from '../store/findings.js';
import { importedSiteCounts, type ImportedCounts } from '../merge/importedCounts.js';
import type { Workspace } from '../store/workspace.js';
import type { ReportFinding, ReportModel, ReportSite } from './model.js';
import { dismissedFingerprints, resultColumn, siteCounts } from './resultsJson.js';

export interface ReportMeta {
  title?: string;
  unit?: string;
  date?: string;
}

/** 对应指标 of each finding: the veto or deduction items its id was counted under. */
function indicatorsOf(score: SiteScore | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (id: string, label: string) => map.set(id, [...(map.get(id) ?? []), label]);
  for (const v of score?.vetoes ?? []) for (const id of v.findings) add(id, `单项否决·${v.title}`);
  for (const d of score?.deductions ?? []) for (const id of d.findings) add(id, `${d.group}·${d.title}`);
  return map;
}

function shownImage(evidence: EvidenceRef[]): EvidenceRef | undefined {
  return evidence.find((e) => e.kind === 'crop') ?? evidence.find((e) => e.kind === 'screenshot');
}

function quarterTitle(asOf: string, region: string): string {
  const [year, month] = asOf.split('-').map(Number);
  const quarter = ['一', '二', '三', '四'][Math.floor((month - 1) / 3)];
  return `${region}政府网站检查情况及整改台账（${year}年第${quarter}季度）`;
}

function reportSite(
  ws: Workspace,
  runId: string,
  siteId: number,
  asOf: string,
  imported: ImportedCounts,
): ReportSite {
  const site = ws.sites.get(siteId)!;
  const entry = ws.runs.sites(runId).find((s) => s.siteId === siteId)!;
  const dismissed = dismissedFingerprints(ws, siteId);
  const findings = ws.findings.list(runId, siteId).filter((f) => !dismissed.has(f.fingerprint));
  const indicators = indicatorsOf(entry.score);
  const pages = new Map(ws.pages.list(runId, siteId).map((p) => [p.url, p]));
  const home = [...pages.values()].find((p) => p.isHome);
  const { results, sources } = ws.links.forSite(runId, siteId);
  const window = availabilityWindow(asOf);
  const toReportFinding = (f: StoredFinding): ReportFinding => {
    const rect = ws.rectifications.get(siteId, f.fingerprint);
    const shown = shownImage(f.evidence);
    // The page whose screenshot the finding carries: its own, or the home page's (finalizeSite).
    const shot = f.evidence.find((e) => e.kind === 'screenshot');
    const shotPage = [pages.get(f.pageUrl), home].find(
      (p) => shot !== undefined && p?.screenshot?.sha256 === shot.sha256,
    );
    return {
      id: f.id,
      fingerprint: f.fingerprint,
      type: f.type,
      typeLabel: FINDING_TYPE_LABELS[f.type],
      indicator: (indicators.get(f.id) ?? ['不计分（事实记录）']).join('；'),
      url: f.url,
      pageUrl: f.pageUrl,
      pageTitle: pages.get(f.pageUrl)?.title ?? null,
      detail: f.detail,
      foundAt: f.createdAt,
      needsConfirmation: f.needsConfirmation,
      confirmed: f.confirmed,
      // The box is in full-page coordinates: a crop is already centred on it.
      box: shown?.kind === 'crop' ? null : (f.box ?? null),
      evidence: f.evidence.map((e) => ({ path: e.path, sha256: e.sha256 })),
      screenshot: shown,
      screenshotAt: shotPage ? (shotPage.screenshotTakenAt ?? shotPage.fetchedAt) : undefined,
      thumbnail: f.evidence.find((e) => e.kind === 'thumbnail'),
      rectification: rect
        ? {
            measure: rect.measure,
            owner: rect.owner,
            deadline: rect.deadline,
            status: rect.status,
            notes: rect.notes,
            recheck: rect.recheck,
          }
        : undefined,
    };
  };
  const score = entry.score;
  return {
    name: site.name,
    url: site.url,
    siteCode: site.siteCode,
    sponsor: site.sponsor,
    info: {
      ...(site.supervisor ? { 主管单位: site.supervisor } : {}),
      ...(site.siteType ? { 网站类型: site.siteType } : {}),
      ...site.info,
    },
    verdict: score?.verdict ?? '待确认',
    score: score?.score ?? null,
    bonus: score?.bonus ?? 0,
    vetoes: score?.vetoes ?? [],
    deductionRows: score?.deductions ?? [],
    manual: score?.manual ?? [],
    columns: entry.columns.map((c) => ({
      ...resultColumn(c),
      windowDays: c.windowDays,
      daysSinceUpdate: c.latestDate ? daysBetween(c.latestDate, asOf) : null,
    })),
    availability: entry.availability ?? { probes: 0, failures: 0, failureRate: 0, insufficient: true },
    probes: ws.probes.forAudit(siteId, window.fromIso, window.toIso, runId).map((p) => ({
      at: p.at,
      ok: p.ok,
      latencyMs: p.latencyMs,
      status: p.status,
      error: p.error,
      counted: !p.localNetwork,
    })),
    ...siteCounts(ws, runId, siteId, results, imported),
    linkProblems: results
      .filter((r) => r.outcome !== 'ok' && r.outcome !== 'skipped')
      .map((r) => {
        const src = sources[r.url]?.find((s) => s.pageUrl === home?.url) ?? sources[r.url]?.[0];
        return {
          url: r.url,
          outcome: r.outcome,
          status: r.status,
          pageUrl: src?.pageUrl ?? site.url,
          pageTitle: src ? (pages.get(src.pageUrl)?.title ?? null) : null,
          linkText: src?.text ?? null,
          error: r.error,
          onHome: src?.pageUrl === home?.url,
          checkedAt: r.checkedAt,
        };
      }),
    findings: findings.map(toReportFinding),
  };
}

/** The report layer's input for one stored run, read from the workspace (dismissed findings left out). */
export function buildReportModel(
  ws: Workspace,
  runId: string,
  pack: RulePack,
  meta: ReportMeta = {},
): ReportModel {
  const run = ws.runs.get(runId);
  if (!run) throw new AppError('not-found', `run ${runId} not found`, `找不到检查批次 ${runId}。`);
  const chainEntries = ws.chain.entries(runId);
  const imported = importedSiteCounts(ws, runId);
  const itemStatus: Record<string, string> = {};
  for (const item of [...pack.vetoes, ...pack.deductions, ...pack.bonuses, ...pack.manual])
    itemStatus[item.id] = item.status;
  const unit = meta.unit ?? ws.settings.get('unit', '');
  const evidence = ws.db.prepare('SELECT sha256, path, kind FROM evidence').all() as {
    sha256: string;
    path: string;
    kind: EvidenceRef['kind'];
  }[];
  const chained = new Set(chainEntries.filter((e) => e.kind === 'evidence').map((e) => e.ref));
  return {
    title: meta.title ?? quarterTitle(run.asOf, unit.replace(/(人民政府)?办公室$/, '') || ''),
    unit: unit || '（填报单位）',
    date: meta.date ?? run.asOf,
    run,
    workspaceDir: ws.dir,
    chainHead: run.chainHead ?? ws.chain.head(runId),
    chainEntries,
    evidenceFiles: evidence
      .filter((e) => chained.has(e.path))
      .map((e) => ({ path: e.path, sha256: e.sha256, kind: e.kind })),
    rulePack: { id: pack.id, version: pack.version, title: pack.title, itemStatus },
    sites: ws.runs.sites(runId).map((s) => reportSite(ws, runId, s.siteId, run.asOf, imported)),
  };
}
