// 新建检查: choose sites and the rule pack, start, then follow the run live (per site and overall),
// with pause, resume and cancel.
import { useState } from 'react';
import type { AuditProgress } from '../../shared/api.js';
import { call, useApiEvents, userMessage } from '../api.js';
import { useAction } from '../useAction.js';
import { Field } from '../components/Field.js';
import { EmptyState, ErrorNotice, Loading } from '../components/Notice.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { formatDuration, formatNumber, PHASE_LABELS, todayInShanghai } from '../format.js';
import { useQuery } from '../useQuery.js';
import { useWorkbench } from '../workbench.js';

function siteRatio(p: AuditProgress): number {
  if (p.phase === 'done') return 1;
  const pages = p.pagesDone + p.pagesQueued;
  const pageShare = pages === 0 ? 0 : p.pagesDone / pages;
  const linkShare = p.linksTotal === 0 ? 0 : p.linksChecked / p.linksTotal;
  // Pages, then links, then probes and scoring: rough weights of where the time goes.
  if (p.phase === 'crawl') return pageShare * 0.6;
  if (p.phase === 'links') return 0.6 + linkShare * 0.3;
  return 0.9;
}

export function AuditScreen() {
  const { runs, reloadRuns, selectRun, go } = useWorkbench();
  const sites = useQuery('sites', () => call('listSites', {}));
  const packs = useQuery('packs', () => call('listRulePacks', {}));
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [rulePack, setRulePack] = useState('inspection-2019');
  const [asOf, setAsOf] = useState(todayInShanghai());
  const [maxPages, setMaxPages] = useState(200);
  const [maxDepth, setMaxDepth] = useState(3);
  const [progress, setProgress] = useState<Map<number, AuditProgress>>(new Map());
  const [startedRun, setStartedRun] = useState<string | null>(null);
  const [finished, setFinished] = useState<string | null>(null);
  const { busy, error, setError, act } = useAction();

  // A run still open in the workspace (started earlier, or paused) is followed as well.
  const openRun = runs.find((r) => r.status === 'running' || r.status === 'paused') ?? null;
  const activeRunId = startedRun ?? openRun?.id ?? null;
  const activeStatus = runs.find((r) => r.id === activeRunId)?.status ?? (startedRun ? 'running' : null);

  useApiEvents((event) => {
    if (event.type === 'progress') {
      if (activeRunId && event.progress.runId !== activeRunId) return;
      setProgress((previous) => new Map(previous).set(event.progress.siteId, event.progress));
    } else {
      setFinished(event.runId);
      setStartedRun(null);
      selectRun(event.runId);
      reloadRuns();
    }
  });

  const siteList = sites.data ?? [];
  const toggle = (id: number) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const start = async () => {
    setFinished(null);
    await act(async () => {
      const { runId } = await call('startAudit', {
        siteIds: [...chosen],
        rulePack,
        asOf,
        maxPages,
        maxDepth,
      });
      setProgress(new Map());
      setStartedRun(runId);
      reloadRuns();
    });
  };
  const control = async (method: 'pauseAudit' | 'resumeAudit' | 'cancelAudit') => {
    if (!activeRunId) return;
    setError(null);
    try {
      await call(method, { runId: activeRunId });
      if (method === 'cancelAudit') setStartedRun(null);
      reloadRuns();
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  const rows = [...progress.values()];
  const overall = rows.length === 0 ? 0 : rows.reduce((sum, p) => sum + siteRatio(p), 0) / rows.length;
  const sitesDone = rows.filter((p) => p.phase === 'done' || p.phase === 'failed').length;

  return (
    <section className="screen">
      <ErrorNotice message={error ?? sites.error ?? packs.error} />
      {finished && runs.find((r) => r.id === finished)?.status === 'cancelled' && (
        <div className="notice" role="status">
          检查已取消。已抓取的页面保留在检查记录中，可在新建检查中重新开始。
        </div>
      )}
      {finished && runs.find((r) => r.id === finished)?.status !== 'cancelled' && (
        <div className="notice notice-ok" role="status">
          检查已完成。
          <button
            type="button"
            className="link"
            onClick={() => {
              selectRun(finished);
              go('results');
            }}
          >
            查看检查结果
          </button>
        </div>
      )}
      {activeRunId && (
        <div className="card">
          <div className="card-head">
            <h2>检查进度{activeStatus === 'paused' ? '（已暂停）' : ''}</h2>
            <div className="actions-inline">
              {activeStatus === 'paused' ? (
                <button type="button" className="btn btn-primary" onClick={() => void control('resumeAudit')}>
                  继续
                </button>
              ) : (
                <button type="button" className="btn" onClick={() => void control('pauseAudit')}>
                  暂停
                </button>
              )}
              <button type="button" className="btn btn-danger" onClick={() => void control('cancelAudit')}>
                取消检查
              </button>
            </div>
          </div>
          <div className="overall">
            <span>
              总体进度 {Math.round(overall * 100)}%（{sitesDone}/{Math.max(rows.length, 1)} 个网站完成）
            </span>
            <ProgressBar ratio={overall} label="总体进度" />
          </div>
          {rows.length === 0 && <Loading />}
          {rows.map((p) => (
            <div className="site-progress" key={p.siteId} data-testid="site-progress">
              <div className="site-progress-head">
                <strong>{p.siteName}</strong>
                <span
                  className={`tag ${p.phase === 'failed' ? 'tag-bad' : p.phase === 'done' ? 'tag-ok' : ''}`}
                >
                  {PHASE_LABELS[p.phase] ?? p.phase}
                </span>
              </div>
              <ProgressBar ratio={siteRatio(p)} label={`${p.siteName}进度`} />
              <div className="site-progress-stats">
                <span>已抓取 {formatNumber(p.pagesDone)} 页</span>
                <span>待抓取 {formatNumber(p.pagesQueued)} 页</span>
                <span>
                  链接 {formatNumber(p.linksChecked)}/{formatNumber(p.linksTotal)}
                </span>
                <span>速度 {formatNumber(p.rate, 1)} 页/秒</span>
                <span>预计剩余 {p.phase === 'done' ? '0 秒' : formatDuration(p.etaSeconds)}</span>
              </div>
              {p.currentUrl && p.phase !== 'done' && (
                <div className="current-url mono">正在处理：{p.currentUrl}</div>
              )}
              {p.message && <div className="hint">{p.message}</div>}
            </div>
          ))}
        </div>
      )}
      <div className="card">
        <h2>检查设置</h2>
        {sites.loading && <Loading />}
        {sites.data && siteList.length === 0 && (
          <EmptyState title="台账中还没有网站">
            请先到“网站台账”导入基本信息表或添加网站，再回到这里开始检查。
            <button type="button" className="link" onClick={() => go('ledger')}>
              前往网站台账
            </button>
          </EmptyState>
        )}
        {siteList.length > 0 && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void start();
            }}
          >
            <fieldset className="choice-group">
              <legend>
                选择要检查的网站（已选 {chosen.size} 个）
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    setChosen(
                      chosen.size === siteList.length ? new Set() : new Set(siteList.map((s) => s.id)),
                    )
                  }
                >
                  {chosen.size === siteList.length ? '全不选' : '全选'}
                </button>
              </legend>
              {siteList.map((site) => (
                <label key={site.id} className="field-check">
                  <input type="checkbox" checked={chosen.has(site.id)} onChange={() => toggle(site.id)} />
                  {site.name}
                  <span className="muted mono">{site.url}</span>
                </label>
              ))}
            </fieldset>
            <div className="form-grid">
              <Field label="检查规则">
                <select value={rulePack} onChange={(e) => setRulePack(e.target.value)}>
                  {(packs.data ?? [{ id: 'inspection-2019', version: '', title: '政府网站检查指标' }]).map(
                    (p) => (
                      <option key={p.id} value={p.id}>
                        {p.title}
                        {p.version ? `（${p.version}）` : ''}
                      </option>
                    ),
                  )}
                </select>
              </Field>
              <Field label="检查基准日">
                <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} required />
              </Field>
              <Field label="每个网站最多抓取页面数">
                <input
                  type="number"
                  min={1}
                  max={100000}
                  value={maxPages}
                  onChange={(e) => setMaxPages(Number(e.target.value) || 1)}
                />
              </Field>
              <Field label="最大抓取深度">
                <input
                  type="number"
                  min={0}
                  max={20}
                  value={maxDepth}
                  onChange={(e) => setMaxDepth(Number(e.target.value) || 0)}
                />
              </Field>
            </div>
            <div className="actions">
              <button
                type="submit"
                className="btn btn-primary"
                disabled={busy || chosen.size === 0 || activeStatus === 'running'}
              >
                {busy ? '正在启动…' : '开始检查'}
              </button>
              {activeStatus === 'running' && (
                <span className="hint">当前有检查正在进行，完成或取消后才能开始新的检查。</span>
              )}
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
