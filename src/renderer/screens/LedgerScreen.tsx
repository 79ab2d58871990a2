// 网站台账: the county's sites with their basic information, the 基本信息表 import/export, and each
// site's confirmed column inventory.
import { useMemo, useState } from 'react';
import type { ImportReport } from '../../shared/api.js';
import type { Site } from '../../shared/domain.js';
import { call, userMessage } from '../api.js';
import { useAction } from '../useAction.js';
import { ColumnInventory } from '../components/ColumnInventory.js';
import { Modal } from '../components/Modal.js';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../components/Notice.js';
import { PathField } from '../components/PathField.js';
import { SiteForm } from '../components/SiteForm.js';
import { useQuery } from '../useQuery.js';

const SHEET_FILTERS = [{ name: '政府网站基本信息表', extensions: ['xlsx', 'csv'] }];

export function LedgerScreen() {
  const sites = useQuery('sites', () => call('listSites', {}));
  const [search, setSearch] = useState('');
  const [typeFilter, setTypeFilter] = useState('');
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [removing, setRemoving] = useState<Site | null>(null);
  const [transfer, setTransfer] = useState<'import' | 'export' | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const list = useMemo(() => sites.data ?? [], [sites.data]);
  const types = useMemo(
    () => [...new Set(list.map((s) => s.siteType).filter((t): t is string => !!t))],
    [list],
  );
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return list.filter(
      (s) =>
        (!typeFilter || s.siteType === typeFilter) &&
        (!needle ||
          [s.name, s.url, s.siteCode ?? '', s.sponsor ?? ''].some((field) =>
            field.toLowerCase().includes(needle),
          )),
    );
  }, [list, search, typeFilter]);
  const selectedSite = list.find((s) => s.id === selected) ?? null;

  const remove = async (site: Site) => {
    setError(null);
    try {
      await call('removeSite', { id: site.id });
      setMessage(`已从台账移除“${site.name}”。`);
      setRemoving(null);
      if (selected === site.id) setSelected(null);
      sites.reload();
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  return (
    <section className="screen">
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder="按名称、网址、标识码或主办单位搜索"
          aria-label="搜索网站"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <select
          aria-label="网站类型"
          value={typeFilter}
          onChange={(event) => setTypeFilter(event.target.value)}
        >
          <option value="">全部类型</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setTransfer('import')}>
          导入基本信息表
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => setTransfer('export')}
          disabled={list.length === 0}
        >
          导出基本信息表
        </button>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          添加网站
        </button>
      </div>
      <SuccessNotice message={message} />
      <ErrorNotice message={error ?? sites.error} />
      {sites.loading && <Loading />}
      {sites.data && list.length === 0 && (
        <EmptyState title="台账中还没有网站">
          点击“导入基本信息表”导入本地区的《政府网站基本信息表》（Excel
          表格或逗号分隔的文本文件），或点击“添加网站”逐个录入。
        </EmptyState>
      )}
      {list.length > 0 && (
        <>
          <div className="card card-flush">
            <table className="table" aria-label="网站台账">
              <thead>
                <tr>
                  <th>网站名称</th>
                  <th>首页网址</th>
                  <th>网站标识码</th>
                  <th>主办单位</th>
                  <th>类型</th>
                  <th className="col-actions">操作</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((site) => (
                  <tr key={site.id} className={site.id === selected ? 'selected' : undefined}>
                    <td>
                      <button type="button" className="link" onClick={() => setSelected(site.id)}>
                        {site.name}
                      </button>
                    </td>
                    <td className="mono nowrap">{site.url}</td>
                    <td className="mono nowrap">{site.siteCode ?? '未填写'}</td>
                    <td>{site.sponsor ?? '未填写'}</td>
                    <td>{site.siteType ?? '未填写'}</td>
                    <td className="col-actions">
                      <button type="button" className="btn-small" onClick={() => setEditing(site)}>
                        编辑
                      </button>
                      <button
                        type="button"
                        className="btn-small btn-danger"
                        onClick={() => setRemoving(site)}
                      >
                        移除
                      </button>
                    </td>
                  </tr>
                ))}
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={6} className="muted">
                      没有符合条件的网站，请修改搜索词或类型。
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
            <div className="table-foot">
              共 {list.length} 个网站，显示 {shown.length} 个
            </div>
          </div>
          <div className="card">
            {selectedSite ? (
              <ColumnInventory site={selectedSite} />
            ) : (
              <EmptyState title="栏目清单">
                点击左侧网站名称，查看并确认该网站的栏目清单（栏目类别、级别、历史专题）。
              </EmptyState>
            )}
          </div>
        </>
      )}
      {editing && (
        <Modal
          title={editing === 'new' ? '添加网站' : `编辑：${editing.name}`}
          onClose={() => setEditing(null)}
        >
          <SiteForm
            site={editing === 'new' ? null : editing}
            onSaved={(site) => {
              setEditing(null);
              setMessage(`已保存“${site.name}”。`);
              sites.reload();
            }}
          />
        </Modal>
      )}
      {removing && (
        <Modal title="移除网站" onClose={() => setRemoving(null)}>
          <p>确定从台账中移除“{removing.name}”吗？已有的检查记录和证据会保留。</p>
          <div className="actions">
            <button type="button" className="btn" onClick={() => setRemoving(null)}>
              取消
            </button>
            <button type="button" className="btn btn-danger" onClick={() => void remove(removing)}>
              确定移除
            </button>
          </div>
        </Modal>
      )}
      {transfer && (
        <Modal
          title={transfer === 'import' ? '导入基本信息表' : '导出基本信息表'}
          onClose={() => setTransfer(null)}
        >
          <SheetTransfer
            mode={transfer}
            onDone={(text) => {
              setMessage(text);
              sites.reload();
            }}
          />
        </Modal>
      )}
    </section>
  );
}

function SheetTransfer({ mode, onDone }: { mode: 'import' | 'export'; onDone: (message: string) => void }) {
  const [file, setFile] = useState('');
  const { busy, error, act } = useAction();
  const [report, setReport] = useState<ImportReport | null>(null);
  const run = async () => {
    await act(async () => {
      if (mode === 'import') {
        const result = await call('importSites', { file: file.trim() });
        setReport(result);
        if (result.errors.length === 0) onDone(`已导入 ${result.imported} 个网站。`);
      } else {
        const result = await call('exportSites', { file: file.trim() });
        onDone(`已导出到 ${result.file}`);
      }
    });
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void run();
      }}
    >
      <PathField
        label={mode === 'import' ? '要导入的文件' : '保存为'}
        value={file}
        onChange={setFile}
        placeholder={
          mode === 'import' ? '例如 D:\\检查\\政府网站基本信息表.xlsx' : '例如 D:\\检查\\网站台账.xlsx'
        }
        dialog={{
          mode: mode === 'import' ? 'open' : 'save',
          title: mode === 'import' ? '选择政府网站基本信息表' : '保存政府网站基本信息表',
          filters: SHEET_FILTERS,
        }}
      />
      {mode === 'import' && (
        <p className="hint">每行一个网站；有错误的行会逐行列出，且整份文件不会被部分导入。</p>
      )}
      <ErrorNotice message={error} />
      {report && report.errors.length > 0 && (
        <div className="notice notice-error" role="alert">
          文件中有 {report.errors.length} 处问题，未导入任何网站。请修改后重新导入：
          <ul className="import-errors">
            {report.errors.map((e, index) => (
              <li key={index}>
                第 {e.row} 行{e.column ? `“${e.column}”列` : ''}：{e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report && report.errors.length === 0 && (
        <SuccessNotice message={`已导入 ${report.imported} 个网站。`} />
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy || file.trim() === ''}>
          {busy ? '处理中…' : mode === 'import' ? '导入' : '导出'}
        </button>
      </div>
    </form>
  );
}
