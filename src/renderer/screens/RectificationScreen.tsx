// 整改跟踪: per problem the measure, owner, deadline and status; the re-check that says 新增 / 已整改 /
// 未整改 with the before and after screenshots side by side; overdue problems stand out. A re-check covers
// the chosen problems only (their pages and links are visited again) or every site of the run.
import { useMemo, useState } from 'react';
import type { AuditProgress, RectificationView } from '../../shared/api.js';
import { call, useApiEvents, userMessage } from '../api.js';
import { EvidenceImage, pickScreenshot } from '../components/EvidenceImage.js';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../components/Notice.js';
import { PHASE_LABELS } from '../format.js';
import { useQuery } from '../useQuery.js';
import { useWorkbench } from '../workbench.js';

const STATUSES = ['待整改', '整改中', '已整改', '无需整改'] as const;
type Status = (typeof STATUSES)[number];

function recheckTone(recheck: RectificationView['recheck']): string {
  if (recheck === '已整改') return 'tag tag-ok';
  if (recheck === '未整改' || recheck === '新增') return 'tag tag-bad';
  return 'tag';
}

export function RectificationScreen() {
  const { run, go, selectRun, reloadRuns } = useWorkbench();
  const items = useQuery(run ? `rect-${run.id}` : null, () => call('listRectifications', { runId: run!.id }));
  const [selected, setSelected] = useState<string | null>(null);
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [recheckRun, setRecheckRun] = useState<string | null>(null);
  const [recheckProgress, setRecheckProgress] = useState<AuditProgress | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useApiEvents((event) => {
    if (event.type === 'progress' && event.progress.runId === recheckRun) setRecheckProgress(event.progress);
    if (event.type === 'run-finished' && event.runId === recheckRun) {
      setRecheckRun(null);
      setRecheckProgress(null);
      setMessage('复查已完成，下表显示每个问题的复查结论。');
      reloadRuns();
      selectRun(event.runId);
    }
  });

  const list = useMemo(() => items.data ?? [], [items.data]);
  const shown = onlyOverdue ? list.filter((r) => r.overdue) : list;
  const current = list.find((r) => key(r) === selected) ?? null;
  const overdueCount = list.filter((r) => r.overdue).length;
  const choosable = shown.filter((r) => r.inRun);
  const chosenItems = list.filter((r) => r.inRun && chosen.has(key(r)));
  const allChosen = choosable.length > 0 && choosable.every((r) => chosen.has(key(r)));
  const toggle = (r: RectificationView) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (!next.delete(key(r))) next.add(key(r));
      return next;
    });
  const toggleAll = () => setChosen(allChosen ? new Set() : new Set(choosable.map(key)));

  const recheck = async (scope: 'chosen' | 'all') => {
    if (!run) return;
    setError(null);
    setMessage(null);
    try {
      const problems = chosenItems.map((r) => ({ siteId: r.siteId, fingerprint: r.fingerprint }));
      const started = await call(
        'recheck',
        scope === 'chosen' ? { runId: run.id, problems } : { runId: run.id },
      );
      setRecheckRun(started.runId);
      setChosen(new Set());
      setMessage(
        scope === 'chosen'
          ? `已开始复查所选的 ${problems.length} 个问题：只重新访问这些问题所在的页面和链接，其余内容沿用本批次的检查结果。`
          : '整站复查已开始，完成后本页自动显示每个问题的复查结论。',
      );
      reloadRuns();
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  if (!run) {
    return (
      <section className="screen">
        <EmptyState title="还没有需要整改的问题">
          完成一次检查并在“问题清单”中审核后，问题会进入这里，填写整改措施、责任人和时限。
          <button type="button" className="link" onClick={() => go('audit')}>
            前往新建检查
          </button>
        </EmptyState>
      </section>
    );
  }
  return (
    <section className="screen">
      <div className="toolbar">
        <label className="field-check">
          <input type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)} />
          只看已逾期（{overdueCount} 个）
        </label>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void recheck('chosen')}
          disabled={!!recheckRun || chosenItems.length === 0}
          title="只重新访问所选问题所在的页面和链接"
        >
          {recheckRun ? '复查进行中…' : `复查所选问题（${chosenItems.length} 个）`}
        </button>
        <button type="button" className="btn" onClick={() => void recheck('all')} disabled={!!recheckRun}>
          整站复查
        </button>
      </div>
      <SuccessNotice message={message} />
      {recheckProgress && (
        <div className="notice" role="status">
          正在复查 {recheckProgress.siteName}：{PHASE_LABELS[recheckProgress.phase] ?? ''}，已抓取{' '}
          {recheckProgress.pagesDone} 页，已检查链接 {recheckProgress.linksChecked} 个
        </div>
      )}
      <ErrorNotice message={error ?? items.error} />
      {items.loading && <Loading />}
      {items.data && list.length === 0 && (
        <EmptyState title="本批次没有需要整改的问题">
          问题清单中确认的问题会出现在这里；被标记为误报的问题不需要整改。
        </EmptyState>
      )}
      {shown.length > 0 && (
        <div className="card card-flush">
          <table className="table" aria-label="整改台账">
            <thead>
              <tr>
                <th className="nowrap">
                  <input
                    type="checkbox"
                    aria-label="选择全部问题"
                    checked={allChosen}
                    onChange={toggleAll}
                    disabled={choosable.length === 0}
                  />
                </th>
                <th>网站</th>
                <th>问题</th>
                <th>整改措施</th>
                <th>责任人</th>
                <th>时限</th>
                <th>状态</th>
                <th>复查结论</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr
                  key={key(r)}
                  className={
                    [r.overdue ? 'row-overdue' : '', key(r) === selected ? 'selected' : '']
                      .join(' ')
                      .trim() || undefined
                  }
                  data-testid="rect-row"
                >
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`选择“${r.typeLabel}”复查`}
                      checked={r.inRun && chosen.has(key(r))}
                      onChange={() => toggle(r)}
                      disabled={!r.inRun}
                      title={r.inRun ? undefined : '本批次复查时已不存在该问题'}
                    />
                  </td>
                  <td className="nowrap">{r.siteName}</td>
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(key(r))}>
                      {r.typeLabel}
                    </button>
                    <div className="hint clamp">{r.detail}</div>
                  </td>
                  <td>{r.measure || <span className="muted nowrap">未填写</span>}</td>
                  <td className="nowrap">{r.owner || <span className="muted">未指定</span>}</td>
                  <td className="nowrap">
                    {r.deadline ?? <span className="muted">未设定</span>}
                    {r.overdue && <span className="tag tag-bad">已逾期</span>}
                  </td>
                  <td className="nowrap">{r.status}</td>
                  <td className="nowrap">
                    {r.recheck ? (
                      <span className={recheckTone(r.recheck)}>{r.recheck}</span>
                    ) : (
                      <span className="muted">未复查</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {current && (
        <RectificationEditor
          key={key(current)}
          item={current}
          onSaved={() => {
            setMessage(`已保存“${current.typeLabel}”的整改信息。`);
            items.reload();
          }}
        />
      )}
    </section>
  );
}

function key(r: RectificationView): string {
  return `${r.siteId}:${r.fingerprint}`;
}

function RectificationEditor({ item, onSaved }: { item: RectificationView; onSaved: () => void }) {
  const [measure, setMeasure] = useState(item.measure);
  const [owner, setOwner] = useState(item.owner);
  const [deadline, setDeadline] = useState(item.deadline ?? '');
  const [status, setStatus] = useState<Status>(
    (STATUSES as readonly string[]).includes(item.status) ? (item.status as Status) : '待整改',
  );
  const [notes, setNotes] = useState(item.notes);
  const [error, setError] = useState<string | null>(null);
  const before = pickScreenshot(item.before);
  const after = pickScreenshot(item.after);

  const save = async () => {
    setError(null);
    try {
      await call('updateRectification', {
        siteId: item.siteId,
        fingerprint: item.fingerprint,
        measure,
        owner,
        deadline: deadline || null,
        status,
        notes,
      });
      onSaved();
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  return (
    <div className="card" data-testid="rect-editor">
      <div className="card-head">
        <h2>
          {item.siteName} · {item.typeLabel}
        </h2>
        {item.recheck && <span className={recheckTone(item.recheck)}>复查：{item.recheck}</span>}
      </div>
      <p className="finding-text">{item.detail}</p>
      <form
        className="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="field field-wide">
          <span className="field-label">整改措施</span>
          <textarea rows={2} value={measure} onChange={(e) => setMeasure(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">责任人</span>
          <input value={owner} onChange={(e) => setOwner(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">整改时限</span>
          <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">整改状态</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">备注</span>
          <input value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <div className="field-wide">
          <ErrorNotice message={error} />
        </div>
        <div className="actions field-wide">
          <button type="submit" className="btn btn-primary">
            保存整改信息
          </button>
        </div>
      </form>
      <div className="before-after">
        <div>
          <h3>整改前</h3>
          {before ? (
            <EvidenceImage evidence={before.ref} label="整改前截图" />
          ) : (
            <p className="hint">没有整改前的截图。</p>
          )}
        </div>
        <div>
          <h3>复查时</h3>
          {after ? (
            <EvidenceImage evidence={after.ref} label="复查截图" />
          ) : (
            <p className="hint">
              {item.recheck ? '复查未留存截图（问题已消失的页面不再截图）。' : '尚未复查。'}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
