// One site's column inventory: what the last run found, corrected by the user (category, level,
// 历史专题 excluded from freshness), then confirmed so later runs judge exactly these columns.
import { useState } from 'react';
import type { LedgerColumnView } from '../../shared/api.js';
import { COLUMN_CATEGORIES, COLUMN_CATEGORY_LABELS } from '../../shared/domain.js';
import type { ColumnCategory, Site } from '../../shared/domain.js';
import { call, userMessage } from '../api.js';
import { useQuery } from '../useQuery.js';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from './Notice.js';

export function ColumnInventory({ site }: { site: Site }) {
  const columns = useQuery(`columns-${site.id}`, () => call('listColumns', { siteId: site.id }));
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  // Changes shown at once, before the list reloads; the next change builds on them, so a second change
  // made before the reload does not undo the first.
  const [edits, setEdits] = useState<Map<string, LedgerColumnView>>(new Map());
  const keyOf = (column: LedgerColumnView) => `${column.name}\n${column.url ?? ''}`;

  const list = (columns.data ?? []).map((column) => edits.get(keyOf(column)) ?? column);

  const save = async (column: LedgerColumnView, change: Partial<LedgerColumnView>) => {
    setError(null);
    setMessage(null);
    const key = keyOf(column);
    const next = { ...column, ...change };
    setEdits((previous) => new Map(previous).set(key, next));
    try {
      await call('saveColumn', {
        siteId: site.id,
        name: next.name,
        url: next.url,
        category: next.category,
        level: next.level,
        excluded: next.excluded,
        confirmed: next.confirmed,
      });
      columns.reload();
    } catch (failure) {
      setEdits((previous) => {
        const rest = new Map(previous);
        rest.delete(key);
        return rest;
      });
      setError(userMessage(failure));
    }
  };
  const confirmAll = async () => {
    for (const column of list) {
      if (!column.confirmed) await save(column, { confirmed: true });
    }
    setMessage('栏目清单已确认，以后的检查按此清单判定。');
  };

  return (
    <div className="inventory">
      <div className="card-head">
        <h2>栏目清单：{site.name}</h2>
        <button type="button" className="btn" onClick={() => void confirmAll()} disabled={list.length === 0}>
          全部确认
        </button>
      </div>
      <ErrorNotice message={error ?? columns.error} />
      <SuccessNotice message={message} />
      {columns.loading && <Loading />}
      {columns.data && list.length === 0 && (
        <EmptyState title="尚未识别栏目">
          完成一次检查后，这里会列出识别出的栏目，供您核对类别并确认。
        </EmptyState>
      )}
      {list.length > 0 && (
        <table className="table table-compact" aria-label="栏目清单">
          <thead>
            <tr>
              <th>栏目</th>
              <th>类别</th>
              <th>级别</th>
              <th>最近更新</th>
              <th>历史专题</th>
              <th>已确认</th>
            </tr>
          </thead>
          <tbody>
            {list.map((column) => (
              <tr key={column.name} className={column.stale || column.blank ? 'row-warn' : undefined}>
                <td>
                  {column.name}
                  {column.blank && <span className="tag tag-bad">空白</span>}
                  {column.stale && <span className="tag tag-bad">未更新</span>}
                </td>
                <td>
                  <select
                    aria-label={`${column.name}的类别`}
                    value={column.category ?? ''}
                    onChange={(e) =>
                      void save(column, { category: (e.target.value || null) as ColumnCategory | null })
                    }
                  >
                    <option value="">未分类</option>
                    {COLUMN_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {COLUMN_CATEGORY_LABELS[c]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    aria-label={`${column.name}的级别`}
                    value={column.level ?? ''}
                    onChange={(e) =>
                      void save(column, { level: e.target.value ? Number(e.target.value) : null })
                    }
                  >
                    <option value="">未定</option>
                    {[1, 2, 3].map((level) => (
                      <option key={level} value={level}>
                        {level === 1 ? '一级栏目' : `${level === 2 ? '二' : '三'}级栏目`}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="nowrap">{column.latestDate ?? '无日期'}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${column.name}为历史专题`}
                    checked={column.excluded}
                    onChange={(e) => void save(column, { excluded: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`确认${column.name}`}
                    checked={column.confirmed}
                    onChange={(e) => void save(column, { confirmed: e.target.checked })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
