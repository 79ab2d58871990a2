// `merge`: the packages of two workstations (two real CLI audits of different generated county sites, each in
// its own workspace) into one provincial workspace, read back through SQLite, results.json and `verify`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsJson } from '../../src/shared/domain.js';
import { rescoreRun } from '../../src/main/audit/rescore.js';
import { createRecheckRun } from '../../src/main/audit/startRecheck.js';
import { buildReportModel } from '../../src/main/report/fromWorkspace.js';
import { writePackage } from '../../src/main/report/package.js';
import { buildResultsJson } from '../../src/main/report/resultsJson.js';
import { loadRulePack } from '../../src/main/resources/rulePacks.js';
import { Workspace } from '../../src/main/store/workspace.js';
import { generateCounty } from '../fixtures/portal/generate.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

const AS_OF = '2026-11-20';
const ROOT = path.resolve(__dirname, '..', '..');
const RESOURCES = path.join(ROOT, 'resources');

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main/cli.ts'), ...args], {
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let server: FixtureServer;
let tmp: string;
const stations: { out: string; results: ResultsJson }[] = [];
let merged: string;

async function auditStation(name: string, site: { name: string; url: string }): Promise<void> {
  const out = path.join(tmp, name);
  const cli = await runCli([
    '--site',
    `${site.name}=${site.url}`,
    ...server.mapHostArgs(),
    '--offline',
    '--out',
    out,
    '--as-of',
    AS_OF,
    '--max-pages',
    '12',
    '--page-timeout',
    '4',
    '--link-timeout',
    '2',
    '--probes',
    '1',
    '--probe-interval',
    '0',
    '--probe-timeout',
    '3',
    '--quiet',
  ]);
  expect(cli.code, cli.stderr).toBe(0);
  stations.push({ out, results: JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) });
}

/** Every row of every table and every file under the workspace: what "nothing changed" is checked against. */
function snapshot(dir: string): string {
  const ws = Workspace.open(dir);
  try {
    const tables = ws.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as {
      name: string;
    }[];
    const rows = tables.map((t) => [t.name, ws.db.prepare(`SELECT * FROM ${t.name} ORDER BY 1, 2`).all()]);
    const files = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => !f.startsWith('audit.db'));
    return JSON.stringify([rows, files.sort()]);
  } finally {
    ws.close();
  }
}

function findingKeys(results: ResultsJson): string[] {
  return results.sites.flatMap((s) =>
    s.findings.map((f) =>
      JSON.stringify([
        results.run.id,
        s.url,
        f.id,
        f.fingerprint,
        f.type,
        f.url,
        f.pageUrl,
        f.detail,
        f.evidence,
      ]),
    ),
  );
}

beforeAll(async () => {
  const county = generateCounty({ asOf: AS_OF });
  server = await startFixtureServer(county.sites);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'merge-'));
  const [first, second] = county.manifest.sites;
  await auditStation('station-a', first!);
  await auditStation('station-b', second!);
  merged = path.join(tmp, 'province');
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('merge of two workstations into one workspace', () => {
  it('imports both packages, and the merged workspace verifies', async () => {
    const packages = stations.map((s) => path.join(s.out, 'package.zip'));
    const cli = await runCli(['merge', '--data', merged, ...packages]);
    expect(cli.code, cli.stderr + cli.stdout).toBe(0);
    const lines = cli.stdout.trim().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual(['imported', 'imported']);
    expect(lines.map((l) => l.split('\t')[1])).toEqual(stations.map((s) => s.results.run.id));
    const verify = await runCli(['verify', merged]);
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(/2 runs: OK/);
  }, 120_000);

  it('holds the union of both results: sites, verdicts, scores, findings and their evidence', () => {
    const ws = Workspace.open(merged);
    try {
      const runs = stations.map((s) => buildResultsJson(ws, s.results.run.id));
      expect(runs.flatMap(findingKeys).sort()).toEqual(
        stations.flatMap((s) => findingKeys(s.results)).sort(),
      );
      expect(runs.flatMap(findingKeys).length).toBeGreaterThan(0);
      for (const [i, station] of stations.entries()) {
        const pick = (r: ResultsJson) =>
          r.sites.map((s) => [
            s.url,
            s.name,
            s.siteCode,
            s.verdict,
            s.score,
            s.bonus,
            s.vetoes,
            s.deductions,
            // A package brings no page or link rows: the merged run keeps the station's own figures.
            s.pages,
            s.links,
          ]);
        expect(pick(runs[i]!)).toEqual(pick(station.results));
        expect(runs[i]!.run).toEqual(station.results.run);
        // The reports written from the merged workspace (汇总表) show the same page and link figures.
        const model = buildReportModel(
          ws,
          station.results.run.id,
          loadRulePack(station.results.run.rulePack, RESOURCES),
        );
        const figures = (sites: { url: string; pages: number; links: unknown }[]) =>
          sites.map((s) => [s.url, s.pages, s.links]);
        expect(figures(model.sites)).toEqual(figures(station.results.sites));
        expect(model.sites.every((s) => s.pages > 0)).toBe(true);
      }
      expect(
        ws.sites
          .list()
          .map((s) => s.url)
          .sort(),
      ).toEqual(stations.flatMap((s) => s.results.sites.map((x) => x.url)).sort());
      for (const station of stations) {
        for (const e of station.results.sites.flatMap((x) => x.findings.flatMap((f) => f.evidence))) {
          const copy = fs.readFileSync(ws.absolute(e.path));
          expect(copy.equals(fs.readFileSync(path.join(station.out, e.path))), e.path).toBe(true);
        }
      }
    } finally {
      ws.close();
    }
  });

  it('merging the same packages again changes nothing', async () => {
    const before = snapshot(merged);
    const cli = await runCli([
      'merge',
      '--data',
      merged,
      ...stations.map((s) => path.join(s.out, 'package.zip')),
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(
      cli.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual(['unchanged', 'unchanged']);
    expect(snapshot(merged)).toBe(before);
  }, 120_000);

  it('a merged run is read-only here: re-scoring and re-checking it are refused and change nothing', async () => {
    const before = snapshot(merged);
    const runId = stations[0]!.results.run.id;
    const cli = await runCli(['rescore', '--data', merged, '--run', runId, '--rules', 'census-2015']);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr + cli.stdout).toMatch(/merged from .*not in this workspace/);
    const ws = Workspace.open(merged);
    try {
      // The UI shows the reason in Chinese.
      await expect(rescoreRun(ws, runId, 'census-2015', RESOURCES)).rejects.toMatchObject({
        userMessage: expect.stringContaining('从其他工作站的证据包合并来的'),
      });
      expect(() => createRecheckRun(ws, RESOURCES, runId, {})).toThrow(/merged from/);
    } finally {
      ws.close();
    }
    expect(snapshot(merged)).toEqual(before);
  });

  it('reports a package whose run id is already merged with other content, and overwrites nothing', async () => {
    // Station A rescored its run under another rule pack and exported it again: same run id, other scores.
    const station = stations[0]!;
    const runId = station.results.run.id;
    const ws = Workspace.open(station.out);
    const conflicting = path.join(tmp, 'rescored', 'package.zip');
    try {
      await rescoreRun(ws, runId, 'census-2015', RESOURCES);
      const results = path.join(tmp, 'rescored', 'results.json');
      fs.mkdirSync(path.dirname(results), { recursive: true });
      fs.writeFileSync(results, JSON.stringify(buildResultsJson(ws, runId)));
      const model = buildReportModel(ws, runId, loadRulePack('census-2015', RESOURCES));
      const report = (name: string) => path.join(station.out, name);
      await writePackage(
        model,
        { workbook: report('report.xlsx'), docx: report('report.docx'), pdf: report('report.pdf'), results },
        conflicting,
      );
    } finally {
      ws.close();
    }
    const before = snapshot(merged);
    const cli = await runCli(['merge', '--data', merged, conflicting]);
    expect(cli.code).toBe(1);
    const [status, id] = cli.stdout.trim().split('\t');
    expect([status, id]).toEqual(['conflict', runId]);
    expect(snapshot(merged)).toBe(before);
  }, 120_000);
});
