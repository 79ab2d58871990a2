// Automatic backups of the workspace database and the recovery path for a damaged one. A backup is SQLite's
// online backup (consistent while the app writes), then a full integrity_check of the copy: a backup that is not
// provably good is deleted, never kept as a false comfort. Only the newest `keep` backups are kept. Evidence files
// are content-addressed and never rewritten, so the database is the one thing that needs copies.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors.js';
import { DB_FILE } from './database.js';
import type { Workspace } from './workspace.js';

export const DEFAULT_BACKUPS_KEPT = 5;
const BACKUP_NAME = /^audit-(\d{8}T\d{9})\.db$/;

export interface BackupInfo {
  file: string;
  /** When it was taken (UTC, from the file name). */
  takenAt: string;
  bytes: number;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.Z]/g, '');
}

function takenAt(name: string): string {
  const s = (BACKUP_NAME.exec(name) as RegExpExecArray)[1];
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15)}Z`;
}

/** `PRAGMA integrity_check` on a database file opened read-only: 'ok' or what SQLite found. */
export function integrityCheck(file: string): string {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      return rows.map((r) => r.integrity_check).join('; ');
    } finally {
      db.close();
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Backups in `dir`, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse()
    .map((name) => {
      const file = path.join(dir, name);
      return { file, takenAt: takenAt(name), bytes: fs.statSync(file).size };
    });
}

/**
 * Backs the workspace database up into `dir` (created if needed), proves the copy with integrity_check, then
 * deletes all but the newest `keep` backups. Throws AppError ('internal') if the copy is not sound.
 */
export async function backupWorkspace(
  ws: Workspace,
  dir: string,
  opts: { keep?: number; now?: Date } = {},
): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `audit-${stamp(opts.now ?? new Date())}.db`);
  const partial = `${file}.partial`;
  await ws.db.backup(partial);
  const check = integrityCheck(partial);
  if (check !== 'ok') {
    fs.rmSync(partial, { force: true });
    throw new AppError(
      'internal',
      `backup of ${ws.dir} failed its integrity check: ${check}`,
      `工作区备份未通过完整性校验（${check}），该备份已删除，原数据未受影响。`,
    );
  }
  fs.renameSync(partial, file);
  for (const old of listBackups(dir).slice(opts.keep ?? DEFAULT_BACKUPS_KEPT)) fs.rmSync(old.file);
  return { file, takenAt: takenAt(path.basename(file)), bytes: fs.statSync(file).size };
}

/**
 * Replaces a workspace's database with a backup (the workspace must be closed). The current database, damaged or
 * not, is set aside beside it as `audit.db.replaced-<time>` (with its -wal/-shm), never deleted, so nothing is
 * lost by restoring. The backup is checked first; a backup that fails the check is refused and nothing moves.
 */
export function restoreWorkspace(workspaceDir: string, backupFile: string): { setAside: string | null } {
  const check = integrityCheck(backupFile);
  if (check !== 'ok') {
    throw new AppError(
      'workspace-corrupt',
      `backup ${backupFile} failed its integrity check: ${check}`,
      `备份文件 ${backupFile} 已损坏（${check}），未恢复，工作区保持原样。请选择更早的备份。`,
    );
  }
  const target = path.join(workspaceDir, DB_FILE);
  let setAside: string | null = null;
  if (fs.existsSync(target)) {
    setAside = `${target}.replaced-${stamp(new Date())}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, setAside + suffix);
    }
  }
  const partial = `${target}.restoring`;
  fs.copyFileSync(backupFile, partial);
  fs.renameSync(partial, target);
  return { setAside };
}
