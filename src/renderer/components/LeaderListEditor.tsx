// 领导名单: who holds which office and when, so the content checks can tell a leader's name in the
// wrong title or after the term ended. Edited here, or carried between workstations as a JSON file.
import { useState } from 'react';
import type { LeaderEntry, LeaderListView } from '../../shared/api.js';
import { call, userMessage } from '../api.js';
import { useQuery } from '../useQuery.js';
import { ErrorNotice, Loading, SuccessNotice } from './Notice.js';
import { PathField } from './PathField.js';

const JSON_FILTERS = [{ name: '领导名单', extensions: ['json'] }];
const EMPTY_ROW: LeaderEntry = { name: '', title: '', region: '', validFrom: null, validTo: null };

export function LeaderListEditor() {
  const loaded = useQuery('leaders', () => call('getLeaders', {}));
  if (!loaded.data) return <>{loaded.error ? <ErrorNotice message={loaded.error} /> : <Loading />}</>;
  return <LeaderForm initial={loaded.data} />;
}

function LeaderForm({ initial }: { initial: LeaderListView }) {
  const [list, setList] = useState(initial);
  const [rows, setRows] = useState<LeaderEntry[]>(initial.leaders);
  const [file, setFile] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const edit = (index: number, change: Partial<LeaderEntry>) =>
    setRows((previous) => previous.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const run = async (action: () => Promise<string>) => {
    setError(null);
    setMessage(null);
    try {
      setMessage(await action());
    } catch (failure) {
      setError(userMessage(failure));
    }
  };
  const adopt = (saved: LeaderListView) => {
    setList(saved);
    setRows(saved.leaders);
  };
  const save = () =>
    run(async () => {
      // A row left entirely empty is a row the user added and did not use.
      const filled = rows.filter((r) => r.name.trim() || r.title.trim());
      adopt(await call('saveLeaders', { leaders: filled }));
      return `领导名单已保存（${filled.length} 人），下一次检查起生效。`;
    });
  const importFile = () =>
    run(async () => {
      const saved = await call('importLeaders', { file: file.trim() });
      adopt(saved);
      return `已导入领导名单（${saved.leaders.length} 人，版本 ${saved.version}）。`;
    });
  const exportFile = () =>
    run(async () => `领导名单已导出到 ${(await call('exportLeaders', { file: file.trim() })).file}`);

  return (
    <div data-testid="leader-list">
      <p className="hint">
        {list.stored ? '当前使用本机维护的名单' : '当前使用程序自带的名单（尚未在本机编辑或导入）'}：版本{' '}
        <span className="mono">{list.version}</span>，来源：{list.source}
      </p>
      <SuccessNotice message={message} />
      <ErrorNotice message={error} />
      <table className="table table-compact" aria-label="领导名单">
        <thead>
          <tr>
            <th>姓名</th>
            <th>职务</th>
            <th>地区</th>
            <th>任职起</th>
            <th>任职止（在任留空）</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td>
                <input
                  aria-label={`第${index + 1}行姓名`}
                  value={row.name}
                  onChange={(e) => edit(index, { name: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`第${index + 1}行职务`}
                  value={row.title}
                  onChange={(e) => edit(index, { title: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`第${index + 1}行地区`}
                  value={row.region}
                  onChange={(e) => edit(index, { region: e.target.value })}
                />
              </td>
              <td>
                <input
                  type="date"
                  aria-label={`第${index + 1}行任职起`}
                  value={row.validFrom ?? ''}
                  onChange={(e) => edit(index, { validFrom: e.target.value || null })}
                />
              </td>
              <td>
                <input
                  type="date"
                  aria-label={`第${index + 1}行任职止`}
                  value={row.validTo ?? ''}
                  onChange={(e) => edit(index, { validTo: e.target.value || null })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="btn-small btn-danger"
                  onClick={() => setRows((previous) => previous.filter((_, i) => i !== index))}
                >
                  删除
                </button>
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                名单为空：点击“添加一行”录入领导姓名和职务，或从文件导入。
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="actions-inline">
        <button type="button" className="btn" onClick={() => setRows((previous) => [...previous, EMPTY_ROW])}>
          添加一行
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          保存领导名单
        </button>
      </div>
      <PathField
        label="领导名单文件（JSON，用于在工作站之间离线交换）"
        value={file}
        onChange={setFile}
        placeholder="例如 D:\检查资料\领导名单.json"
        dialog={{ mode: 'open', title: '选择领导名单文件', filters: JSON_FILTERS }}
      />
      <div className="actions-inline">
        <button type="button" className="btn" disabled={!file.trim()} onClick={() => void importFile()}>
          从文件导入
        </button>
        <button type="button" className="btn" disabled={!file.trim()} onClick={() => void exportFile()}>
          导出到文件
        </button>
      </div>
    </div>
  );
}
