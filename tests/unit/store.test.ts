// The workspace database under failure (issue 8): a damaged file, a newer schema, a full disk, and the backup
// that is the recovery path for all of them. Real SQLite files in a temp folder; nothing mocked.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.js';
import {
  backupWorkspace,
  integrityCheck,
  listBackups,
  restoreWorkspace,
} from '../../src/main/store/backup.js';
import { DB_FILE, openWorkspaceDb } from '../../src/main/store/database.js';
import { SCHEMA_VERSION } from '../../src/main/store/migrations.js';
import { Workspace } from '../../src/main/store/workspace.js';
import { verifyWorkspace } from '../../src/main/evidence/verify.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A workspace with a few sites, closed (checkpointed) so audit.db holds everything. */
function populatedWorkspace(sites = 3): string {
  const dir = tempDir();
  const ws = Workspace.open(dir);
  for (let i = 1; i <= sites; i++)
    ws.sites.upsert({ name: `示范县第${i}局`, url: `http://s${i}.sfx.gov.cn/` });
  ws.close();
  return dir;
}

function openError(dir: string): AppError {
  try {
    Workspace.open(dir).close();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected Workspace.open to fail');
}

describe('opening a workspace', () => {
  it('creates a sound database at the current schema version, in WAL mode', () => {
    const dir = tempDir();
    const db = openWorkspaceDb(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('refuses a file of garbage bytes with workspace-corrupt, a Chinese recovery path, and leaves it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE);
    fs.writeFileSync(file, crypto.randomBytes(64 * 1024));
    const before = digest(file);
    const error = openError(dir);
    expect(error.code).toBe('workspace-corrupt');
    expect(error.userMessage).toMatch(/已损坏/);
    expect(error.userMessage).toMatch(/原文件未被改动/);
    expect(error.userMessage).toMatch(/备份恢复/);
    expect(error.message).toContain(file);
    expect(digest(file)).toBe(before);
  });

  it('runs quick_check on open: a database damaged inside a table is refused, not opened', () => {
    const dir = populatedWorkspace(400);
    const file = path.join(dir, DB_FILE);
    const pageSize = 4096;
    const pages = fs.statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(8);
    // Scribble over the b-tree pages after the schema (page 1 stays valid, so the file still opens).
    const fd = fs.openSync(file, 'r+');
    for (let page = 2; page < pages; page++)
      fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, page * pageSize + 8);
    fs.closeSync(fd);
    const before = digest(file);
    const error = openError(dir);
    expect(error.code).toBe('workspace-corrupt');
    expect(error.message).toMatch(/quick_check|malformed|corrupt/i);
    expect(digest(file)).toBe(before);
  });

  it("leaves quick_check out when the caller has just checked the file (a run's site worker)", () => {
    const dir = populatedWorkspace(400);
    const file = path.join(dir, DB_FILE);
    // A damaged b-tree page the schema does not live on: only quick_check reads it at open.
    const table = new Database(file, { readonly: true });
    const { rootpage } = table
      .prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'sites'")
      .get() as { rootpage: number };
    table.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (rootpage - 1) * 4096 + 8);
    fs.closeSync(fd);
    expect(openError(dir).code).toBe('workspace-corrupt');
    Workspace.open(dir, { quickCheck: false }).close();
  });

  it('refuses a database from a newer program with workspace-newer', () => {
    const dir = populatedWorkspace(1);
    const db = new Database(path.join(dir, DB_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const error = openError(dir);
    expect(error.code).toBe('workspace-newer');
    expect(error.userMessage).toMatch(/更新版本/);
    expect(error.userMessage).toMatch(/升级/);
  });
});

describe('a full disk (SQLite max_page_count)', () => {
  it('reports disk-full and keeps the state before the failed transaction, nothing half-written', () => {
    const dir = tempDir();
    const ws = Workspace.open(dir);
    try {
      ws.tx(() => ws.settings.set('before', '已保存'));
      const pageCount = ws.db.pragma('page_count', { simple: true }) as number;
      ws.db.pragma(`max_page_count = ${pageCount + 2}`);
      let error: unknown;
      try {
        ws.tx(() => {
          ws.settings.set('first-of-batch', 'x');
          for (let i = 0; i < 50; i++) ws.settings.set(`big-${i}`, 'x'.repeat(8_000));
        });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('disk-full');
      expect((error as AppError).userMessage).toMatch(/磁盘空间已满/);
      expect(ws.settings.get('before', null)).toBe('已保存');
      expect(ws.settings.get('first-of-batch', null)).toBeNull();
      expect(ws.db.prepare("SELECT COUNT(*) FROM settings WHERE key LIKE 'big-%'").pluck().get()).toBe(0);
      // Space freed: the next write goes through.
      ws.db.pragma('max_page_count = 1073741823');
      ws.tx(() => ws.settings.set('after', '已保存'));
      expect(ws.settings.get('after', null)).toBe('已保存');
    } finally {
      ws.close();
    }
    expect(integrityCheck(path.join(dir, DB_FILE))).toBe('ok');
  });

  it('removes an evidence file it could not record, so verify finds nothing planted', () => {
    const dir = tempDir();
    const ws = Workspace.open(dir);
    try {
      const site = ws.sites.upsert({ name: '示范县审计局', url: 'http://sjj.sfx.gov.cn/' });
      ws.runs.create(
        {
          id: 'R1',
          startedAt: '2026-11-20T00:00:00.000Z',
          asOf: '2026-11-20',
          rulePack: 'inspection-2019',
          rulePackVersion: 't',
          status: 'running',
          options: {},
          vantage: { offline: true, mapHost: {}, proxy: null, caFile: null, browser: null },
          recheckOf: null,
        },
        [site.id],
      );
      const kept = ws.putEvidence('R1', Buffer.from('<html>first</html>'), 'html', 'dom');
      ws.db.pragma(`max_page_count = ${ws.db.pragma('page_count', { simple: true }) as number}`);
      const big = crypto.randomBytes(64);
      let error: unknown;
      try {
        // Fill the last pages first, so the evidence row itself is what no longer fits.
        for (let i = 0; i < 100; i++)
          ws.putEvidence('R1', Buffer.concat([big, Buffer.from(String(i))]), 'jpg', 'screenshot');
      } catch (e) {
        error = e;
      }
      expect((error as AppError).code).toBe('disk-full');
      ws.db.pragma('max_page_count = 1073741823');
      const report = verifyWorkspace(dir, ws.db);
      expect(report.problems).toEqual([]);
      expect(fs.existsSync(ws.absolute(kept.path))).toBe(true);
    } finally {
      ws.close();
    }
  });
});

describe('backups and restore', () => {
  it('backs up with an integrity check and keeps only the newest N', async () => {
    const dir = populatedWorkspace(3);
    const backups = path.join(dir, 'backups');
    const ws = Workspace.open(dir);
    try {
      const taken = [];
      for (let i = 0; i < 4; i++) {
        taken.push(
          await backupWorkspace(ws, backups, { keep: 2, now: new Date(Date.UTC(2026, 10, 20, 8, 0, i)) }),
        );
      }
      const kept = listBackups(backups);
      expect(kept.map((b) => b.file)).toEqual([taken[3].file, taken[2].file]);
      expect(kept[0].takenAt).toBe('2026-11-20T08:00:03.000Z');
      expect(integrityCheck(kept[0].file)).toBe('ok');
      const copy = new Database(kept[0].file, { readonly: true });
      expect(copy.prepare('SELECT COUNT(*) FROM sites').pluck().get()).toBe(3);
      copy.close();
      expect(fs.readdirSync(backups).filter((f) => f.endsWith('.partial'))).toEqual([]);
    } finally {
      ws.close();
    }
  });

  it('restores the last backup over a corrupt workspace, setting the damaged file aside', async () => {
    const dir = populatedWorkspace(2);
    const backups = path.join(dir, 'backups');
    const ws = Workspace.open(dir);
    const backup = await backupWorkspace(ws, backups);
    ws.close();
    const file = path.join(dir, DB_FILE);
    fs.writeFileSync(file, crypto.randomBytes(8192));
    const damaged = digest(file);
    expect(openError(dir).code).toBe('workspace-corrupt');

    const { setAside } = restoreWorkspace(dir, listBackups(backups)[0].file);
    expect(listBackups(backups)[0].file).toBe(backup.file);
    expect(setAside).not.toBeNull();
    expect(digest(setAside as string)).toBe(damaged);
    const restored = Workspace.open(dir);
    try {
      expect(restored.sites.list().map((s) => s.name)).toEqual(['示范县第1局', '示范县第2局']);
    } finally {
      restored.close();
    }
  });

  it('refuses to restore from a damaged backup and moves nothing', () => {
    const dir = populatedWorkspace(1);
    const bad = path.join(tempDir(), 'audit-20261120T080000000.db');
    fs.writeFileSync(bad, crypto.randomBytes(4096));
    const before = digest(path.join(dir, DB_FILE));
    expect(() => restoreWorkspace(dir, bad)).toThrow(AppError);
    expect(digest(path.join(dir, DB_FILE))).toBe(before);
    expect(fs.readdirSync(dir).filter((f) => f.includes('replaced'))).toEqual([]);
  });
});
