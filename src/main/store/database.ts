import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type Db = Database.Database;

export const DB_FILE = 'audit.db';

export interface OpenDbOptions {
  readonly?: boolean;
  /**
   * Run quick_check (default). It reads the whole file: a run's site worker opens a workspace its run's process
   * checked when it opened it, and on a workspace of several GB the check would hold up every worker start.
   */
  quickCheck?: boolean;
}

/**
 * Opens (or creates) the workspace database: WAL, foreign keys, a busy timeout, a quick check,
 * then the pending migrations. A newer schema or a damaged file is an error, never a silent rewrite.
 */
export function openWorkspaceDb(workspaceDir: string, opts: OpenDbOptions = {}): Db {
  fs.mkdirSync(workspaceDir, { recursive: true });
  const file = path.join(workspaceDir, DB_FILE);
  let db: Db;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    const check = opts.quickCheck === false ? 'ok' : db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
  } catch (error) {
    throw corrupt(file, error);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new AppError(
      'workspace-newer',
      `${file} has schema version ${version}, newer than this program knows (${SCHEMA_VERSION})`,
      `工作区数据库由更新版本的程序创建（结构版本 ${version}），本程序无法安全打开。请升级本程序后再打开。`,
    );
  }
  if (!opts.readonly) migrate(db, version);
  return db;
}

function migrate(db: Db, from: number): void {
  for (let v = from; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

function corrupt(file: string, error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/SQLITE_FULL|database or disk is full/i.test(message)) {
    return new AppError(
      'disk-full',
      `disk full opening ${file}: ${message}`,
      '磁盘空间已满，无法打开工作区。请清理磁盘后重试。',
    );
  }
  return new AppError(
    'workspace-corrupt',
    `cannot open workspace database ${file}: ${message}`,
    `工作区数据库 ${file} 已损坏或不是本程序的数据库（${message}）。原文件未被改动；请从最近的备份恢复（设置 → 备份与恢复）。`,
  );
}

/**
 * Runs fn in one transaction and maps SQLite's disk-full error to a clear one; nothing is half-written.
 * BEGIN IMMEDIATE: a run's site workers write the same database from several processes, and a deferred
 * transaction that reads first (the evidence chain's head) and then writes cannot wait for another writer:
 * SQLite fails it with SQLITE_BUSY at once. Taking the write lock up front waits for it (busy_timeout).
 */
export function writeTx<T>(db: Db, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/SQLITE_FULL|database or disk is full/i.test(message)) {
      throw new AppError(
        'disk-full',
        `disk full: ${message}`,
        '磁盘空间已满，本次写入已整体撤销，已保存的数据不受影响。请清理磁盘后继续。',
      );
    }
    throw error;
  }
}
