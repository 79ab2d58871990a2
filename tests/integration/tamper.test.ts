// Evidence integrity (issue 8): `verify` must name every kind of tampering, in a workspace folder and inside a
// package.zip. The material is a small real audit of the generated county's portal; each case tampers with a
// fresh copy of it, the way a person with a file manager, an SQLite browser or an archive tool could.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTarget } from '../../src/main/evidence/verifyTarget.js';
import { sha256 } from '../../src/main/evidence/files.js';
import type { IntegrityProblem } from '../../src/main/evidence/verify.js';
import type { ResultsJson } from '../../src/shared/domain.js';
import { fastAuditArgs, spawnCli } from '../fixtures/hostile/cli.js';
import { writeZip } from '../fixtures/hostile/zip.js';
import { readZip } from '../support/zip.js';
import { generateCounty } from '../fixtures/portal/generate.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

let server: FixtureServer;
let original: string;
let results: ResultsJson;
let scratch: string;

beforeAll(async () => {
  const county = generateCounty({ asOf: '2026-11-20' });
  server = await startFixtureServer(county.sites);
  original = fs.mkdtempSync(path.join(os.tmpdir(), 'tamper-'));
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tamper-copies-'));
  const run = await spawnCli([
    '--site',
    '示范县人民政府=http://www.sfx.gov.cn/',
    ...server.mapHostArgs(),
    ...fastAuditArgs(),
    '--max-pages',
    '4',
    '--out',
    original,
    '--as-of',
    '2026-11-20',
  ]).done;
  expect(run.code, run.stderr).toBe(0);
  results = JSON.parse(fs.readFileSync(path.join(original, 'results.json'), 'utf8')) as ResultsJson;
}, 240_000);

afterAll(async () => {
  await server?.close();
  for (const dir of [scratch, original]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

let copies = 0;
function copyWorkspace(): string {
  const dir = path.join(scratch, `ws-${++copies}`);
  fs.cpSync(original, dir, { recursive: true });
  return dir;
}

const findings = () => results.sites.flatMap((s) => s.findings);
const evidencePaths = () => [...new Set(findings().flatMap((f) => f.evidence.map((e) => e.path)))];
const kinds = (problems: IntegrityProblem[]) => problems.map((p) => `${p.kind} ${p.ref}`);

function withDb(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path.join(dir, 'audit.db'));
  try {
    fn(db);
  } finally {
    db.close();
  }
}

describe('verify on a workspace folder', () => {
  it('passes on the untouched audit, with findings and evidence to protect', async () => {
    expect(findings().length).toBeGreaterThan(0);
    expect(evidencePaths().length).toBeGreaterThan(1);
    const report = await verifyTarget(copyWorkspace());
    expect(report.problems).toEqual([]);
    expect(report.files).toBeGreaterThan(0);
  });

  it('names a modified evidence file', async () => {
    const dir = copyWorkspace();
    const target = evidencePaths()[0];
    fs.appendFileSync(path.join(dir, target), 'edited');
    expect(kinds((await verifyTarget(dir)).problems)).toEqual([`modified-file ${target}`]);
  });

  it('names a removed evidence file', async () => {
    const dir = copyWorkspace();
    const target = evidencePaths()[1];
    fs.rmSync(path.join(dir, target));
    expect(kinds((await verifyTarget(dir)).problems)).toEqual([`missing-file ${target}`]);
  });

  it('names an added evidence file', async () => {
    const dir = copyWorkspace();
    const added = 'evidence/00/planted.jpg';
    fs.mkdirSync(path.join(dir, 'evidence/00'), { recursive: true });
    fs.writeFileSync(path.join(dir, added), 'not captured by the audit');
    expect(kinds((await verifyTarget(dir)).problems)).toEqual([`added-file ${added}`]);
  });

  it('names an edited finding row', async () => {
    const dir = copyWorkspace();
    const target = findings()[0];
    withDb(dir, (db) =>
      db.prepare('UPDATE findings SET detail = ? WHERE id = ?').run('已整改（篡改）', target.id),
    );
    expect(kinds((await verifyTarget(dir)).problems)).toEqual([`edited-finding ${target.id}`]);
  });

  it('names a deleted finding row', async () => {
    const dir = copyWorkspace();
    const target = findings()[0];
    withDb(dir, (db) => db.prepare('DELETE FROM findings WHERE id = ?').run(target.id));
    expect(kinds((await verifyTarget(dir)).problems)).toEqual([`missing-finding ${target.id}`]);
  });

  it('names a break in the chain, even when the edited entry is re-hashed to look consistent', async () => {
    const dir = copyWorkspace();
    withDb(dir, (db) => {
      const entry = db.prepare('SELECT run_id, seq FROM chain ORDER BY seq LIMIT 1 OFFSET 2').get() as {
        run_id: string;
        seq: number;
      };
      db.prepare('UPDATE chain SET payload_hash = ? WHERE run_id = ? AND seq = ?').run(
        sha256('forged'),
        entry.run_id,
        entry.seq,
      );
    });
    const problems = (await verifyTarget(dir)).problems;
    expect(problems.some((p) => p.kind === 'broken-chain' && p.ref === '3')).toBe(true);
  });

  it('exits 1 from the CLI and prints the kind and path of each problem', async () => {
    const dir = copyWorkspace();
    const target = evidencePaths()[0];
    fs.rmSync(path.join(dir, target));
    const cli = await spawnCli(['verify', dir]).done;
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`missing-file`);
    expect(cli.stdout).toContain(target);
    expect(cli.stdout).toMatch(/1 problems/);
  });
});

describe('verify on a package.zip', () => {
  let entries: Map<string, Buffer>;
  beforeAll(async () => {
    entries = await readZip(path.join(original, 'package.zip'));
  });

  interface Manifest {
    files: { path: string; size: number; sha256: string }[];
    chain: { head: string; entries: { seq: number; payloadHash: string }[] };
  }

  /** Writes a tampered copy; `fixManifest` re-hashes the listed files so the manifest agrees with the zip. */
  async function tampered(
    edit: (files: Map<string, Buffer>, manifest: Manifest) => void,
    fixManifest: boolean,
  ): Promise<string> {
    const files = new Map(entries);
    const manifest = JSON.parse((files.get('manifest.json') as Buffer).toString('utf8')) as Manifest;
    edit(files, manifest);
    if (fixManifest) {
      manifest.files = manifest.files
        .filter((f) => files.has(f.path))
        .map((f) => ({ ...f, size: files.get(f.path)!.length, sha256: sha256(files.get(f.path)!) }));
    }
    files.set('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
    const zip = path.join(scratch, `package-${++copies}.zip`);
    await writeZip(zip, files);
    return zip;
  }

  const evidenceEntry = () =>
    [...entries.keys()].find((k) => k.startsWith('evidence/') && k.endsWith('.jpg'))!;

  it('passes on the untouched package, rewritten entry by entry', async () => {
    const report = await verifyTarget(await tampered(() => undefined, false));
    expect(report.problems).toEqual([]);
    expect(report.findings).toBe(findings().length);
  });

  it('names a modified evidence entry when the manifest was left alone', async () => {
    const target = evidenceEntry();
    const zip = await tampered((files) => files.set(target, Buffer.from('replaced')), false);
    expect(kinds((await verifyTarget(zip)).problems)).toContain(`modified-file ${target}`);
  });

  it('still names it when the manifest was fixed up to match: the chain remembers the capture', async () => {
    const target = evidenceEntry();
    const zip = await tampered((files) => files.set(target, Buffer.from('replaced')), true);
    const problems = (await verifyTarget(zip)).problems;
    expect(kinds(problems)).toEqual([`modified-file ${target}`]);
    expect(problems[0].detail).toMatch(/chained at capture/);
  });

  it('names a removed and an added entry', async () => {
    const target = evidenceEntry();
    const zip = await tampered((files) => {
      files.delete(target);
      files.set('evidence/00/planted.jpg', Buffer.from('planted'));
    }, false);
    const problems = kinds((await verifyTarget(zip)).problems);
    expect(problems).toContain(`missing-file ${target}`);
    expect(problems).toContain('added-file evidence/00/planted.jpg');
  });

  it('names an edited finding in results.json, manifest fixed up or not', async () => {
    const target = findings()[0];
    for (const fix of [false, true]) {
      const zip = await tampered((files) => {
        const edited = JSON.parse(files.get('results.json')!.toString('utf8')) as ResultsJson;
        edited.sites[0].findings[0].detail = '已整改（篡改）';
        files.set('results.json', Buffer.from(JSON.stringify(edited)));
      }, fix);
      expect(kinds((await verifyTarget(zip)).problems)).toContain(`edited-finding ${target.id}`);
    }
  });

  it('names a broken chain in the manifest', async () => {
    const zip = await tampered((_files, manifest) => {
      manifest.chain.entries[1].payloadHash = sha256('forged');
    }, true);
    const problems = (await verifyTarget(zip)).problems;
    expect(problems.some((p) => p.kind === 'broken-chain' && p.ref === '2')).toBe(true);
  });
});
