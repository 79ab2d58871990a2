// County scale: N sites × M pages through the real runAudit (crawl and render with the default pool, link
// check, checks, scoring; availability probes excluded), each size in its own measured child, to show how the
// time grows with 1, 5 and 20 sites. Target: 20 sites × 200 pages under 15 minutes on the 2-core machine.
//   npx tsx bench/county.ts [--pages M] [--sites 1,5,20]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RunControl } from '../src/main/audit/control.js';
import { DEFAULT_LIMITS, type AuditOptions } from '../src/main/audit/options.js';
import { createRun, runAudit } from '../src/main/audit/runAudit.js';
import { DEFAULT_RENDER } from '../src/main/gather/renderPage.js';
import { defaultNetworkOptions } from '../src/main/net/options.js';
import { resourcesDir } from '../src/main/resources/paths.js';
import { loadRulePack } from '../src/main/resources/rulePacks.js';
import { Workspace } from '../src/main/store/workspace.js';
import { describe, measureScript } from './measure.js';
import { servePortals } from './portalServer.js';

const TARGET_MS = 15 * 60_000;
const TARGET_SITES = 20;
const TARGET_PAGES = 200;
const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: String(TARGET_PAGES) },
    sites: { type: 'string', default: '1,5,20' },
    child: { type: 'string' },
    map: { type: 'string' },
  },
});
const pages = Number(args.pages);
const host = (s: number) => `site${s}.county.bench.test`;

async function child(count: number, mapHost: Record<string, string>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-county-'));
  const ws = Workspace.open(dir);
  try {
    const siteIds = Array.from(
      { length: count },
      (_, s) => ws.sites.upsert({ name: `示范县第${s + 1}部门网站`, url: `http://${host(s)}/` }).id,
    );
    const opts: AuditOptions = {
      siteIds,
      rules: 'inspection-2019',
      asOf: '2026-11-20',
      limits: { ...DEFAULT_LIMITS, maxPages: pages, maxDepth: 10_000 },
      render: DEFAULT_RENDER,
      network: defaultNetworkOptions({ mapHost, offline: true, timeoutMs: 5000 }),
      probes: { count: 0, intervalMs: 0, timeoutMs: 5000 },
      linkTimeoutMs: 5000,
      browserPath: null,
      recheckOf: null,
    };
    const runId = createRun(ws, opts, loadRulePack(opts.rules, resourcesDir()));
    await runAudit(ws, runId, {
      resourcesDir: resourcesDir(),
      control: new RunControl(),
      onProgress: () => undefined,
      log: () => undefined,
    });
    const stored = ws.db.prepare('SELECT COUNT(*) AS n FROM pages WHERE run_id = ?').get(runId) as {
      n: number;
    };
    const failed = ws.runs.sites(runId).filter((s) => s.status !== 'done').length;
    const evidence = ws.db.prepare('SELECT COALESCE(SUM(bytes), 0) AS b FROM evidence').get() as {
      b: number;
    };
    process.stdout.write(JSON.stringify({ pages: stored.n, failed, evidenceMb: evidence.b / 1024 ** 2 }));
  } finally {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = String(args.sites).split(',').map(Number);
  const most = Math.max(...sizes);
  const hosts = Array.from({ length: most }, (_, s) => host(s));
  const server = await servePortals({ hosts, pages, linksPerPage: 10, brokenEvery: 50 });
  console.log(
    `county: sites × ${pages} pages through runAudit (probes excluded), default pool and render settings`,
  );
  const measured: { sites: number; ms: number }[] = [];
  try {
    for (const count of sizes) {
      const m = await measureScript('county.ts', [
        '--child',
        String(count),
        '--pages',
        String(pages),
        '--map',
        JSON.stringify(server.mapHost),
      ]);
      if (m.code !== 0) throw new Error(`county ${count} failed: ${m.stderr}`);
      const r = JSON.parse(m.stdout) as { pages: number; failed: number; evidenceMb: number };
      console.log(
        `  ${String(count).padStart(2)} sites: ${describe(m)}  ${r.pages} pages (${(r.pages / (m.wallMs / 1000)).toFixed(2)} pages/s, ` +
          `${(m.wallMs / count / 1000).toFixed(1)} s per site)  failed sites ${r.failed}  evidence ${r.evidenceMb.toFixed(1)} MB`,
      );
      measured.push({ sites: count, ms: m.wallMs });
    }
  } finally {
    server.close();
  }
  const exact = measured.find((m) => m.sites === TARGET_SITES && pages === TARGET_PAGES);
  const projected = exact?.ms ?? project(measured);
  const how = exact ? 'measured' : 'projected';
  console.log(`${how} 20 sites × 200 pages: ${(projected / 60_000).toFixed(1)} min; target < 15 min`);
  console.log(`ratio county (target ÷ ${how}): ${(TARGET_MS / projected).toFixed(2)}`);
}

/**
 * 20 × 200 from smaller runs. With two sizes or more, a straight line through the two largest: time = fixed
 * start (browser, lexicons) + a cost per page (crawl, links, checks and evidence grow with the pages), so the
 * start is counted once. With one size, that run scaled by pages (its start scaled with it: pessimistic).
 */
function project(runs: { sites: number; ms: number }[]): number {
  const target = TARGET_SITES * TARGET_PAGES;
  const [a, b] = [...runs].sort((x, y) => x.sites - y.sites).slice(-2);
  if (!a || !b || a.sites === b.sites) {
    const only = (b ?? a)!;
    return only.ms * (target / (only.sites * pages));
  }
  const perPage = (b.ms - a.ms) / ((b.sites - a.sites) * pages);
  const fixed = a.ms - perPage * a.sites * pages;
  console.log(
    `  fit through ${a.sites} and ${b.sites} sites: ${perPage.toFixed(0)} ms per page, ${(fixed / 1000).toFixed(1)} s fixed`,
  );
  return Math.max(fixed, 0) + perPage * target;
}

if (args.child) await child(Number(args.child), JSON.parse(String(args.map)) as Record<string, string>);
else await main();
