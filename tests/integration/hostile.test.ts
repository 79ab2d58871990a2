// The hostile-site suite (issue 8): one CLI audit of a site that links to every known way a county site can hurt
// a crawler, plus a site behind an expired certificate. Each case must leave its trace (a finding, a link result
// or a recorded page error) on the right page, and the whole audit must stay within time and memory bounds,
// measured on the CLI's process tree (Chromium included) and printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageArtifact } from '../../src/main/artifacts.js';
import type { ResultsJson } from '../../src/shared/domain.js';
import { fastAuditArgs, spawnCli } from '../fixtures/hostile/cli.js';
import { sampleTreeMemory, type TreeMemory } from '../fixtures/hostile/processTree.js';
import { normalizeUrl } from '../../src/main/crawl/urlNormalize.js';
import {
  EXPIRED_HOST,
  HOSTILE_CASES,
  HOSTILE_HOST,
  hostileSites,
  SELF_SIGNED_HOST,
} from '../fixtures/hostile/site.js';
import { expiredCert, selfSignedCert } from '../fixtures/hostile/tls.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

const AUDIT_LIMIT_MS = 5 * 60_000;
const MEMORY_LIMIT_MB = 2048;
const MAX_PAGES = 30;

interface PageRow {
  url: string;
  status: number | null;
  artifact: PageArtifact;
}

let servers: FixtureServer[] = [];
let out: string;
let elapsedMs: number;
let memory: TreeMemory;
let exit: { code: number | null; stdout: string; stderr: string };
let results: ResultsJson;
let pages: PageRow[];
let links: Map<string, { outcome: string; status: number | null }>;

const home = `http://${HOSTILE_HOST}/`;

beforeAll(async () => {
  const sites = hostileSites();
  servers = [
    await startFixtureServer(sites.http),
    await startFixtureServer([sites.expired], { tls: await expiredCert(EXPIRED_HOST) }),
    await startFixtureServer([sites.selfSigned], { tls: await selfSignedCert(SELF_SIGNED_HOST) }),
  ];
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
  const started = Date.now();
  const run = spawnCli([
    '--site',
    `恶劣站点=${home}`,
    '--site',
    `过期证书站点=https://${EXPIRED_HOST}/`,
    ...servers.flatMap((s) => s.mapHostArgs()),
    ...fastAuditArgs({ pageS: 8, linkS: 5 }),
    '--max-pages',
    String(MAX_PAGES),
    '--max-depth',
    '40',
    '--out',
    out,
    '--as-of',
    '2026-11-20',
  ]);
  const sampler = sampleTreeMemory(run.child.pid as number);
  const timeout = setTimeout(() => run.child.kill('SIGKILL'), AUDIT_LIMIT_MS);
  exit = await run.done;
  clearTimeout(timeout);
  memory = sampler.stop();
  elapsedMs = Date.now() - started;
  console.log(
    `hostile audit: ${(elapsedMs / 1000).toFixed(1)} s, process tree peak PSS ${memory.peakPssMb} MB ` +
      `(summed RSS ${memory.peakRssMb} MB, shared pages counted per process; ` +
      `${memory.peakProcesses} processes at most, ${memory.samples} samples)`,
  );
  results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as ResultsJson;
  const db = new Database(path.join(out, 'audit.db'), { readonly: true });
  try {
    pages = (
      db.prepare('SELECT url, status, artifact_json FROM pages').all() as {
        url: string;
        status: number | null;
        artifact_json: string;
      }[]
    ).map((r) => ({ url: r.url, status: r.status, artifact: JSON.parse(r.artifact_json) as PageArtifact }));
    links = new Map(
      (
        db.prepare('SELECT url, outcome, status FROM links').all() as {
          url: string;
          outcome: string;
          status: number | null;
        }[]
      ).map((r) => [r.url, r]),
    );
  } finally {
    db.close();
  }
}, AUDIT_LIMIT_MS + 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

const norm = (url: string) => url.replace(/\/$/, '');
/** Pages are stored under their normalised URL (session ids dropped). */
const storedPage = (url: string) => pages.find((p) => p.url === (normalizeUrl(url) ?? url));
const site = () => results.sites.find((s) => s.name === '恶劣站点')!;

describe('an audit of hostile sites', () => {
  it('finishes in under 5 minutes with the process tree under 2 GB', () => {
    expect(exit.code, exit.stderr).toBe(0);
    expect(elapsedMs).toBeLessThan(AUDIT_LIMIT_MS);
    expect(memory.peakPssMb).toBeGreaterThan(0);
    expect(memory.peakPssMb).toBeLessThan(MEMORY_LIMIT_MB);
  });

  describe.each(HOSTILE_CASES)('$id ($label)', (c) => {
    it('leaves its trace on the right page', () => {
      const expectation = c.expect;
      if ('finding' in expectation) {
        const finding = site().findings.find(
          (f) => f.type === expectation.finding && norm(f.url) === norm(c.url),
        );
        expect(
          finding,
          `${expectation.finding} for ${c.url}: ${JSON.stringify(site().findings.map((f) => [f.type, f.url]))}`,
        ).toBeDefined();
        expect(norm(finding!.pageUrl)).toBe(norm(home));
        if (expectation.outcome)
          expect(links.get(c.url)?.outcome ?? links.get(norm(c.url))?.outcome).toBe(expectation.outcome);
      } else if ('pageError' in expectation) {
        const row = storedPage(c.url);
        expect(row, `page ${c.url} stored`).toBeDefined();
        const recorded = row!.artifact.error ?? (row!.artifact.cutOff ? 'cut off' : '');
        expect(recorded).toMatch(expectation.pageError);
      } else if ('pageText' in expectation) {
        const row = storedPage(c.url);
        expect(row, `page ${c.url} stored`).toBeDefined();
        expect(row!.artifact.error).toBeNull();
        expect(row!.artifact.text).toContain(expectation.pageText);
      } else {
        expect(links.get(c.url)?.outcome).toBe('ok');
        expect(site().findings.filter((f) => norm(f.url) === norm(c.url))).toEqual([]);
      }
    });
  });

  it('follows the endless calendar within the crawl-trap bounds, session ids folded', () => {
    const calendar = pages.filter((p) => p.url.includes('/calendar'));
    expect(calendar.length).toBeGreaterThan(1);
    expect(pages.filter((p) => p.url.startsWith(home)).length).toBeLessThanOrEqual(MAX_PAGES);
    expect(calendar.every((p) => !/jsessionid/i.test(p.url))).toBe(true);
    // The "next month" chain stops at the trap bound (next year's December), well before the page cap.
    const lastMonth = `${new Date().getUTCFullYear() + 1}-12`;
    const dates = calendar.map((p) => new URL(p.url).searchParams.get('date') ?? '');
    expect(dates).toContain(lastMonth);
    expect(dates.every((d) => d <= lastMonth)).toBe(true);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('caps the screenshot of the 12 MB page (taken for its finding) and records the cap', () => {
    const big = storedPage(`${home}big.html`)!;
    expect(site().findings.some((f) => f.type === 'severe-error' && f.pageUrl === `${home}big.html`)).toBe(
      true,
    );
    expect(big.artifact.pageHeight).toBeGreaterThan(big.artifact.screenshotCappedAt ?? Infinity);
    expect(big.artifact.screenshot).not.toBeNull();
  });

  it('saves nothing of the forced download', () => {
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? walk(full) : [full];
      });
    const downloaded = walk(path.join(out, 'evidence')).filter((f) =>
      fs.readFileSync(f).includes('not really a spreadsheet'),
    );
    expect(downloaded).toEqual([]);
  });

  it('never stores the popups opened by window.open', () => {
    expect(pages.some((p) => p.url.endsWith('/popup.html'))).toBe(false);
  });

  it('audits the site behind an expired certificate and reports the certificate', () => {
    const expired = results.sites.find((s) => s.name === '过期证书站点')!;
    expect(expired.pages).toBeGreaterThan(0);
    expect(expired.findings.some((f) => f.type === 'tls-invalid')).toBe(true);
    const row = pages.find((p) => p.url === `https://${EXPIRED_HOST}/`);
    expect(row?.artifact.text).toContain('证书问题站点');
  });
});
