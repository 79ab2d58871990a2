// Availability end to end: probes the monitor stored for the week before the as-of date decide the veto
// (≥ 5% failures), on either side of the line with the same probe count; `monitor` stores real probes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsJson } from '../../src/shared/domain.js';
import { Workspace } from '../../src/main/store/workspace.js';
import { generateCounty } from '../fixtures/portal/generate.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { runCli } from './cli-helpers.js';

const AS_OF = '2026-11-20';
const PROBES = 1000;
let server: FixtureServer;
let clean: { name: string; url: string };

beforeAll(async () => {
  const county = generateCounty({ asOf: AS_OF });
  server = await startFixtureServer(county.sites);
  const site = county.manifest.sites.find((s) => s.clean)!;
  clean = { name: site.name, url: site.url };
});

afterAll(async () => {
  await server?.close();
});

/** A workspace whose monitor took PROBES probes over the week before AS_OF, `failures` of them failed. */
function seededWorkspace(failures: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'availability-'));
  const ws = Workspace.open(dir);
  const site = ws.sites.upsert(clean);
  const start = new Date(`${AS_OF}T00:00:00+08:00`).getTime() - 6 * 86_400_000;
  const step = (7 * 86_400_000) / PROBES;
  ws.tx(() => {
    for (let i = 0; i < PROBES; i++) {
      const ok = i >= failures;
      ws.probes.add(site.id, {
        siteUrl: clean.url,
        at: new Date(start + i * step).toISOString(),
        ok,
        latencyMs: ok ? 120 : null,
        status: ok ? 200 : null,
        error: ok ? null : 'no response within 15000 ms',
      });
    }
  });
  ws.close();
  return dir;
}

async function audit(dir: string): Promise<ResultsJson['sites'][number]> {
  const run = await runCli([
    '--site',
    `${clean.name}=${clean.url}`,
    ...server.mapHostArgs(),
    '--offline',
    '--data',
    dir,
    '--out',
    path.join(dir, 'out'),
    '--as-of',
    AS_OF,
    '--max-pages',
    '3',
    '--probes',
    '0',
    '--page-timeout',
    '4',
    '--link-timeout',
    '2',
    '--quiet',
  ]);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(fs.readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as ResultsJson).sites[0];
}

describe('home-page availability over the monitored week', () => {
  it('4.9% failures: no veto; 5.0% (含): 站点无法访问 vetoes the site', async () => {
    const below = await audit(seededWorkspace(49));
    expect(below.availability).toMatchObject({
      probes: PROBES,
      failures: 49,
      failureRate: 0.049,
      insufficient: false,
    });
    expect(below.vetoes.map((v) => v.item)).not.toContain('unreachable');
    expect(below.verdict).toBe('合格');

    const at = await audit(seededWorkspace(50));
    expect(at.availability).toMatchObject({ probes: PROBES, failures: 50, failureRate: 0.05 });
    expect(at.vetoes.map((v) => v.item)).toContain('unreachable');
    expect(at.verdict).toBe('不合格');
    expect(at.score).toBeNull();
  }, 180_000);

  it('the monitor probes every ledger site and stores each probe', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-'));
    const ws = Workspace.open(dir);
    ws.sites.upsert(clean);
    ws.sites.upsert({ name: '不存在的网站', url: 'http://nowhere.sfx.gov.cn/' });
    ws.close();
    const run = await runCli([
      'monitor',
      '--data',
      dir,
      '--days',
      '0.0001',
      ...server.mapHostArgs(),
      '--offline',
      '--probe-timeout',
      '3',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const check = Workspace.open(dir);
    const probes = check.db
      .prepare('SELECT s.url, p.ok, p.error FROM probes p JOIN sites s ON s.id = p.site_id')
      .all() as {
      url: string;
      ok: number;
      error: string | null;
    }[];
    check.close();
    expect(probes).toHaveLength(2);
    expect(probes.find((p) => p.url === clean.url)?.ok).toBe(1);
    // An unmapped name under --offline does not resolve: a failed probe, not a crash.
    expect(probes.find((p) => p.url.includes('nowhere'))).toMatchObject({ ok: 0 });
  }, 60_000);
});
