// A run merged from another workstation's package (merge/importRun.ts) has its findings, scores and evidence
// here, but not the pages and link results its checks ran over, nor its audit options. Re-running its checks
// would replace its findings with what an empty crawl yields, and a re-check would start from no options.
// Re-scoring, reviews and re-checks of such a run belong to the workstation that audited it.
import { AppError } from '../../shared/errors.js';
import type { Workspace } from '../store/workspace.js';

/** Throws for a merged run; returns for a run audited in this workspace (or an unknown one). */
export function assertAuditedHere(ws: Workspace, runId: string): void {
  const source = ws.runs.get(runId)?.options.mergedFrom;
  if (source === undefined) return;
  throw new AppError(
    'bad-input',
    `run ${runId} was merged from ${String(source)}: its pages and link results are not in this workspace`,
    '该检查批次是从其他工作站的证据包合并来的，本机没有它的页面和链接记录，不能在本机重新评分、审核或复查。' +
      '请在原工作站处理后重新导出证据包，再合并。',
  );
}
