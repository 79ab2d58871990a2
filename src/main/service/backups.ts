// The data folder as the settings screen shows it: where it is, what takes room, its backups, and
// restoring one. A restore never loses anything: the state it replaces is backed up first (kept whatever the
// pruning), the replaced database file is set aside beside audit.db, and evidence files the restored
// database does not record are moved to a set-aside folder (and come back when a later restore records them
// again), so `verify` stays clean and the next run's clean-up of unrecorded evidence deletes nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupView, DataFolderView, RestoreReport } from '../../shared/api.js';
import { AppError } from '../../shared/errors.js';
import {
  backupWorkspace,
  integrityCheck,
  listBackups,
  restoreWorkspace,
  type BackupInfo,
} from '../store/backup.js';
import { DB_FILE } from '../store/database.js';
import { Workspace } from '../store/workspace.js';

/** Where every finished run (src/main/audit/runAudit.ts) and the settings screen put their backups. */
export const backupsDir = (ws: Workspace) => path.join(ws.dir, 'backups');

/** Evidence files of a state that a restore replaced, by their evidence/ path, content-addressed. */
export const SET_ASIDE_EVIDENCE_DIR = 'evidence-set-aside';

/** Integrity results by file, valid while the file's size and time are unchanged: a check reads it all. */
const checked = new Map<string, { stamp: string; result: string }>();

function integrityOf(file: string): string {
  const stat = fs.statSync(file);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const known = checked.get(file);
  if (known?.stamp === stamp) return known.result;
  const result = integrityCheck(file);
  checked.set(file, { stamp, result });
  return result;
}

function backupView(info: BackupInfo): BackupView {
  const result = integrityOf(info.file);
  return {
    name: path.basename(info.file),
    takenAt: info.takenAt,
    bytes: info.bytes,
    intact: result === 'ok',
    problem: result === 'ok' ? null : result,
  };
}

const sizeOf = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;

export function dataFolder(ws: Workspace): DataFolderView {
  const evidence = ws.db
    .prepare('SELECT COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS bytes FROM evidence')
    .get() as {
    n: number;
    bytes: number;
  };
  const db = ws.absolute(DB_FILE);
  return {
    path: ws.dir,
    databaseBytes: sizeOf(db) + sizeOf(`${db}-wal`),
    evidenceBytes: evidence.bytes,
    evidenceFiles: evidence.n,
    backupsBytes: listBackups(backupsDir(ws)).reduce((sum, b) => sum + b.bytes, 0),
  };
}

export function backupViews(ws: Workspace): BackupView[] {
  return listBackups(backupsDir(ws)).map(backupView);
}

export async function backupNow(ws: Workspace): Promise<BackupView> {
  return backupView(await backupWorkspace(ws, backupsDir(ws)));
}

function moveFile(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.renameSync(from, to);
}

/**
 * Makes evidence/ hold exactly the files the workspace's database records, as far as the set-aside folder
 * allows: unrecorded files go there, recorded files missing from evidence/ come back from it.
 */
export function reconcileEvidence(ws: Workspace): { setAside: number; returned: number } {
  const recorded = new Set(
    (ws.db.prepare('SELECT path FROM evidence').all() as { path: string }[]).map((r) => r.path),
  );
  const evidenceRoot = ws.absolute('evidence');
  const asideRoot = ws.absolute(SET_ASIDE_EVIDENCE_DIR);
  let setAside = 0;
  for (const entry of fs.readdirSync(evidenceRoot, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    const rel = path.relative(ws.dir, abs).split(path.sep).join('/');
    if (recorded.has(rel)) continue;
    moveFile(abs, path.join(asideRoot, path.relative(evidenceRoot, abs)));
    setAside += 1;
  }
  let returned = 0;
  for (const rel of recorded) {
    const target = ws.absolute(rel);
    const aside = path.join(asideRoot, path.relative('evidence', rel));
    if (fs.existsSync(target) || !fs.existsSync(aside)) continue;
    moveFile(aside, target);
    returned += 1;
  }
  return { setAside, returned };
}

/**
 * Restores a backup of the workspace's backups folder into the (open) workspace. Refused while any run is
 * open in this process: it writes to the database being replaced. The workspace is closed for the swap;
 * `adopt` receives the reopened one, whether the swap succeeded or not.
 */
export async function restoreBackup(
  ws: Workspace,
  name: string,
  openRuns: readonly string[],
  adopt: (reopened: Workspace) => void,
): Promise<RestoreReport> {
  if (openRuns.length > 0)
    throw new AppError(
      'workspace-busy',
      `restore refused: runs ${openRuns.join(', ')} are open`,
      '有检查正在进行或已暂停，此时不能恢复备份：请等检查结束，或在“新建检查”中取消后再恢复。',
    );
  const chosen = listBackups(backupsDir(ws)).find((b) => path.basename(b.file) === name);
  if (!chosen)
    throw new AppError(
      'not-found',
      `backup ${name} not found`,
      '找不到该备份（可能已被自动清理）：请刷新备份列表后重新选择。',
    );
  const restored = backupView(chosen);
  if (!restored.intact)
    throw new AppError(
      'workspace-corrupt',
      `backup ${name} failed its integrity check: ${restored.problem}`,
      '该备份未通过完整性校验，不能用于恢复，工作区保持原样：请选择另一份备份。',
    );
  let safetyBackup: BackupView | null = null;
  try {
    // Kept whatever the pruning says: it must not push out the very backup being restored.
    safetyBackup = backupView(await backupWorkspace(ws, backupsDir(ws), { keep: Number.POSITIVE_INFINITY }));
  } catch (error) {
    // A current state that fails its own check cannot be copied soundly; restoreWorkspace still sets the
    // file aside untouched, which is all that can be kept of it.
    if (!(error instanceof AppError && error.code === 'internal')) throw error;
  }
  ws.close();
  let setAside: string | null;
  let current: Workspace | undefined;
  try {
    setAside = restoreWorkspace(ws.dir, chosen.file).setAside;
  } finally {
    current = Workspace.open(ws.dir);
    adopt(current);
  }
  const evidence = reconcileEvidence(current);
  return {
    restored,
    safetyBackup,
    setAside,
    evidenceSetAside: evidence.setAside,
    evidenceReturned: evidence.returned,
  };
}
