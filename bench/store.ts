// Store benchmark: findings and link results into SQLite through the workspace repositories (a transaction per
// site, findings chained as an audit chains them) vs the naive loop: the same schema, one INSERT statement per
// row in autocommit with SQLite's default journal (every row its own transaction and fsync). Rows per second.
// Each side runs in its own measured child.   npx tsx bench/store.ts [--rows N] [--repeat N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { LinkResult } from '../src/main/artifacts.js';
import { FINDING_TYPES, type Finding } from '../src/shared/domain.js';
import { MIGRATIONS } from '../src/main/store/migrations.js';
import { Workspace } from '../src/main/store/workspace.js';
import { describe, measureScript, median } from './measure.js';

const SITES = 20;
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    // The naive loop pays an fsync per row (≈ 60 rows/s here): fewer rows give the same rate sooner.
    'naive-rows': { type: 'string', default: '2000' },
    repeat: { type: 'string', default: '3' },
    child: { type: 'string' },
  },
});
const rows = Number(args.rows);

function finding(i: number): Finding {
  return {
    id: `f${i}`,
    fingerprint: `${i.toString(16).padStart(8, '0')}${'a'.repeat(56)}`,
    type: FINDING_TYPES[i % FINDING_TYPES.length]!,
    url: `http://site${i % SITES}.sfx.gov.cn/xxgk/2026/t2026_${i}.html`,
    pageUrl: `http://site${i % SITES}.sfx.gov.cn/xxgk/index_${i % 40}.html`,
    detail: `页面链接“关于做好第${i}项工作的通知”无法打开（HTTP 404）`,
    needsConfirmation: false,
    confirmed: false,
    box: { x: 10, y: 20 + i, width: 200, height: 18 },
    data: { status: 404 },
    evidence: [{ path: `evidence/ab/${'ab'.repeat(32)}.jpg`, sha256: 'ab'.repeat(32), kind: 'screenshot' }],
  };
}

function linkResult(i: number): LinkResult {
  return {
    url: `http://site${i % SITES}.sfx.gov.cn/files/${i}.pdf`,
    outcome: i % 50 === 0 ? 'http-error' : 'ok',
    status: i % 50 === 0 ? 404 : 200,
    finalUrl: null,
    redirects: [],
    contentType: 'application/pdf',
    contentLength: 4096,
    durationMs: 12,
    error: null,
    checkedAt: '2026-11-20T02:00:00.000Z',
    via: 'http',
    attempts: 1,
  } as LinkResult;
}

/** Half the rows are findings, half link results; returns the milliseconds spent writing. */
function ours(dir: string): number {
  const ws = Workspace.open(dir);
  const started = performance.now();
  const siteIds = Array.from(
    { length: SITES },
    (_, s) => ws.sites.upsert({ name: `站点${s}`, url: `http://site${s}.sfx.gov.cn/` }).id,
  );
  ws.runs.create(
    {
      id: 'bench',
      startedAt: '2026-11-20T02:00:00.000Z',
      asOf: '2026-11-20',
      rulePack: 'inspection-2019',
      rulePackVersion: '-',
      status: 'running',
      options: {},
      vantage: { offline: true, mapHost: {}, proxy: null, caFile: null, browser: null },
      recheckOf: null,
    },
    siteIds,
  );
  const half = rows / 2;
  for (const [s, siteId] of siteIds.entries()) {
    const findings: Finding[] = [];
    for (let i = s; i < half; i += SITES) findings.push(finding(i));
    ws.saveSiteFindings('bench', siteId, findings, new Set());
    ws.tx(() => {
      for (let i = s; i < half; i += SITES) ws.links.save('bench', linkResult(i));
    });
  }
  const ms = performance.now() - started;
  ws.close();
  return ms;
}

function naive(dir: string): number {
  const db = new Database(path.join(dir, 'naive.db'));
  db.exec(MIGRATIONS[0]!);
  const started = performance.now();
  for (let s = 0; s < SITES; s++)
    db.prepare('INSERT INTO sites (name, url, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
      `站点${s}`,
      `http://site${s}.sfx.gov.cn/`,
      '',
      '',
    );
  db.prepare(
    `INSERT INTO runs (id, started_at, as_of, rule_pack, rule_pack_version, status, options_json, vantage_json) VALUES ('bench', '', '', '', '', 'running', '{}', '{}')`,
  ).run();
  const addFinding = db.prepare(
    `INSERT INTO findings (run_id, id, site_id, fingerprint, type, url, page_url, detail, box_json, data_json, evidence_json, created_at)
     VALUES ('bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addLink = db.prepare(
    'INSERT INTO links (run_id, url, outcome, status, result_json) VALUES (?, ?, ?, ?, ?)',
  );
  for (let i = 0; i < rows / 2; i++) {
    const f = finding(i);
    addFinding.run(
      f.id,
      (i % SITES) + 1,
      f.fingerprint,
      f.type,
      f.url,
      f.pageUrl,
      f.detail,
      JSON.stringify(f.box),
      JSON.stringify(f.data),
      JSON.stringify(f.evidence),
      '',
    );
    const l = linkResult(i);
    addLink.run('bench', l.url, l.outcome, l.status, JSON.stringify(l));
  }
  const ms = performance.now() - started;
  db.close();
  return ms;
}

async function main(): Promise<void> {
  console.log(
    `store: ${rows} rows (findings and link results, half each) for ${SITES} sites, ${args.repeat} runs per side`,
  );
  const rates: Record<string, number> = {};
  for (const side of ['ours', 'naive']) {
    const runs: number[] = [];
    let last = '';
    const count = side === 'ours' ? rows : Math.min(rows, Number(args['naive-rows']));
    for (let r = 0; r < Number(args.repeat); r++) {
      const m = await measureScript('store.ts', ['--child', side, '--rows', String(count)]);
      if (m.code !== 0) throw new Error(`store ${side} failed: ${m.stderr}`);
      runs.push(Number(m.stdout));
      last = describe(m);
    }
    // Each side's rate over the rows it wrote (the naive side writes fewer).
    rates[side] = count / (median(runs) / 1000);
    console.log(
      `  ${side.padEnd(6)} ${count} rows in median ${median(runs).toFixed(0)} ms = ${rates[side]!.toFixed(0)} rows/s  (last run: ${last})`,
    );
  }
  console.log(`ratio store: ${(rates.ours! / rates.naive!).toFixed(1)}`);
}

if (args.child) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
  try {
    process.stdout.write(String(args.child === 'ours' ? ours(dir) : naive(dir)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
} else await main();
