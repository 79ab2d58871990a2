// 检查结果: per-site score cards (score or 单项否决, verdict, deductions by indicator with their caps,
// the 需人工核查 checklist), a chart comparing sites, and a comparison with another run.
import { useState } from 'react';
import type { SiteRunSummary } from '../../shared/api.js';
import type { ManualResult } from '../../shared/domain.js';
import { call, userMessage } from '../api.js';
import { BarChart } from '../components/BarChart.js';
import { Field } from '../components/Field.js';
import { Modal } from '../components/Modal.js';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../components/Notice.js';
import { formatDateTime, formatNumber, formatPercent, RUN_STATUS_LABELS } from '../format.js';
import { RunComparison } from '../components/RunComparison.js';
import { scoreText, verdictClass } from '../scoreText.js';
import { useQuery } from '../useQuery.js';
import { useWorkbench } from '../workbench.js';

export function ResultsScreen() {
  const { run, runs, go } = useWorkbench();
  const results = useQuery(run ? `results-${run.id}` : null, () => call('getResults', { runId: run!.id }));
  const [recording, setRecording] = useState<{ site: SiteRunSummary; item: ManualResult } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (!run) {
    return (
      <section className="screen">
        <EmptyState title="还没有检查结果">
          请先在“新建检查”中选择网站并开始检查，完成后在这里查看得分和扣分明细。
          <button type="button" className="link" onClick={() => go('audit')}>
            前往新建检查
          </button>
        </EmptyState>
      </section>
    );
  }
  const summary = results.data?.summary;
  const sites = summary?.sites ?? [];

  return (
    <section className="screen">
      <div className="run-meta">
        检查批次开始于 {formatDateTime(run.startedAt)}，基准日 {run.asOf}，规则 {run.rulePack}（
        {run.rulePackVersion}），状态：
        {RUN_STATUS_LABELS[run.status] ?? run.status}
        {summary?.recheckOf && <span className="tag">复查</span>}
      </div>
      <ErrorNotice message={results.error} />
      <SuccessNotice message={message} />
      {results.loading && <Loading />}
      {summary && sites.length > 0 && (
        <div className="card">
          <h2>各网站得分对比</h2>
          <BarChart
            title="各网站得分对比"
            unit=" 分"
            max={100}
            bars={sites.map((site) => ({
              label: site.name,
              value: site.score?.score ?? null,
              note: site.score && site.score.score === null ? '单项否决' : undefined,
              tone:
                site.score?.verdict === '合格' ? 'ok' : site.score?.verdict === '不合格' ? 'bad' : 'muted',
            }))}
          />
        </div>
      )}
      {sites.map((site) => (
        <article className="card score-card" key={site.siteId} data-testid="score-card">
          <div className="score-head">
            <div>
              <h2>{site.name}</h2>
              <div className="muted mono">{site.url}</div>
            </div>
            <div className="score-figure">
              <span className="score-number">{scoreText(site)}</span>
              <span className={verdictClass(site.score?.verdict)}>{site.score?.verdict ?? '待确认'}</span>
            </div>
          </div>
          {site.error && <ErrorNotice message={site.error} />}
          <div className="score-facts">
            <span>问题 {site.findingCount} 个</span>
            <span>
              可用性：探测 {site.availability?.probes ?? 0} 次，失败率{' '}
              {formatPercent(site.availability?.failureRate)}
              {site.availability?.insufficient && <span className="tag tag-warn">监测不足</span>}
            </span>
            {site.score && site.score.bonus > 0 && <span>加分 {formatNumber(site.score.bonus, 1)}</span>}
            <button type="button" className="link" onClick={() => go('findings')}>
              查看问题清单
            </button>
          </div>
          {site.score?.vetoes.map((veto) => (
            <div key={veto.item} className={veto.confirmed ? 'veto veto-confirmed' : 'veto'}>
              <strong>单项否决：{veto.title}</strong>
              <span>{veto.reason}</span>
              {!veto.confirmed && <span className="tag tag-warn">待人工确认</span>}
            </div>
          ))}
          {site.score && site.score.deductions.length > 0 && (
            <table className="table table-compact" aria-label={`${site.name}扣分明细`}>
              <thead>
                <tr>
                  <th>指标</th>
                  <th>扣分规则</th>
                  <th>问题数</th>
                  <th>扣分</th>
                  <th>上限</th>
                </tr>
              </thead>
              <tbody>
                {site.score.deductions.map((d) => (
                  <tr key={d.item}>
                    <td>
                      {d.group} · {d.title}
                    </td>
                    <td>{d.rule}</td>
                    <td>{d.count}</td>
                    <td className="num">{formatNumber(d.points, 1)}</td>
                    <td className="num">
                      {formatNumber(d.cap, 1)}
                      {d.points >= d.cap && <span className="tag">已达上限</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {site.score && site.score.manual.length > 0 && (
            <div className="manual">
              <h3>需人工核查</h3>
              <ul className="manual-list">
                {site.score.manual.map((item) => (
                  <li key={item.item} className={item.status === '已核查' ? 'manual-done' : undefined}>
                    <div>
                      <strong>{item.title}</strong>
                      <span className={item.status === '已核查' ? 'tag tag-ok' : 'tag tag-warn'}>
                        {item.status}
                      </span>
                      {item.result && (
                        <div className="hint">
                          {item.status === '已核查' ? '核查结果' : '核查要点'}：{item.result}
                        </div>
                      )}
                      {item.sample && item.sample.length > 0 && (
                        <details>
                          <summary>抽查样本（{item.sample.length} 个）</summary>
                          <ul className="sample-list mono">
                            {item.sample.map((url) => (
                              <li key={url}>{url}</li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </div>
                    <button type="button" className="btn-small" onClick={() => setRecording({ site, item })}>
                      录入核查结果
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </article>
      ))}
      {summary && runs.length > 1 && (
        <div className="card">
          <h2>批次对比</h2>
          <RunComparison runs={runs} current={run} />
        </div>
      )}
      {recording && (
        <Modal title={`录入核查结果：${recording.item.title}`} onClose={() => setRecording(null)}>
          <ManualForm
            siteId={recording.site.siteId}
            item={recording.item}
            onSaved={() => {
              setRecording(null);
              setMessage(`已录入“${recording.item.title}”的核查结果。`);
              results.reload();
            }}
          />
        </Modal>
      )}
    </section>
  );
}

function ManualForm({ siteId, item, onSaved }: { siteId: number; item: ManualResult; onSaved: () => void }) {
  const settings = useQuery('settings', () => call('getSettings', {}));
  // The engine's note on an unchecked item is guidance, not a result to keep.
  const [result, setResult] = useState(item.status === '已核查' ? item.result : '');
  const [points, setPoints] = useState(item.points === undefined ? '' : String(item.points));
  const [reviewer, setReviewer] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const who = reviewer ?? settings.data?.reviewer ?? '';
  const save = async () => {
    setError(null);
    try {
      await call('recordManual', {
        siteId,
        item: item.item,
        result: result.trim(),
        points: points.trim() === '' ? null : Number(points),
        reviewer: who.trim(),
      });
      onSaved();
    } catch (failure) {
      setError(userMessage(failure));
    }
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Field label="核查结果">
        <textarea
          rows={4}
          value={result}
          onChange={(e) => setResult(e.target.value)}
          placeholder="写明核查了什么、发现了什么"
        />
      </Field>
      <div className="form-grid">
        <Field label="扣分（不扣分留空）">
          <input
            type="number"
            min={0}
            max={100}
            step={0.5}
            value={points}
            onChange={(e) => setPoints(e.target.value)}
          />
        </Field>
        <Field label="核查人">
          <input value={who} onChange={(e) => setReviewer(e.target.value)} />
        </Field>
      </div>
      <ErrorNotice message={error} />
      <div className="actions">
        <button type="submit" className="btn btn-primary">
          保存核查结果
        </button>
      </div>
    </form>
  );
}
