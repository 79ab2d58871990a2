// The settings screen's data folder: sizes, backups on demand, and restores that lose nothing (the state
// replaced is backed up first, the old database set aside, evidence files moved aside and brought back).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyWorkspace } from '../../src/main/evidence/verify.js';
import {
  backupNow,
  backupViews,
  restoreBackup,
  SET_ASIDE_EVIDENCE_DIR,
} from '../../src/main/service/backups.js';
import { Workspace } from '../../src/main/store/workspace.js';
import { throwAwayEngines } from '../support/engine.js';

const { tempDir, engine } = throwAwayEngines('service-backups-');

function addRun(ws: Workspace, id: string, siteId: number): void {
  ws.runs.create(
    {
      id,
      startedAt: '2026-11-20T00:00:00.000Z',
      asOf: '2026-11-20',
      rulePack: 'inspection-2019',
      rulePackVersion: 't',
      status: 'done',
      options: {},
      vantage: { offline: true, mapHost: {}, proxy: null, caFile: null, browser: null },
      recheckOf: null,
    },
    [siteId],
  );
}

describe('data folder and backups through the engine service', () => {
  it('reports the workspace folder and what takes room in it', async () => {
    const dir = tempDir();
    const call = await engine(dir);
    const folder = await call('getDataFolder', {});
    expect(folder.path).toBe(path.resolve(dir));
    expect(folder.databaseBytes).toBeGreaterThan(0);
    expect(folder).toMatchObject({ evidenceBytes: 0, evidenceFiles: 0, backupsBytes: 0 });
    const made = await call('backupNow', {});
    expect((await call('getDataFolder', {})).backupsBytes).toBe(made.bytes);
  });

  it('backs up on demand into <workspace>/backups, listed newest first with its integrity', async () => {
    const dir = tempDir();
    const call = await engine(dir);
    expect(await call('listBackups', {})).toEqual([]);
    const first = await call('backupNow', {});
    expect(fs.existsSync(path.join(dir, 'backups', first.name))).toBe(true);
    expect(first).toMatchObject({ intact: true, problem: null });
    await new Promise((done) => setTimeout(done, 5));
    const second = await call('backupNow', {});
    expect((await call('listBackups', {})).map((b) => b.name)).toEqual([second.name, first.name]);
  });

  it('lists a damaged backup as such and refuses to restore it, leaving the workspace as it was', async () => {
    const dir = tempDir();
    const call = await engine(dir);
    await call('saveSite', { name: '示范县人民政府', url: 'http://www.sfx.gov.cn/' });
    const good = await call('backupNow', {});
    const damaged = path.join(dir, 'backups', good.name.replace(/\d{3}\.db$/, '999.db'));
    fs.writeFileSync(damaged, 'not a database');
    const listed = (await call('listBackups', {})).find((b) => damaged.endsWith(b.name))!;
    expect(listed).toMatchObject({ intact: false });
    expect(listed.problem).toBeTruthy();
    await expect(call('restoreBackup', { name: listed.name })).rejects.toMatchObject({
      code: 'workspace-corrupt',
      userMessage: expect.stringContaining('未通过完整性校验'),
    });
    expect((await call('listSites', {})).map((s) => s.name)).toEqual(['示范县人民政府']);
    expect(await call('listBackups', {})).toHaveLength(2);
  });

  it('restores a deleted site, after backing up the state it replaces (which restores back)', async () => {
    const dir = tempDir();
    const call = await engine(dir);
    await call('saveSite', { name: '示范县人民政府', url: 'http://www.sfx.gov.cn/' });
    const kept = await call('saveSite', { name: '示范县教育局', url: 'http://jyj.sfx.gov.cn/' });
    const before = await call('backupNow', {});
    await call('removeSite', { id: kept.id });
    await call('saveSite', { name: '示范县审计局', url: 'http://sjj.sfx.gov.cn/' });
    await call('saveSettings', { reviewer: '恢复后不应保留', unit: '', concurrency: 4, perHost: 4 });

    const report = await call('restoreBackup', { name: before.name });
    const names = async () => (await call('listSites', {})).map((s) => s.name).sort();
    expect(await names()).toEqual(['示范县人民政府', '示范县教育局']);
    expect((await call('getSettings', {})).reviewer).toBe('');
    expect(report.restored.name).toBe(before.name);
    expect(report.setAside).toMatch(/audit\.db\.replaced-/);
    expect(fs.existsSync(report.setAside!)).toBe(true);
    // The state just replaced is the newest backup: restoring it undoes the restore.
    expect(report.safetyBackup).toMatchObject({ intact: true });
    expect((await call('listBackups', {}))[0].name).toBe(report.safetyBackup!.name);
    await call('restoreBackup', { name: report.safetyBackup!.name });
    expect(await names()).toEqual(['示范县人民政府', '示范县审计局']);
    expect((await call('getSettings', {})).reviewer).toBe('恢复后不应保留');
  });

  it('keeps the backup being restored and every earlier one: the safety backup prunes nothing', async () => {
    const dir = tempDir();
    const call = await engine(dir);
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await call('backupNow', {}));
      await new Promise((done) => setTimeout(done, 3));
    }
    const oldest = made[0];
    await call('restoreBackup', { name: oldest.name });
    const names = (await call('listBackups', {})).map((b) => b.name);
    expect(names).toHaveLength(6);
    expect(names).toEqual(expect.arrayContaining(made.map((b) => b.name)));
  });

  it('refuses a name that is not one of the workspace’s backups', async () => {
    const dir = tempDir();
    const call = await engine(dir);
    await expect(call('restoreBackup', { name: 'audit-20200101T000000000.db' })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(call('restoreBackup', { name: '../audit.db' })).rejects.toMatchObject({ code: 'bad-input' });
  });
});

describe('restoreBackup', () => {
  it('is refused while a run is open, before anything is copied or moved', async () => {
    const dir = tempDir();
    const ws = Workspace.open(dir);
    try {
      const backup = await backupNow(ws);
      let adopted = false;
      await expect(
        restoreBackup(ws, backup.name, ['R1'], () => {
          adopted = true;
        }),
      ).rejects.toMatchObject({
        code: 'workspace-busy',
        userMessage: expect.stringContaining('取消后再恢复'),
      });
      expect(adopted).toBe(false);
      expect(backupViews(ws)).toHaveLength(1);
      expect(ws.sites.list()).toEqual([]);
    } finally {
      ws.close();
    }
  });

  it('moves evidence the restored database does not record aside, and back when it records it again', async () => {
    const dir = tempDir();
    let ws = Workspace.open(dir);
    try {
      const site = ws.sites.upsert({ name: '示范县人民政府', url: 'http://www.sfx.gov.cn/' });
      addRun(ws, 'R1', site.id);
      const old = ws.putEvidence('R1', Buffer.from('<html>before</html>'), 'html', 'dom');
      const before = await backupNow(ws);
      const later = ws.putEvidence('R1', Buffer.from('<html>after</html>'), 'html', 'dom');

      const report = await restoreBackup(ws, before.name, [], (reopened) => {
        ws = reopened;
      });
      expect(report).toMatchObject({ evidenceSetAside: 1, evidenceReturned: 0 });
      expect(fs.existsSync(ws.absolute(later.path))).toBe(false);
      expect(
        fs.existsSync(path.join(dir, SET_ASIDE_EVIDENCE_DIR, path.relative('evidence', later.path))),
      ).toBe(true);
      expect(fs.existsSync(ws.absolute(old.path))).toBe(true);
      expect(verifyWorkspace(dir, ws.db).problems).toEqual([]);
      // A run's clean-up of unrecorded evidence now finds nothing to delete.
      expect(ws.removeUnrecordedEvidence()).toEqual([]);

      const back = await restoreBackup(ws, report.safetyBackup!.name, [], (reopened) => {
        ws = reopened;
      });
      expect(back).toMatchObject({ evidenceSetAside: 0, evidenceReturned: 1 });
      expect(fs.readFileSync(ws.absolute(later.path), 'utf8')).toBe('<html>after</html>');
      expect(verifyWorkspace(dir, ws.db).problems).toEqual([]);
    } finally {
      ws.close();
    }
  });
});
