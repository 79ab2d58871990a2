// 设置: the audit browser (with detection), politeness, proxy and CA, the reporting unit and
// reviewer, the rule packs and lexicons in use, the leader list, the whitelists, the holiday calendar,
// and the data folder with its backups.
import { useState } from 'react';
import type { BrowserInfo, RestoreReport, Settings } from '../../shared/api.js';
import { call, userMessage } from '../api.js';
import { BackupManager } from '../components/BackupManager.js';
import { DataFolderCard } from '../components/DataFolderCard.js';
import { Field } from '../components/Field.js';
import { HolidayCalendarEditor } from '../components/HolidayCalendarEditor.js';
import { LeaderListEditor } from '../components/LeaderListEditor.js';
import { LexiconTable } from '../components/LexiconTable.js';
import { ErrorNotice, Loading, SuccessNotice } from '../components/Notice.js';
import { PathField } from '../components/PathField.js';
import { WhitelistEditor } from '../components/WhitelistEditor.js';
import { useQuery } from '../useQuery.js';
import { useWorkbench } from '../workbench.js';

export function SettingsScreen() {
  const { reloadRuns } = useWorkbench();
  const [restored, setRestored] = useState<RestoreReport | null>(null);
  const [restores, setRestores] = useState(0);
  // A restore replaces every setting, list and run: the screen mounts afresh and loads them all again.
  return (
    <SettingsPanels
      key={restores}
      restored={restored}
      onRestored={(report) => {
        setRestored(report);
        setRestores((n) => n + 1);
        reloadRuns();
      }}
    />
  );
}

interface RestoreProps {
  restored: RestoreReport | null;
  onRestored: (report: RestoreReport) => void;
}

function SettingsPanels(props: RestoreProps) {
  const loaded = useQuery('settings', () => call('getSettings', {}));
  if (!loaded.data) {
    return (
      <section className="screen">
        <ErrorNotice message={loaded.error} />
        {!loaded.error && <Loading />}
      </section>
    );
  }
  return <SettingsForm initial={loaded.data} {...props} />;
}

function SettingsForm({ initial, restored, onRestored }: { initial: Settings } & RestoreProps) {
  /** Bumped when a backup changes what the data folder holds. */
  const [folderVersion, setFolderVersion] = useState(0);
  const packs = useQuery('packs', () => call('listRulePacks', {}));
  const [draft, setDraft] = useState<Settings>(initial);
  const [browser, setBrowser] = useState<BrowserInfo | null>(null);
  const [detecting, setDetecting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const set = <K extends keyof Settings>(name: K, value: Settings[K]) =>
    setDraft((previous) => ({ ...previous, [name]: value }));

  const detect = async () => {
    setDetecting(true);
    setError(null);
    try {
      setBrowser(await call('detectBrowser', {}));
    } catch (failure) {
      setError(userMessage(failure));
    } finally {
      setDetecting(false);
    }
  };
  const save = async () => {
    setError(null);
    setMessage(null);
    try {
      setDraft(await call('saveSettings', draft));
      setMessage('设置已保存，下一次检查起生效。');
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  return (
    <section className="screen">
      <SuccessNotice message={message} />
      <ErrorNotice message={error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="card">
          <h2>检查用浏览器</h2>
          <PathField
            label="浏览器程序路径（留空则自动查找）"
            value={draft.browserPath ?? ''}
            onChange={(path) => set('browserPath', path.trim() || null)}
            placeholder="例如 C:\Program Files\Google\Chrome\Application\chrome.exe"
            dialog={{ mode: 'open', title: '选择浏览器程序' }}
          />
          <div className="actions-inline">
            <button type="button" className="btn" onClick={() => void detect()} disabled={detecting}>
              {detecting ? '正在查找…' : '检测浏览器'}
            </button>
          </div>
          {browser && (
            <div
              className={browser.found ? 'notice notice-ok' : 'notice notice-error'}
              role="status"
              data-testid="browser-info"
            >
              {browser.message}
              {browser.path && <div className="mono">{browser.path}</div>}
            </div>
          )}
        </div>
        <div className="card">
          <h2>抓取与网络</h2>
          <div className="form-grid">
            <Field label="同时抓取的页面数">
              <input
                type="number"
                min={1}
                max={16}
                value={draft.concurrency}
                onChange={(e) => set('concurrency', Math.min(16, Math.max(1, Number(e.target.value) || 1)))}
              />
            </Field>
            <Field label="每个网站同时请求数（礼貌抓取）">
              <input
                type="number"
                min={1}
                max={16}
                value={draft.perHost}
                onChange={(e) => set('perHost', Math.min(16, Math.max(1, Number(e.target.value) || 1)))}
              />
            </Field>
            <Field label="代理服务器（政务外网常用，不用则留空）">
              <input
                value={draft.proxy ?? ''}
                onChange={(e) => set('proxy', e.target.value.trim() || null)}
                placeholder="例如 http://10.0.0.1:8080"
              />
            </Field>
            <div className="field">
              <PathField
                label="根证书文件（内网自建证书时填写）"
                value={draft.caFile ?? ''}
                onChange={(path) => set('caFile', path.trim() || null)}
                placeholder="PEM 格式证书文件"
                dialog={{
                  mode: 'open',
                  title: '选择根证书',
                  filters: [{ name: '证书', extensions: ['pem', 'crt', 'cer'] }],
                }}
              />
            </div>
          </div>
        </div>
        <div className="card">
          <h2>报送信息</h2>
          <div className="form-grid">
            <Field label="报送单位">
              <input value={draft.unit} onChange={(e) => set('unit', e.target.value)} />
            </Field>
            <Field label="核查人（审核问题时记录）">
              <input value={draft.reviewer} onChange={(e) => set('reviewer', e.target.value)} />
            </Field>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            保存设置
          </button>
        </div>
      </form>
      <div className="card">
        <h2>检查规则</h2>
        <ErrorNotice message={packs.error} />
        {packs.data && (
          <table className="table table-compact" aria-label="检查规则">
            <thead>
              <tr>
                <th>规则名称</th>
                <th>编号</th>
                <th>版本</th>
              </tr>
            </thead>
            <tbody>
              {packs.data.map((pack) => (
                <tr key={pack.id}>
                  <td>{pack.title}</td>
                  <td className="mono">{pack.id}</td>
                  <td className="mono">{pack.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="card">
        <h2>词库</h2>
        <LexiconTable />
      </div>
      <div className="card">
        <h2>领导名单</h2>
        <LeaderListEditor />
      </div>
      <div className="card">
        <h2>白名单</h2>
        <WhitelistEditor />
      </div>
      <div className="card">
        <h2>节假日日历</h2>
        <HolidayCalendarEditor />
      </div>
      <div className="card">
        <h2>数据文件夹</h2>
        <DataFolderCard version={folderVersion} />
      </div>
      <div className="card">
        <h2>备份与恢复</h2>
        <BackupManager
          restored={restored}
          onChanged={() => setFolderVersion((v) => v + 1)}
          onRestored={onRestored}
        />
      </div>
    </section>
  );
}
