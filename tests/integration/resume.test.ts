// Kill and resume (issues 3 and 8): a CLI audit killed with SIGKILL mid-crawl, once some pages are stored, then
// restarted with --resume, ends with exactly the pages, link results and findings of an uninterrupted audit of the
// same site: nothing lost, nothing duplicated. Chromium must not outlive the killed CLI (the parent-death wrapper
// of src/main/browser/parentDeath.ts), and the evidence chain of the resumed run must verify.
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
/**
 * The GBK 卫生健康局 site with --max-depth 1: the home page and every page it links to, a set that does not
 * depend on the order pages complete in, so the two runs must agree exactly; it has findings of several kinds.
 */
const SITE = '示范县卫生健康局=http://wjj.sfx.gov.cn/';
const KILL_AFTER_PAGES = 6;

interface Snapshot {
  status: string;
  pages: string[];
  links: string[];
  findings: string[];
  evidenceRows: number;
}

let server: FixtureServer;
let reference: Snapshot;
let resumed: Snapshot;
let pagesAtKill: number;
let survivors: { pid: number; comm: string }[];
let chromiumBeforeKill: number;
let resumeExit: { code: number | null; stderr: string };
let verifyExit: { code: number | null; stdout: string };
let wsResumed: string;
let wsReference: string;

function auditArgs(workspace: string): string[] {
  return [
    '--site',
    SITE,
    ...server.mapHostArgs(),
    ...fastAuditArgs(),
    '--max-depth',
    '1',
    '--out',
    workspace,
    '--as-of',
    AS_OF,
  ];
}

function snapshot(workspace: string): Snapshot {
  return readAuditDb(workspace, (db) => ({
    status: db.prepare('SELECT status FROM runs').pluck().get() as string,
    ...storedRows(db),
    evidenceRows: db.prepare('SELECT COUNT(*) FROM evidence').pluck().get() as number,
  }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  const county = generateCounty({ asOf: AS_OF });
  server = await startFixtureServer(county.sites);
  wsReference = fs.mkdtempSync(path.join(os.tmpdir(), 'resume-ref-'));
  wsResumed = fs.mkdtempSync(path.join(os.tmpdir(), 'resume-kill-'));

  const t0 = Date.now();
  const full = await spawnCli(auditArgs(wsReference)).done;
  const t1 = Date.now();
  expect(full.code, full.stderr).toBe(0);
  reference = snapshot(wsReference);

  const killed = spawnCli(auditArgs(wsResumed));
  const pid = killed.child.pid as number;
  while (storedPages(wsResumed) < KILL_AFTER_PAGES) {
    if (killed.child.exitCode !== null)
      throw new Error(`run ended before the kill: ${killed.output().stderr}`);
    await sleep(100);
  }
  const chromium = processTree(pid).filter((p) => /chrom/i.test(p.comm));
  chromiumBeforeKill = chromium.length;
  killed.child.kill('SIGKILL');
  await killed.done;
  pagesAtKill = storedPages(wsResumed);
  // The kernel delivers the parent-death signal at once; give Chromium's helpers a moment to notice.
  const deadline = Date.now() + 5_000;
  do {
    await sleep(200);
    survivors = chromium.filter((p) => isRunning(p.pid)).map((p) => ({ pid: p.pid, comm: p.comm }));
  } while (survivors.length && Date.now() < deadline);
  for (const p of survivors) process.kill(p.pid, 'SIGKILL'); // never leave them to the next test file

  // Only where the workspace is: the run's sites, limits and network come from its stored options.
  const resume = await spawnCli(['--resume', '--data', wsResumed, '--out', wsResumed, '--quiet']).done;
  resumeExit = resume;
  resumed = snapshot(wsResumed);
  verifyExit = await spawnCli(['verify', wsResumed]).done;
  console.log(
    `uninterrupted run ${((t1 - t0) / 1000).toFixed(1)} s; killed, resumed and verified ${((Date.now() - t1) / 1000).toFixed(1)} s`,
  );
}, 300_000);

afterAll(async () => {
  await server?.close();
  for (const dir of [wsReference, wsResumed]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('an audit killed with SIGKILL and resumed', () => {
  it('was killed mid-crawl, with some pages stored and more to come', () => {
    console.log(
      `killed after ${pagesAtKill} of ${reference.pages.length} pages; ${chromiumBeforeKill} Chromium processes`,
    );
    expect(pagesAtKill).toBeGreaterThanOrEqual(KILL_AFTER_PAGES);
    expect(pagesAtKill).toBeLessThan(reference.pages.length);
  });

  it('leaves no Chromium process behind', () => {
    expect(chromiumBeforeKill).toBeGreaterThan(0);
    expect(survivors).toEqual([]);
  });

  it('completes with --resume', () => {
    expect(resumeExit.code, resumeExit.stderr).toBe(0);
    expect(resumeExit.stderr).toMatch(/resuming run/);
    expect(resumed.status).toBe('done');
  });

  it('has every page, link result and finding of an uninterrupted run, none twice', () => {
    expect(resumed.pages).toEqual(reference.pages);
    expect(resumed.links).toEqual(reference.links);
    expect(resumed.findings).toEqual(reference.findings);
    expect(new Set(resumed.findings).size).toBe(resumed.findings.length);
  });

  it('keeps an evidence chain that verifies', () => {
    expect(verifyExit.code, verifyExit.stdout).toBe(0);
  });
});
