// 数据文件夹: where the workspace lives and what takes room in it, with a button to open it.
import { useState } from 'react';
import { call, userMessage } from '../api.js';
import { formatBytes, formatNumber } from '../format.js';
import { useQuery } from '../useQuery.js';
import { ErrorNotice, Loading } from './Notice.js';

/** `version` changes whenever a backup or restore may have changed the sizes. */
export function DataFolderCard({ version }: { version: number }) {
  const folder = useQuery(`data-folder-${version}`, () => call('getDataFolder', {}));
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    if (!folder.data) return;
    setError(null);
    try {
      await call('openFolder', { path: folder.data.path });
    } catch (failure) {
      setError(userMessage(failure));
    }
  };
  if (!folder.data) return <>{folder.error ? <ErrorNotice message={folder.error} /> : <Loading />}</>;
  const { path, databaseBytes, evidenceBytes, evidenceFiles, backupsBytes } = folder.data;
  return (
    <div data-testid="data-folder">
      <ErrorNotice message={error} />
      <dl className="facts">
        <dt>位置</dt>
        <dd className="mono">{path}</dd>
        <dt>数据库</dt>
        <dd>{formatBytes(databaseBytes)}（台账、检查记录、问题、审核、整改和设置）</dd>
        <dt>证据文件</dt>
        <dd>
          {formatBytes(evidenceBytes)}（{formatNumber(evidenceFiles)} 个截图、页面快照和访问记录）
        </dd>
        <dt>备份</dt>
        <dd>{formatBytes(backupsBytes)}</dd>
      </dl>
      <div className="actions-inline">
        <button type="button" className="btn" onClick={() => void open()}>
          打开文件夹
        </button>
      </div>
    </div>
  );
}
