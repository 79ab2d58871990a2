import { AppError } from '../../shared/errors.js';
import type { SiteScore } from '../../shared/domain.js';
import { loadRulePack } from '../resources/rulePacks.js';
import type { Workspace } from '../store/workspace.js';
import { assertAuditedHere } from './auditedHere.js';
import { finalizeSite } from './finalizeSite.js';

function describe(score: SiteScore | null): string {
  if (!score) return '未评分';
  const value = score.score === null ? '单项否决' : `${score.score}${score.bonus ? `+${score.bonus}` : ''}分`;
  return `${value} ${score.verdict}`;
}

/**
 * Re-scores a stored run under another rule pack (or the same one after reviews): the checks run again
 * over the stored artifacts, nothing touches the network. Returns one line per site with the difference.
 */
export async function rescoreRun(
  ws: Workspace,
  runId: string,
  rules: string,
  resourcesDir: string,
): Promise<string[]> {
  const run = ws.runs.get(runId);
  if (!run) throw new AppError('bad-input', `run ${runId} not found`, `找不到检查批次 ${runId}。`);
  assertAuditedHere(ws, runId);
  const pack = loadRulePack(rules, resourcesDir);
  const before = new Map(ws.runs.sites(runId).map((s) => [s.siteId, s]));
  ws.runs.setRulePack(runId, pack.id, pack.version);
  const lines = [`run ${runId}: ${run.rulePack} ${run.rulePackVersion} → ${pack.id} ${pack.version}`];
  for (const [siteId, entry] of before) {
    if (entry.status !== 'done') continue;
    await finalizeSite({ ws, runId, siteId, pack, resourcesDir });
    const after = ws.runs.sites(runId).find((s) => s.siteId === siteId)!;
    const staleBefore = entry.columns.filter((c) => c.stale).length;
    const staleAfter = after.columns.filter((c) => c.stale).length;
    const name = ws.sites.get(siteId)!.name;
    lines.push(
      `${name}: ${describe(entry.score)} → ${describe(after.score)}；否决项 ${entry.score?.vetoes.length ?? 0} → ${after.score?.vetoes.length ?? 0}；不更新栏目 ${staleBefore} → ${staleAfter}`,
    );
  }
  return lines;
}
