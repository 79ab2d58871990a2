// 批次对比: two runs side by side, per site the score and verdict of each and the problems that
// appeared (新增) or went away (消失) between them, matched by fingerprint.
import { useState } from 'react';
import type { RunSummary, SiteRunSummary } from '../../shared/api.js';
import { call } from '../api.js';
import { compareRuns } from '../compareRuns.js';
import { formatDateTime } from '../format.js';
import { scoreText, verdictClass } from '../scoreText.js';
import { useQuery } from '../useQuery.js';
import { Field } from './Field.js';
import { ErrorNotice, Loading } from './Notice.js';

function runLabel(run: RunSummary): string {
  return `${formatDateTime(run.startedAt)}（基准日 ${run.asOf}${run.recheckOf ? '，复查' : ''}）`;
}

/** The run a later one is naturally compared with: what it re-checked, else the one before it. */
function defaultEarlier(runs: RunSummary[], later: RunSummary): string {
  if (later.recheckOf && runs.some((r) => r.id === later.recheckOf)) return later.recheckOf;
  return runs.find((r) => r.id !== later.id && r.startedAt < later.startedAt)?.id ?? '';
}

function Outcome({ site }: { site: SiteRunSummary | null }) {
  if (!site) return <span className="muted">未检查</span>;
  return (
    <>
      {scoreText(site)}{' '}
      <span className={verdictClass(site.score?.verdict)}>{site.score?.verdict ?? '待确认'}</span>
    </>
  );
}

export function RunComparison({ runs, current }: { runs: RunSummary[]; current: RunSummary }) {
  const [laterId, setLaterId] = useState(current.id);
  const later = runs.find((r) => r.id === laterId) ?? current;
  const [chosenEarlier, setEarlierId] = useState<string | null>(null);
  const earlierId = chosenEarlier ?? defaultEarlier(runs, later);
  const key = earlierId && earlierId !== later.id ? `compare-${earlierId}-${later.id}` : null;
  const comparison = useQuery(key, async () => {
    const [before, after] = await Promise.all([
      call('getResults', { runId: earlierId }),
      call('getResults', { runId: later.id }),
    ]);
    return compareRuns(before, after);
  });

  const picker = (label: string, value: string, onChange: (id: string) => void) => (
    <Field label={label}>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">请选择检查批次</option>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {runLabel(r)}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <div data-testid="run-comparison">
      <div className="form-grid">
        {picker('对比基准（较早批次）', earlierId, setEarlierId)}
        {picker('对比批次（较晚批次）', later.id, setLaterId)}
      </div>
      {!key && <p className="hint">请选择两个不同的检查批次，比较各网站的得分、结论和问题的新增与消失。</p>}
      <ErrorNotice message={comparison.error} />
      {comparison.loading && <Loading />}
      {comparison.data && (
        <table className="table table-compact" aria-label="批次对比">
          <thead>
            <tr>
              <th>网站</th>
              <th>较早批次</th>
              <th>较晚批次</th>
              <th>新增问题</th>
              <th>消失问题</th>
              <th>仍存在</th>
            </tr>
          </thead>
          <tbody>
            {comparison.data.map((site) => (
              <tr key={site.siteId} data-testid="comparison-row">
                <td>{site.name}</td>
                <td>
                  <Outcome site={site.before} />
                </td>
                <td>
                  <Outcome site={site.after} />
                </td>
                <td data-testid="added">{site.added}</td>
                <td data-testid="removed">{site.removed}</td>
                <td>{site.kept}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
