import { normalizeUrl } from '../crawl/urlNormalize.js';
import type { StoredFinding } from '../store/findings.js';
import type { Workspace } from '../store/workspace.js';
import type { AuditOptions } from './options.js';
import { chosenProblems, planRecheck } from './revisitSite.js';

/** What a re-check of one site judges: which earlier problems, and where a new problem counts as 新增. */
interface RecheckJudgement {
  judged: (f: StoredFinding) => boolean;
  newHere: (f: StoredFinding) => boolean;
}

function judgementFor(
  ws: Workspace,
  earlierRunId: string,
  siteId: number,
  opts: AuditOptions,
): RecheckJudgement {
  const everything: RecheckJudgement = { judged: () => true, newHere: () => true };
  const chosen = chosenProblems(opts, siteId);
  if (!chosen) return everything;
  const targets = planRecheck(ws, earlierRunId, siteId, chosen.fingerprints);
  if (targets.wholeSite) return everything;
  const fingerprints = new Set(chosen.fingerprints);
  const revisited = (url: string) => targets.pages.has(normalizeUrl(url) ?? url) || targets.links.has(url);
  // Only the chosen problems are judged; a new problem counts only where the re-check looked again.
  return {
    judged: (f) => fingerprints.has(f.fingerprint),
    newHere: (f) => revisited(f.pageUrl) || revisited(f.url),
  };
}

/**
 * After a re-check (复查) run, marks each problem of the earlier run by fingerprint: 已整改 when the
 * re-check no longer finds it, 未整改 when it still does; problems only the re-check found are 新增.
 * Problems dismissed as 误报 stay out, and so do manual findings (a person filed them; a person re-checks
 * them). Only the re-checked sites are compared, and in a targeted re-check only the chosen problems.
 */
export function applyRecheck(
  ws: Workspace,
  earlierRunId: string,
  recheckRunId: string,
): { fixed: number; open: number; added: number } {
  const opts = ws.runs.get(recheckRunId)!.options as unknown as AuditOptions;
  const sites = new Set(
    ws.runs
      .sites(recheckRunId)
      .filter((s) => s.status === 'done')
      .map((s) => s.siteId),
  );
  const counts = { fixed: 0, open: 0, added: 0 };
  ws.tx(() => {
    for (const siteId of sites) {
      const reviews = ws.reviews.latest(siteId);
      const machine = (f: StoredFinding) =>
        reviews.get(f.fingerprint)?.action !== 'dismiss' && f.data?.['manual'] !== true;
      const { judged, newHere } = judgementFor(ws, earlierRunId, siteId, opts);
      const earlier = ws.findings.list(earlierRunId, siteId).filter(machine);
      const before = new Set(earlier.filter(judged).map((f) => f.fingerprint));
      const seenBefore = new Set(earlier.map((f) => f.fingerprint));
      const found = ws.findings.list(recheckRunId, siteId).filter(machine);
      const after = new Set(found.map((f) => f.fingerprint));
      for (const fp of before) {
        const fixed = !after.has(fp);
        ws.rectifications.update(siteId, fp, {
          recheck: fixed ? '已整改' : '未整改',
          recheckRun: recheckRunId,
          ...(fixed ? { status: '已整改' as const } : {}),
        });
        counts[fixed ? 'fixed' : 'open']++;
      }
      const added = new Set(
        found.filter((f) => !seenBefore.has(f.fingerprint) && newHere(f)).map((f) => f.fingerprint),
      );
      for (const fp of added) {
        ws.rectifications.update(siteId, fp, { recheck: '新增', recheckRun: recheckRunId });
        counts.added++;
      }
    }
  });
  return counts;
}
