// 报告导出: writes the workbook, the written reports and the evidence package of the chosen run.
import { useState } from 'react';
import { call, userMessage } from '../api.js';
import { useAction } from '../useAction.js';
import { Field } from '../components/Field.js';
import { EmptyState, ErrorNotice } from '../components/Notice.js';
import { PathField } from '../components/PathField.js';
import { todayInShanghai } from '../format.js';
import { useQuery } from '../useQuery.js';
import { useWorkbench } from '../workbench.js';

const FILE_LABELS: Record<string, string> = {
  xlsx: 'Excel 检查结果表',
  docx: 'Word 检查报告（可编辑）',
  pdf: 'PDF 检查报告',
  zip: '证据包',
  json: '结构化结果数据',
};

function describe(file: string): string {
  const extension = file.split('.').pop()?.toLowerCase() ?? '';
  return FILE_LABELS[extension] ?? '导出文件';
}

export function ExportScreen() {
  const { run, go } = useWorkbench();
  const settings = useQuery('settings', () => call('getSettings', {}));
  const layoutSheets = useQuery('report-sheets', () => call('listReportSheets', {}));
  /** Sheets the user unticked; every other sheet of the layout goes into the workbook. */
  const [leftOut, setLeftOut] = useState<Set<string>>(new Set());
  const [title, setTitle] = useState('');
  const [unit, setUnit] = useState<string | null>(null);
  const [date, setDate] = useState(todayInShanghai());
  const [outDir, setOutDir] = useState('');
  const { busy, error, setError, act } = useAction();
  const [written, setWritten] = useState<{ files: string[]; outDir: string } | null>(null);

  if (!run) {
    return (
      <section className="screen">
        <EmptyState title="没有可导出的检查">
          先完成一次检查；导出内容包括 Excel 结果表、Word 与 PDF 报告和证据包。
          <button type="button" className="link" onClick={() => go('audit')}>
            前往新建检查
          </button>
        </EmptyState>
      </section>
    );
  }
  const reportUnit = unit ?? settings.data?.unit ?? '';
  const allSheets = layoutSheets.data ?? [];
  const chosenSheets = allSheets.filter((name) => !leftOut.has(name));
  const toggleSheet = (name: string) =>
    setLeftOut((previous) => {
      const next = new Set(previous);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  const submit = async () => {
    setWritten(null);
    await act(async () => {
      setWritten(
        await call('exportReport', {
          runId: run.id,
          outDir: outDir.trim(),
          title: title.trim() || undefined,
          unit: reportUnit.trim() || undefined,
          date,
          // All ticked: the layout decides, so a layout's new sheet is never left out by accident.
          sheets: leftOut.size === 0 ? undefined : chosenSheets,
        }),
      );
    });
  };
  const openFolder = async () => {
    if (!written) return;
    try {
      await call('openFolder', { path: written.outDir });
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  return (
    <section className="screen">
      <div className="card">
        <h2>导出检查批次（基准日 {run.asOf}）</h2>
        <form
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Field label="报告标题" wide>
            <input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="不填写则使用“政府网站检查情况报告”"
            />
          </Field>
          <Field label="报送单位">
            <input
              value={reportUnit}
              onChange={(e) => setUnit(e.target.value)}
              placeholder="例如 某某县人民政府办公室"
            />
          </Field>
          <Field label="报告日期">
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </Field>
          <fieldset className="choice-group field-wide">
            <legend>Excel 检查结果表包含的工作表</legend>
            <ErrorNotice message={layoutSheets.error} />
            {allSheets.map((name) => (
              <label key={name} className="field-check">
                <input type="checkbox" checked={!leftOut.has(name)} onChange={() => toggleSheet(name)} />
                {name}
              </label>
            ))}
          </fieldset>
          <div className="field-wide">
            <PathField
              label="导出到文件夹"
              value={outDir}
              onChange={setOutDir}
              placeholder="例如 D:\检查报告\2025年第三季度"
              dialog={{ mode: 'folder', title: '选择导出文件夹' }}
            />
          </div>
          <div className="field-wide">
            <ErrorNotice message={error} />
          </div>
          <div className="actions field-wide">
            {allSheets.length > 0 && chosenSheets.length === 0 && (
              <span className="hint">请至少选择一张工作表。</span>
            )}
            <button
              type="submit"
              className="btn btn-primary"
              disabled={busy || outDir.trim() === '' || (allSheets.length > 0 && chosenSheets.length === 0)}
            >
              {busy ? '正在导出…' : '导出报告'}
            </button>
          </div>
        </form>
      </div>
      {written && (
        <div className="card" data-testid="export-result">
          <div className="card-head">
            <h2>已导出 {written.files.length} 个文件</h2>
            <button type="button" className="btn" onClick={() => void openFolder()}>
              打开所在文件夹
            </button>
          </div>
          <ul className="file-list">
            {written.files.map((file) => (
              <li key={file}>
                <span className="file-kind">{describe(file)}</span>
                <span className="mono">{file}</span>
              </li>
            ))}
          </ul>
          <p className="hint">
            报告中的证据哈希只证明证据文件自留存以来未被改动，不代表对网站内容的其他认定。
          </p>
        </div>
      )}
    </section>
  );
}
