// 备份与恢复: the workspace database's backups (each finished run leaves one), a backup on demand, and a
// restore that first backs up what it replaces and says so before anything happens.
import { useState } from 'react';
import type { BackupView, RestoreReport } from '../../shared/api.js';
import { call } from '../api.js';
import { useAction } from '../useAction.js';
import { formatBytes, formatDateTime } from '../format.js';
import { useQuery } from '../useQuery.js';
import { Modal } from './Modal.js';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from './Notice.js';

function restoredMessage(report: RestoreReport): string {
  const parts = [`已恢复到 ${formatDateTime(report.restored.takenAt)} 的备份。`];
  if (report.safetyBackup)
    parts.push(
      `恢复前的数据已备份为 ${formatDateTime(report.safetyBackup.takenAt)} 的备份，可随时再恢复回来。`,
    );
  if (report.setAside) parts.push(`被替换的数据库文件另存为 ${report.setAside} 。`);
  if (report.evidenceSetAside > 0)
    parts.push(
      `该备份之后新增的 ${report.evidenceSetAside} 个证据文件已移到数据文件夹的另存目录，恢复回来时会自动归位。`,
    );
  return parts.join('');
}

export function BackupManager({
  restored,
  onChanged,
  onRestored,
}: {
  /** The last restore, reported again after the screen reloads everything. */
  restored: RestoreReport | null;
  onChanged: () => void;
  onRestored: (report: RestoreReport) => void;
}) {
  const backups = useQuery('backups', () => call('listBackups', {}));
  const [confirming, setConfirming] = useState<BackupView | null>(null);
  const { busy, error, act } = useAction();
  const [message, setMessage] = useState<string | null>(restored && restoredMessage(restored));

  const backUp = async () => {
    setMessage(null);
    await act(async () => {
      const made = await call('backupNow', {});
      setMessage(`已备份（${formatDateTime(made.takenAt)}，${formatBytes(made.bytes)}），并通过完整性校验。`);
      backups.reload();
      onChanged();
    });
  };
  const restore = async (backup: BackupView) => {
    setMessage(null);
    await act(async () => {
      onRestored(await call('restoreBackup', { name: backup.name }));
    });
    setConfirming(null);
  };

  return (
    <div data-testid="backups">
      <SuccessNotice message={message} />
      <ErrorNotice message={error ?? backups.error} />
      <p className="hint">
        每次检查完成后自动备份数据库（保留最近 5
        份）；每份备份都经过完整性校验。证据文件按内容命名、从不改写，不需要另行备份。
      </p>
      <div className="actions-inline">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void backUp()}>
          {busy && !confirming ? '正在备份…' : '立即备份'}
        </button>
      </div>
      {!backups.data ? (
        !backups.error && <Loading />
      ) : backups.data.length === 0 ? (
        <EmptyState title="还没有备份">点击“立即备份”，或完成一次检查后会自动备份。</EmptyState>
      ) : (
        <table className="table table-compact" aria-label="备份列表">
          <thead>
            <tr>
              <th>备份时间</th>
              <th>大小</th>
              <th>完整性</th>
              <th aria-label="操作" />
            </tr>
          </thead>
          <tbody>
            {backups.data.map((backup) => (
              <tr key={backup.name} data-testid="backup-row">
                <td className="nowrap">{formatDateTime(backup.takenAt)}</td>
                <td className="nowrap">{formatBytes(backup.bytes)}</td>
                <td>
                  {backup.intact ? (
                    <span className="tag tag-ok">完好</span>
                  ) : (
                    <span className="tag tag-bad" title={backup.problem ?? ''}>
                      已损坏，不能恢复
                    </span>
                  )}
                </td>
                <td className="col-actions">
                  <button
                    type="button"
                    className="btn-small"
                    disabled={busy || !backup.intact}
                    onClick={() => setConfirming(backup)}
                  >
                    从此备份恢复
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <Modal title="从备份恢复" onClose={() => !busy && setConfirming(null)}>
          <p>
            将用 <strong>{formatDateTime(confirming.takenAt)}</strong>
            的备份替换当前的工作区数据库：网站台账、检查记录、问题与审核、人工核查、整改信息和全部设置都回到备份时的状态，备份之后所做的更改不再显示。
          </p>
          <p>
            恢复前，程序会先把当前数据完整备份一次（出现在备份列表中，可随时再恢复回来）；被替换的数据库文件另存在数据文件夹中，不会删除；证据文件全部保留。
          </p>
          <p className="hint">有检查正在进行或已暂停时不能恢复，请先等检查结束或取消检查。</p>
          <div className="actions">
            <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(null)}>
              取消
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={busy}
              onClick={() => void restore(confirming)}
            >
              {busy ? '正在恢复…' : '确认恢复'}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
