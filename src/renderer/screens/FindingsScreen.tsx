// 问题清单: every finding of the run, filtered by site, type, indicator and review status, in a
// virtualised list (tens of thousands stay fast); the evidence viewer; confirm or dismiss as 误报.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { FindingView } from '../../shared/api.js';
import { FINDING_TYPE_LABELS, FINDING_TYPES, LINK_OUTCOME_LABELS } from '../../shared/domain.js';
import type { FindingType, LinkOutcome } from '../../shared/domain.js';
import { call, userMessage } from '../api.js';
import { EvidenceImage, pickScreenshot } from '../components/EvidenceImage.js';
import { EvidenceText } from '../components/EvidenceText.js';
import { Field } from '../components/Field.js';
import { ManualFindingForm } from '../components/ManualFindingForm.js';
import { Modal } from '../components/Modal.js';
import { EmptyState, ErrorNotice, Loading } from '../components/Notice.js';
import { useQuery } from '../useQuery.js';
import { useWorkbench } from '../workbench.js';

type StatusFilter = 'all' | 'open' | 'dismissed' | 'confirmed';
const STATUS_LABELS: Record<StatusFilter, string> = {
  all: '全部状态',
  open: '待审核',
  confirmed: '已确认',
  dismissed: '误报',
};

function reviewState(finding: FindingView): { label: string; tone: string } {
  if (finding.review?.action === 'dismiss') return { label: '误报', tone: 'tag-muted' };
  if (finding.review?.action === 'confirm' || (finding.confirmed && !finding.needsConfirmation))
    return { label: '已确认', tone: 'tag-bad' };
  if (finding.needsConfirmation) return { label: '待人工确认', tone: 'tag-warn' };
  return { label: '待审核', tone: '' };
}

export function FindingsScreen() {
  const { run, go } = useWorkbench();
  const [siteId, setSiteId] = useState<number | undefined>(undefined);
  const [type, setType] = useState<FindingType | undefined>(undefined);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [indicator, setIndicator] = useState('');
  const [search, setSearch] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [updates, setUpdates] = useState<Map<string, FindingView>>(new Map());
  const [adding, setAdding] = useState(false);

  const filterKey = run ? JSON.stringify([run.id, siteId, type, status]) : null;
  const findings = useQuery(filterKey, () => call('listFindings', { runId: run!.id, siteId, type, status }));
  const results = useQuery(run ? `results-${run.id}` : null, () => call('getResults', { runId: run!.id }));
  const settings = useQuery('settings', () => call('getSettings', {}));

  // Which indicator (扣分项 or 否决项) each finding counts against, from the run's scoring.
  const indicatorOf = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const site of results.data?.summary.sites ?? []) {
      const items = [
        ...(site.score?.deductions ?? []).map((d) => ({
          title: `${d.group} · ${d.title}`,
          findings: d.findings,
        })),
        ...(site.score?.vetoes ?? []).map((v) => ({ title: `单项否决 · ${v.title}`, findings: v.findings })),
      ];
      for (const item of items)
        for (const id of item.findings) map.set(id, [...new Set([...(map.get(id) ?? []), item.title])]);
    }
    return map;
  }, [results.data]);
  const indicators = useMemo(() => [...new Set([...indicatorOf.values()].flat())].sort(), [indicatorOf]);

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (findings.data ?? [])
      .map((f) => updates.get(f.id) ?? f)
      .filter(
        (f) =>
          (!indicator || (indicatorOf.get(f.id) ?? []).includes(indicator)) &&
          (!needle || [f.detail, f.url, f.pageUrl, f.siteName].some((s) => s.toLowerCase().includes(needle))),
      );
  }, [findings.data, updates, indicator, indicatorOf, search]);
  const selected = shown.find((f) => f.id === selectedId) ?? null;

  const listRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render by design
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => 68,
    overscan: 12,
  });

  if (!run) {
    return (
      <section className="screen">
        <EmptyState title="还没有问题清单">
          完成一次检查后，这里列出发现的全部问题及其证据截图。
          <button type="button" className="link" onClick={() => go('audit')}>
            前往新建检查
          </button>
        </EmptyState>
      </section>
    );
  }

  const sites = results.data?.summary.sites ?? [];
  const moveSelection = (delta: number) => {
    if (shown.length === 0) return;
    const index = Math.max(
      0,
      shown.findIndex((f) => f.id === selectedId),
    );
    const next = Math.min(shown.length - 1, Math.max(0, selectedId ? index + delta : 0));
    setSelectedId(shown[next].id);
    virtualizer.scrollToIndex(next);
  };

  return (
    <section className="screen screen-fill">
      <div className="toolbar">
        <select
          aria-label="按网站筛选"
          value={siteId ?? ''}
          onChange={(e) => setSiteId(e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">全部网站</option>
          {sites.map((s) => (
            <option key={s.siteId} value={s.siteId}>
              {s.name}
            </option>
          ))}
        </select>
        <select
          aria-label="按问题类型筛选"
          value={type ?? ''}
          onChange={(e) => setType((e.target.value || undefined) as FindingType | undefined)}
        >
          <option value="">全部问题类型</option>
          {FINDING_TYPES.map((t) => (
            <option key={t} value={t}>
              {FINDING_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <select aria-label="按指标筛选" value={indicator} onChange={(e) => setIndicator(e.target.value)}>
          <option value="">全部指标</option>
          {indicators.map((i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </select>
        <select
          aria-label="按审核状态筛选"
          value={status}
          onChange={(e) => setStatus(e.target.value as StatusFilter)}
        >
          {(Object.keys(STATUS_LABELS) as StatusFilter[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <input
          type="search"
          className="search"
          placeholder="搜索问题描述或网址"
          aria-label="搜索问题"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted">共 {shown.length} 条</span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setAdding(true)} disabled={sites.length === 0}>
          添加问题
        </button>
      </div>
      {adding && (
        <Modal title="添加人工发现的问题" onClose={() => setAdding(false)}>
          <ManualFindingForm
            runId={run.id}
            sites={sites}
            reviewer={settings.data?.reviewer ?? ''}
            onSaved={(finding) => {
              setAdding(false);
              // Show the new finding whatever the list was narrowed to.
              setSearch('');
              setIndicator('');
              findings.reload();
              setSelectedId(finding.id);
            }}
          />
        </Modal>
      )}
      <ErrorNotice message={findings.error ?? results.error} />
      {findings.loading && <Loading />}
      {findings.data && shown.length === 0 && (
        <EmptyState title="没有符合条件的问题">
          {findings.data.length === 0 ? '本次检查没有发现问题。' : '请放宽筛选条件或清除搜索词。'}
        </EmptyState>
      )}
      {shown.length > 0 && (
        <div className="findings-layout">
          <div
            className="finding-list"
            ref={listRef}
            tabIndex={0}
            role="listbox"
            aria-label="问题列表（用上下方向键选择）"
            aria-activedescendant={selectedId ? `finding-${selectedId}` : undefined}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                moveSelection(event.key === 'ArrowDown' ? 1 : -1);
              }
            }}
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((row) => {
                const finding = shown[row.index];
                const state = reviewState(finding);
                return (
                  <div
                    key={finding.id}
                    id={`finding-${finding.id}`}
                    role="option"
                    aria-selected={finding.id === selectedId}
                    data-testid="finding-row"
                    className={finding.id === selectedId ? 'finding-row selected' : 'finding-row'}
                    style={{ transform: `translateY(${row.start}px)`, height: row.size }}
                    onClick={() => setSelectedId(finding.id)}
                  >
                    <div className="finding-row-head">
                      <span className="finding-type">{finding.typeLabel}</span>
                      <span className={`tag ${state.tone}`}>{state.label}</span>
                      <span className="muted finding-site">{finding.siteName}</span>
                    </div>
                    <div className="finding-detail">{finding.detail}</div>
                  </div>
                );
              })}
            </div>
          </div>
          <div className="finding-panel">
            {selected ? (
              <FindingDetail
                key={selected.id}
                runId={run.id}
                finding={selected}
                indicators={indicatorOf.get(selected.id) ?? []}
                onReviewed={(updated) => setUpdates((previous) => new Map(previous).set(updated.id, updated))}
              />
            ) : (
              <EmptyState title="选择一条问题">
                点击左侧列表中的问题（或用上下方向键），查看证据截图并审核。
              </EmptyState>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function FindingDetail({
  runId,
  finding,
  indicators,
  onReviewed,
}: {
  runId: string;
  finding: FindingView;
  indicators: string[];
  onReviewed: (finding: FindingView) => void;
}) {
  const settings = useQuery('settings', () => call('getSettings', {}));
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const screenshot = pickScreenshot(finding.evidence);
  const texts = finding.evidence.filter((e) => e.kind === 'http' || e.kind === 'dom');
  const state = reviewState(finding);

  const review = async (action: 'confirm' | 'dismiss' | 'reopen', why = '') => {
    setError(null);
    try {
      const updated = await call('reviewFinding', {
        runId,
        findingId: finding.id,
        action,
        reason: why,
        reviewer: settings.data?.reviewer ?? '',
      });
      onReviewed(updated);
      setDismissing(false);
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  return (
    <div className="finding-detail-panel" data-testid="finding-detail">
      <div className="card-head">
        <h2>{finding.typeLabel}</h2>
        <span className={`tag ${state.tone}`}>{state.label}</span>
      </div>
      <p className="finding-text">{finding.detail}</p>
      <dl className="facts">
        <dt>网站</dt>
        <dd>{finding.siteName}</dd>
        <dt>问题地址</dt>
        <dd className="mono">
          {/* Opens in the system browser (never inside this app), and only on the user's click. */}
          <a href={finding.url} target="_blank" rel="noopener noreferrer">
            {finding.url}
          </a>
        </dd>
        <dt>所在页面</dt>
        <dd className="mono">
          <a href={finding.pageUrl} target="_blank" rel="noopener noreferrer">
            {finding.pageUrl}
          </a>
        </dd>
        {indicators.length > 0 && (
          <>
            <dt>对应指标</dt>
            <dd>{indicators.join('；')}</dd>
          </>
        )}
        {Object.entries(finding.data ?? {}).map(([key, value]) => (
          <FactRow key={key} name={key} value={value} />
        ))}
        {finding.review && (
          <>
            <dt>审核记录</dt>
            <dd>
              {finding.review.action === 'dismiss'
                ? '标记为误报'
                : finding.review.action === 'confirm'
                  ? '确认'
                  : '恢复待审核'}
              {finding.review.reviewer && `（${finding.review.reviewer}）`}
              {finding.review.reason && `：${finding.review.reason}`}
            </dd>
          </>
        )}
      </dl>
      <ErrorNotice message={error} />
      <div className="actions-inline">
        <button type="button" className="btn btn-primary" onClick={() => void review('confirm')}>
          确认问题
        </button>
        <button type="button" className="btn" onClick={() => setDismissing(true)}>
          标记为误报
        </button>
        {finding.review && (
          <button type="button" className="btn" onClick={() => void review('reopen')}>
            恢复待审核
          </button>
        )}
      </div>
      {screenshot ? (
        <EvidenceImage
          evidence={screenshot.ref}
          box={screenshot.boxApplies ? finding.box : null}
          label={screenshot.boxApplies ? '页面截图（红框为问题位置）' : '问题位置截图'}
        />
      ) : (
        <p className="hint">此问题没有截图证据（例如链接检查只留存了网络请求记录）。</p>
      )}
      {texts.map((e) => (
        <EvidenceText key={e.path} evidence={e} label={e.kind === 'http' ? '网络请求记录' : '页面源码快照'} />
      ))}
      {dismissing && (
        <Modal title="标记为误报" onClose={() => setDismissing(false)}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void review('dismiss', reason.trim());
            }}
          >
            <Field label="误报原因（必填，将写入审核记录和报告）">
              <textarea
                rows={4}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
                autoFocus
              />
            </Field>
            <div className="actions">
              <button type="button" className="btn" onClick={() => setDismissing(false)}>
                取消
              </button>
              <button type="submit" className="btn btn-primary" disabled={reason.trim() === ''}>
                确定为误报
              </button>
            </div>
          </form>
        </Modal>
      )}
    </div>
  );
}

const FACT_LABELS: Record<string, string> = {
  outcome: '检查结果',
  status: 'HTTP状态码',
  onHome: '位于首页',
  isHome: '位于首页',
  linkText: '链接文字',
  sourceCount: '引用页面数',
  wrong: '错误写法',
  right: '正确写法',
  sentence: '原句',
  missing: '缺少项目',
  guide: '办事指南',
  latestDate: '最近更新日期',
  windowDays: '更新时限（天）',
  waitedDays: '已等待天数',
  pageCount: '涉及页面数',
};

function factText(name: string, value: unknown): string | null {
  if (name === 'outcome' && typeof value === 'string')
    return LINK_OUTCOME_LABELS[value as LinkOutcome] ?? null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、');
  return null;
}

/** Machine facts the checks attached; keys or values the UI has no Chinese for are not shown. */
function FactRow({ name, value }: { name: string; value: unknown }) {
  const label = FACT_LABELS[name];
  const text = label ? factText(name, value) : null;
  if (!label || text === null || text === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{text}</dd>
    </>
  );
}
