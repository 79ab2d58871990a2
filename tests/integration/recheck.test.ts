// The rectification loop through the engine service (the UI's contract): audit, fix one defect on the
// site, re-check, and see that problem 已整改 (and the others 未整改) in the workspace and the workbook.
// A targeted re-check of chosen problems visits only their pages and links; a whole re-check, the site.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiOutputs } from '../../src/shared/api.js';
import { shanghaiToday } from '../../src/main/checks/dates/civilDate.js';
import { resourcesDir } from '../../src/main/resources/paths.js';
import { createEngineService, type EngineService } from '../../src/main/service/engineService.js';
import { generateCounty } from '../fixtures/portal/generate.js';
import type { CountyManifest } from '../fixtures/portal/manifest.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

const AS_OF = shanghaiToday();
let server: FixtureServer;
let manifest: CountyManifest;
let engine: EngineService;
let dir: string;
let site: { id: number };
let runId: string;
let before: ApiOutputs['listFindings'];
let target: ApiOutputs['listFindings'][number];

async function call<M extends ApiMethod>(method: M, input: unknown): Promise<ApiOutputs[M]> {
  const result = await engine.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as ApiOutputs[M];
}

beforeAll(async () => {
  const county = generateCounty({ asOf: AS_OF });
  manifest = county.manifest;
  server = await startFixtureServer(county.sites);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recheck-'));
  engine = await createEngineService({
    workspaceDir: dir,
    resourcesDir: resourcesDir(),
    network: { mapHost: server.mapHost(), offline: true },
    timeouts: { pageMs: 4000, linkMs: 2000, probeMs: 3000, probeIntervalMs: 0 },
  });
  const truth = manifest.sites.find((s) => s.host === manifest.fixedInVariant.host)!;
  site = await call('saveSite', { name: truth.name, url: truth.url });
  ({ runId } = await call('startAudit', { siteIds: [site.id], asOf: AS_OF, probes: 1, maxPages: 150 }));
  await engine.waitForRun(runId);
  before = await call('listFindings', { runId });
  target = before.find((f) => f.url === manifest.fixedInVariant.url)!;
  server.setVariant(generateCounty({ asOf: AS_OF, variant: 'fixed' }).sites);
}, 300_000);

afterAll(async () => {
  await engine?.close();
  await server?.close();
});

describe('re-check (复查)', () => {
  it('re-visits only the pages and links of the chosen problems', async () => {
    expect(target, `the defect fixed later (${manifest.fixedInVariant.url}) is found first`).toBeDefined();
    const host = manifest.fixedInVariant.host;
    const home = new URL(target.pageUrl).pathname;
    // A second chosen problem that is not fixed: one seen on a page other than the fixed link's page.
    const pageTypes = new Set([
      'typo',
      'severe-error',
      'column-blank',
      'guide-elements-missing',
      'page-tags-missing',
    ]);
    const other = before.find((f) => pageTypes.has(f.type) && f.pageUrl !== target.pageUrl)!;
    expect(other, 'a page problem on another page').toBeDefined();
    const untouched = before.find(
      (f) => pageTypes.has(f.type) && ![target.pageUrl, other.pageUrl, other.url].includes(f.pageUrl),
    )!;
    const fullAuditHits = server.hits(host);
    server.resetHits();
    const problems = [target, other].map((f) => ({ siteId: site.id, fingerprint: f.fingerprint }));
    const { runId: recheckRun } = await call('recheck', { runId, problems });
    await engine.waitForRun(recheckRun);

    expect(
      server.hits(host, new URL(manifest.fixedInVariant.url).pathname),
      'the fixed link is checked',
    ).toBeGreaterThan(0);
    expect(server.hits(host, home), 'its page is rendered again').toBeGreaterThan(0);
    expect(server.hits(host, new URL(untouched.pageUrl).pathname), 'other pages are not').toBe(0);
    expect(server.hits(host)).toBeLessThan(fullAuditHits / 10);

    const views = await call('listRectifications', { runId: recheckRun });
    const view = (fp: string) => views.find((v) => v.fingerprint === fp)!;
    expect(view(target.fingerprint)).toMatchObject({ recheck: '已整改', status: '已整改' });
    expect(
      view(target.fingerprint).after.length,
      'the re-rendered page is the after evidence',
    ).toBeGreaterThan(0);
    expect(view(other.fingerprint).recheck).toBe('未整改');
    expect(view(untouched.fingerprint).recheck, 'a problem not chosen is not judged').toBeNull();
    // The carried-over rest of the site still scores: the re-check run lists the untouched problem too.
    const after = await call('listFindings', { runId: recheckRun });
    expect(after.map((f) => f.fingerprint)).toContain(untouched.fingerprint);
    expect(after.map((f) => f.fingerprint)).not.toContain(target.fingerprint);
  }, 300_000);

  it('refuses a problem that is not in the run', async () => {
    const result = await engine.dispatch('recheck', {
      runId,
      problems: [{ siteId: site.id, fingerprint: 'f'.repeat(64) }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.userMessage).toContain('不属于该检查批次');
  });

  it('marks the fixed problem 已整改 and the rest 未整改, in the ledger and the workbook', async () => {
    await call('updateRectification', {
      siteId: site.id,
      fingerprint: target!.fingerprint,
      measure: '恢复年报页面',
      owner: '县政府办 王五',
      deadline: AS_OF,
    });

    const { runId: recheckRun } = await call('recheck', { runId });
    await engine.waitForRun(recheckRun);

    const views = await call('listRectifications', { runId: recheckRun });
    const fixedView = views.find((v) => v.fingerprint === target!.fingerprint)!;
    expect(fixedView).toMatchObject({
      recheck: '已整改',
      status: '已整改',
      measure: '恢复年报页面',
      owner: '县政府办 王五',
    });
    expect(fixedView.before.length).toBeGreaterThan(0);
    const others = views.filter((v) => v.fingerprint !== target!.fingerprint && v.before.length > 0);
    expect(others.length).toBeGreaterThan(3);
    for (const v of others) expect(v.recheck, v.detail).toBe('未整改');

    const out = path.join(dir, 'export');
    const exported = await call('exportReport', { runId, outDir: out, unit: '示范县人民政府办公室' });
    expect(exported.files.map((f) => path.basename(f)).sort()).toEqual([
      'package.zip',
      'report.docx',
      'report.pdf',
      'report.xlsx',
      'results.json',
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'report.xlsx'));
    const rows: string[][] = [];
    wb.getWorksheet('问题清单（整改台账）')!.eachRow((row) =>
      rows.push((row.values as unknown[]).map((v) => String(v ?? ''))),
    );
    const row = rows.find((r) => r.some((c) => c.includes(target!.detail)))!;
    expect(row).toBeDefined();
    expect(row).toContain('已整改');
    expect(row).toContain('恢复年报页面');
  }, 300_000);
});
