// Render benchmark: this engine's render + evidence per page (crawlSite's pool of pages in one context, each
// page settled, scrolled, extracted, its DOM stored and chained in a workspace, with design.md's screenshot
// policy: a full-page JPEG of the home page and column pages, `--screenshots all` for one of every page) vs
// the obvious script (one browser, one page, `goto` then a full-page PNG screenshot, one URL after the other),
// over the same N pages of a generated portal on 127.0.0.1, served by a process of its own (portalServer.ts).
// Each side runs as a measured child (process tree sampled), bundled to plain JavaScript.
//   npx tsx bench/render.ts [--pages N] [--concurrency 4] [--screenshots home-and-columns|all]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RunControl } from '../src/main/audit/control.js';
import { crawlSite } from '../src/main/audit/crawlSite.js';
import { DEFAULT_LIMITS } from '../src/main/audit/options.js';
import { discoverBrowser } from '../src/main/browser/discover.js';
import { launchBrowser } from '../src/main/browser/launch.js';
import { DEFAULT_RENDER } from '../src/main/gather/renderPage.js';
import { USER_AGENT } from '../src/main/net/options.js';
import { resourcesDir } from '../src/main/resources/paths.js';
import { Workspace } from '../src/main/store/workspace.js';
import { bundleScript, describe, measureBundle, median, treeRssBytes } from './measure.js';
import { servePortals } from './portalServer.js';

const HOST = 'render.bench.test';
const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    screenshots: { type: 'string', default: DEFAULT_RENDER.crawlScreenshots },
    child: { type: 'string' },
    map: { type: 'string' },
  },
});
const pages = Number(args.pages);
const screenshots = args.screenshots === 'all' ? 'all' : 'home-and-columns';

interface SideResult {
  pages: number;
  pageMs: number[];
  screenshots: number;
  /** Process-tree RSS (MB) after each quarter of the pages: flat means no growth with the page count. */
  rssByQuarter: number[];
  evidenceMb: number;
}

function quarterSampler(total: number): { tick: (done: number) => void; samples: number[] } {
  const samples: number[] = [];
  return {
    samples,
    tick: (done) => {
      if (done >= ((samples.length + 1) * total) / 4) samples.push(treeRssBytes(process.pid) / 1024 ** 2);
    },
  };
}

function folderMb(dir: string): number {
  let bytes = 0;
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const st = fs.statSync(path.join(dir, f));
    if (st.isFile()) bytes += st.size;
  }
  return bytes / 1024 ** 2;
}

/** This engine: crawlSite from the portal's home with the pool size of an audit. */
async function ours(map: string): Promise<SideResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-render-ours-'));
  const ws = Workspace.open(dir);
  const site = ws.sites.upsert({ name: '基准门户', url: `http://${HOST}/` });
  const runId = 'bench-render';
  ws.runs.create(
    {
      id: runId,
      startedAt: new Date().toISOString(),
      asOf: '2026-11-20',
      rulePack: 'inspection-2019',
      rulePackVersion: '-',
      status: 'running',
      options: {},
      vantage: { offline: true, mapHost: { [HOST]: map }, proxy: null, caFile: null, browser: null },
      recheckOf: null,
    },
    [site.id],
  );
  const found = await discoverBrowser({ resourcesDir: resourcesDir() });
  const browser = await launchBrowser(found, { mapHost: { [HOST]: map }, offline: true, proxy: null });
  const sampler = quarterSampler(pages);
  const pageMs: number[] = [];
  let last = performance.now();
  try {
    const concurrency = Number(args.concurrency);
    await crawlSite({
      ws,
      browser,
      runId,
      site,
      subsiteHosts: [],
      limits: { ...DEFAULT_LIMITS, maxPages: pages, maxDepth: 10_000, concurrency, perHost: concurrency },
      render: { ...DEFAULT_RENDER, crawlScreenshots: screenshots },
      userAgent: USER_AGENT,
      sink: { put: (data, ext, kind) => ws.putEvidence(runId, data, ext, kind) },
      control: new RunControl(),
      onProgress: (p) => {
        if (p.currentUrl === null || p.pagesDone === pageMs.length) return;
        const now = performance.now();
        // Completions per page: with N in flight, the time between completions, times N, is a page's cost.
        pageMs.push((now - last) * concurrency);
        last = now;
        sampler.tick(p.pagesDone);
      },
    });
    const stored = ws.pages.list(runId, site.id);
    return {
      pages: stored.length,
      pageMs,
      screenshots: stored.filter((p) => p.screenshot).length,
      rssByQuarter: sampler.samples,
      evidenceMb: folderMb(path.join(dir, 'evidence')),
    };
  } finally {
    await browser.close();
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The obvious script: one browser, one page, goto (load) then a full-page PNG screenshot, sequentially. */
async function obvious(map: string): Promise<SideResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-render-obvious-'));
  // The browser ours finds and the flags ours launches it with: the sides differ in their page loop only.
  const found = await discoverBrowser({ resourcesDir: resourcesDir() });
  const browser = await launchBrowser(found, { mapHost: { [HOST]: map }, offline: true, proxy: null });
  const urls = [
    `http://${HOST}/`,
    ...Array.from({ length: pages - 1 }, (_, i) => `http://${HOST}/p/${i}.html`),
  ];
  const sampler = quarterSampler(urls.length);
  const pageMs: number[] = [];
  try {
    const page = await browser.newPage();
    for (const [i, url] of urls.entries()) {
      const started = performance.now();
      await page.goto(url);
      await page.screenshot({ path: path.join(dir, `${i}.png`), fullPage: true });
      pageMs.push(performance.now() - started);
      sampler.tick(i + 1);
    }
    return {
      pages: urls.length,
      pageMs,
      screenshots: urls.length,
      rssByQuarter: sampler.samples,
      evidenceMb: folderMb(dir),
    };
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const server = await servePortals({ hosts: [HOST], pages, linksPerPage: 10, brokenEvery: 0 });
  const map = server.mapHost[HOST]!;
  try {
    console.log(
      `render: ${pages} pages of a generated portal, ours with ${args.concurrency} pages in flight, screenshots: ${screenshots}`,
    );
    // Both sides run as plain JavaScript, as the engine ships (measure.ts, bundleScript).
    const bundle = await bundleScript('render.ts');
    const sides: Record<string, { rate: number; medianMs: number; peakMb: number }> = {};
    for (const side of ['ours', 'obvious'] as const) {
      const m = await measureBundle(bundle, [
        '--child',
        side,
        '--map',
        map,
        '--pages',
        String(pages),
        '--concurrency',
        String(args.concurrency),
        '--screenshots',
        screenshots,
      ]);
      if (m.code !== 0) throw new Error(`render ${side} failed: ${m.stderr}`);
      const r = JSON.parse(m.stdout) as SideResult & { ms: number };
      const rate = r.pages / (r.ms / 1000);
      sides[side] = { rate, medianMs: median(r.pageMs), peakMb: m.peakRssMb };
      console.log(
        `  ${side.padEnd(8)} ${describe(m)}  ${r.pages} pages in ${(r.ms / 1000).toFixed(1)} s = ${rate.toFixed(2)} pages/s  ` +
          `median ${median(r.pageMs).toFixed(0)} ms/page  cpu ${(m.cpuMs / r.pages).toFixed(0)} ms/page  ${r.screenshots} screenshots  rss by quarter ${r.rssByQuarter.map((x) => x.toFixed(0)).join('/')} MB  ` +
          `evidence ${r.evidenceMb.toFixed(1)} MB`,
      );
    }
    console.log(`targets: ≥ 2× the obvious script in pages/s; process tree < 1.5 GB with 4 in flight, flat`);
    console.log(`ratio render: ${(sides.ours!.rate / sides.obvious!.rate).toFixed(2)}`);
  } finally {
    server.close();
  }
}

async function child(side: string, map: string): Promise<void> {
  const started = performance.now();
  const result = side === 'ours' ? await ours(map) : await obvious(map);
  process.stdout.write(JSON.stringify({ ...result, ms: performance.now() - started }));
}

if (args.child) await child(args.child, String(args.map));
else await main();
