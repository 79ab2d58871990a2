import type { Workspace } from '../store/workspace.js';

/**
 * After a re-check (复查) run, marks each problem of the earlier run by fingerprint: 已整改 when the
 * re-check no longer finds it, 未整改 when it still does; problems only the re-check found are 新增.
 * Problems dismissed as 误报 stay out. Only the re-checked sites are compared.
 */
export function applyRecheck(
  ws: Workspace,
  earlierRunId: string,
  recheckRunId: string,
): { fixed: number; open: number; added: number } {
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
      const dismissed = (fp: string) => reviews.get(fp)?.action === 'dismiss';
      const before = new Set(
        ws.findings
          .list(earlierRunId, siteId)
          .map((f) => f.fingerprint)
          .filter((fp) => !dismissed(fp)),
      );
      const after = new Set(
        ws.findings
          .list(recheckRunId, siteId)
          .map((f) => f.fingerprint)
          .filter((fp) => !dismissed(fp)),
      );
      for (const fp of before) {
        const fixed = !after.has(fp);
        ws.rectifications.update(siteId, fp, {
          recheck: fixed ? '已整改' : '未整改',
          recheckRun: recheckRunId,
          ...(fixed ? { status: '已整改' as const } : {}),
        });
        counts[fixed ? 'fixed' : 'open']++;
      }
      for (const fp of after) {
        if (before.has(fp)) continue;
        ws.rectifications.update(siteId, fp, { recheck: '新增', recheckRun: recheckRunId });
        counts.added++;
      }
    }
  });
  return counts;
}
