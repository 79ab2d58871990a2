// Sites in parallel worker processes (issue 9): three sites of the generated county audited through the CLI
// with --workers 2 give exactly the pages, link results and findings of the same audit in one process
// (--workers 1), from two worker processes writing one workspace, with an evidence chain that verifies.
// A worker killed with SIGKILL mid-site costs only that site: it is recorded as failed, the other sites
// finish, the worker's Chromium does not outlive it, and --resume of the run completes the site.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAuditDb, storedPages, storedRows } from '../support/auditDb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastAuditArgs, spawnCli } from '../fixtures/hostile/cli.js';
import { isRunning, processTree } from '../fixtures/hostile/processTree.js';
import { generateCounty } from '../fixtures/portal/generate.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

const AS_OF = '2026-11-20';
/** --max-depth 1: each site's page set does not depend on the order pages complete in. */
const SITES = [
  '示范县教育局=http://jyj.sfx.gov.cn/',
  '示范县卫生健康局=http://wjj.sfx.gov.cn/',
  '示范县审计局=http://sjj.sfx.gov.cn/',
];

interface Snapshot {
  sites: { name: string; status: string; error: string | null }[];
  pages: string[];
  links: string[];
  findings: string[];
}

let server: FixtureServer;
const dirs: string[] = [];
let single: Snapshot;
let parallel: { snapshot: Snapshot; stderr: string; code: number | null; verify: number | null };
let killed: {
  workerPid: number;
  afterKill: Snapshot;
  chromiumOfWorker: number;
  survivors: number[];
  resumed: Snapshot;
  resumeCode: number | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function workspace(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function auditArgs(out: string, workers: number): string[] {
  return [
    ...SITES.flatMap((s) => ['--site', s]),
    ...server.mapHostArgs(),
    ...fastAuditArgs(),
    '--max-depth',
    '1',
    '--workers',
    String(workers),
    '--out',
    out,
    '--as-of',
    AS_OF,
  ];
}

function snapshot(dir: string): Snapshot {
  return readAuditDb(dir, (db) => ({
    sites: db
      .prepare(
        `SELECT s.name AS name, rs.status AS status, rs.error AS error FROM run_sites rs JOIN sites s ON s.id = rs.site_id ORDER BY s.name`,
      )
      .all() as Snapshot['sites'],
    ...storedRows(db),
  }));
}

beforeAll(async () => {
  server = await startFixtureServer(generateCounty({ asOf: AS_OF }).sites);

  const one = workspace('workers-1-');
  const r1 = await spawnCli(auditArgs(one, 1)).done;
  expect(r1.code, r1.stderr).toBe(0);
  single = snapshot(one);

  const two = workspace('workers-2-');
  const r2 = await spawnCli(auditArgs(two, 2)).done;
  const verify = await spawnCli(['verify', two]).done;
  parallel = { snapshot: snapshot(two), stderr: r2.stderr, code: r2.code, verify: verify.code };

  // Kill the first worker once the run has stored some pages.
  const victim = workspace('workers-kill-');
  const run = spawnCli([...auditArgs(victim, 2)]);
  let workerPid = 0;
  while (!workerPid || storedPages(victim) < 3) {
    if (run.child.exitCode !== null) throw new Error(`run ended before the kill: ${run.output().stderr}`);
    workerPid = Number(/site worker (\d+) started/.exec(run.output().stderr)?.[1] ?? 0);
    await sleep(100);
  }
  const chromium = processTree(workerPid).filter((p) => /chrom/i.test(p.comm));
  process.kill(workerPid, 'SIGKILL');
  const ended = await run.done;
  expect(ended.code, ended.stderr).toBe(0);
  const afterKill = snapshot(victim);
  let survivors: number[] = [];
  const deadline = Date.now() + 5_000;
  do {
    await sleep(200);
    survivors = chromium.filter((p) => isRunning(p.pid)).map((p) => p.pid);
  } while (survivors.length && Date.now() < deadline);
  for (const pid of survivors) process.kill(pid, 'SIGKILL');
  const runId = /run (\S+): 3 site/.exec(ended.stderr)![1]!;
  const resume = await spawnCli(['--resume', runId, '--data', victim, '--out', victim, '--quiet']).done;
  killed = {
    workerPid,
    afterKill,
    chromiumOfWorker: chromium.length,
    survivors,
    resumed: snapshot(victim),
    resumeCode: resume.code,
  };
}, 600_000);

afterAll(async () => {
  await server?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('sites audited in worker processes', () => {
  it('uses two worker processes', () => {
    expect(parallel.code, parallel.stderr).toBe(0);
    expect(parallel.stderr).toMatch(/auditing 3 sites in 2 worker processes/);
    const pids = new Set([...parallel.stderr.matchAll(/site worker (\d+) started/g)].map((m) => m[1]));
    expect(pids.size).toBe(2);
    expect(pids.has(String(process.pid))).toBe(false);
  });

  it('stores exactly what one process stores: pages, link results and findings', () => {
    expect(parallel.snapshot.sites.map((s) => s.status)).toEqual(['done', 'done', 'done']);
    expect(single.pages.length).toBeGreaterThan(10);
    expect(single.findings.length).toBeGreaterThan(3);
    expect(parallel.snapshot.pages).toEqual(single.pages);
    expect(parallel.snapshot.links).toEqual(single.links);
    expect(parallel.snapshot.findings).toEqual(single.findings);
  });

  it('keeps one evidence chain that verifies, written from both workers', () => {
    expect(parallel.verify).toBe(0);
  });
});

describe('a worker killed mid-site', () => {
  it('fails only its site; the run finishes the others', () => {
    const failed = killed.afterKill.sites.filter((s) => s.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toMatch(/site worker exited \(signal SIGKILL\)/);
    expect(killed.afterKill.sites.filter((s) => s.status === 'done')).toHaveLength(2);
  });

  it("leaves none of the worker's Chromium behind", () => {
    expect(killed.chromiumOfWorker).toBeGreaterThan(0);
    expect(killed.survivors).toEqual([]);
  });

  it('is completed by --resume, with everything a run without the kill has', () => {
    expect(killed.resumeCode).toBe(0);
    expect(killed.resumed.sites.map((s) => s.status)).toEqual(['done', 'done', 'done']);
    expect(killed.resumed.pages).toEqual(single.pages);
    expect(killed.resumed.links).toEqual(single.links);
    expect(killed.resumed.findings).toEqual(single.findings);
  });
});
