import { shanghaiToday } from '../checks/dates/civilDate.js';
import { AppError } from '../../shared/errors.js';
import { loadRulePack } from '../resources/rulePacks.js';
import type { Workspace } from '../store/workspace.js';
import type { AuditOptions } from './options.js';
import type { RecheckProblems } from './revisitSite.js';
import { createRun } from './runAudit.js';
import { assertAuditedHere } from './auditedHere.js';

/**
 * The chosen problems of a targeted re-check, grouped per site, each checked to be a problem the earlier
 * run recorded (a stale or mistyped choice is refused rather than silently re-checking nothing).
 */
export function chooseRecheckProblems(
  ws: Workspace,
  earlierRunId: string,
  problems: readonly { siteId: number; fingerprint: string }[],
): RecheckProblems[] {
  const recorded = new Map<number, Set<string>>();
  const chosen = new Map<number, Set<string>>();
  for (const p of problems) {
    if (!recorded.has(p.siteId))
      recorded.set(p.siteId, new Set(ws.findings.list(earlierRunId, p.siteId).map((f) => f.fingerprint)));
    if (!recorded.get(p.siteId)!.has(p.fingerprint))
      throw new AppError(
        'bad-input',
        `problem ${p.fingerprint} of site ${p.siteId} is not in run ${earlierRunId}`,
        '所选问题不属于该检查批次，请刷新问题列表后重新选择。',
      );
    chosen.set(p.siteId, (chosen.get(p.siteId) ?? new Set()).add(p.fingerprint));
  }
  return [...chosen].map(([siteId, fingerprints]) => ({ siteId, fingerprints: [...fingerprints] }));
}

/**
 * Creates the run of a re-check (复查) of an earlier run, with the earlier run's options: whole sites (all of
 * its sites, or `siteIds`), or only the chosen problems. The as-of date moves to today (never backwards).
 * The caller runs it (runAudit) and then marks the problems (applyRecheck).
 */
export function createRecheckRun(
  ws: Workspace,
  resourcesDir: string,
  earlierRunId: string,
  choice: { siteIds?: number[]; problems?: { siteId: number; fingerprint: string }[] },
): string {
  const earlier = ws.runs.get(earlierRunId);
  if (!earlier) throw new AppError('not-found', `run ${earlierRunId} not found`, '找不到要复查的检查批次。');
  assertAuditedHere(ws, earlierRunId);
  const before = earlier.options as unknown as AuditOptions;
  const chosen = choice.problems ? chooseRecheckProblems(ws, earlierRunId, choice.problems) : null;
  const today = shanghaiToday();
  const options: AuditOptions = {
    ...before,
    siteIds: chosen?.map((p) => p.siteId) ?? choice.siteIds ?? before.siteIds,
    asOf: today > earlier.asOf ? today : earlier.asOf,
    recheckOf: earlierRunId,
    recheckProblems: chosen,
  };
  return createRun(ws, options, loadRulePack(earlier.rulePack, resourcesDir));
}
