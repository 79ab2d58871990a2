// Link-check benchmark: our HTTP-only crawl + link check vs linkinator 7.6 and Debian's LinkChecker, at the
// same concurrency, over a generated portal served on 127.0.0.1 with 0 ms and 20 ms added latency.
// Each tool runs as a child process: wall time, CPU (user+sys, from the reaped child's times), peak RSS
// of the process tree (sampled from /proc), and the broken set compared with the portal's manifest.
//   npx tsx bench/links.ts [--quick] [--pages N] [--concurrency N] [--latency 0,20] [--retries 0]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crawlHttp } from '../src/main/crawl/httpCrawl.js';
import { isBroken } from '../src/main/checks/links.js';
import { linkKey, makeScope } from '../src/main/crawl/urlNormalize.js';
import { createHttpClient } from '../src/main/net/httpClient.js';
import { defaultNetworkOptions } from '../src/main/net/options.js';
import { measure, type Measured } from './measure.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    pages: { type: 'string' },
    concurrency: { type: 'string', default: '16' },
    latency: { type: 'string', default: '0,20' },
    // linkinator and LinkChecker do not retry 5xx or refused connections by default: neither do we here.
    retries: { type: 'string', default: '0' },
    child: { type: 'string' },
    url: { type: 'string' },
  },
});
const concurrency = Number(args.concurrency);

// ---------- the generated portal ----------

interface Portal {
  files: Map<string, { type: string; body: Buffer }>;
  /** Broken links as written (root-relative, or absolute to a closed port): 404, 500, refused. */
  broken: Set<string>;
  links: number;
}

function generatePortal(pages: number, closedOrigin: string): Portal {
  let seed = 20240601;
  const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = (n: number): number => Math.floor(random() * n);
  const files = new Map<string, { type: string; body: Buffer }>();
  const broken = new Set<string>();
  let links = 0;
  let brokenId = 0;
  const brokenLink = (): string => {
    const id = brokenId++;
    const kinds = [
      `/missing/${id}.html`,
      `/img/missing-${id}.png`,
      `/files/missing-${id}.pdf`,
      `/err/${id}.html`,
      `${closedOrigin}/gone-${id}.html`,
    ];
    const url = kinds[id % kinds.length];
    broken.add(url);
    return url;
  };
  const images = 200;
  const attachments = 300;
  for (let i = 0; i < images; i++)
    files.set(`/img/${i}.png`, { type: 'image/png', body: Buffer.alloc(1024, i) });
  for (let i = 0; i < attachments; i++) {
    files.set(`/files/${i}.pdf`, {
      type: 'application/pdf',
      body: Buffer.from(`%PDF-1.4 ${'x'.repeat(4000)}`),
    });
  }
  for (let i = 0; i < pages; i++) {
    // Children 2i+1 and 2i+2 make every page reachable; the rest are random cross links.
    const targets = [2 * i + 1, 2 * i + 2].filter((c) => c < pages).map((c) => `/p/${c}.html`);
    while (targets.length < 7) targets.push(`/p/${pick(pages)}.html`);
    targets.push(`/img/${pick(images)}.png`, `/img/${pick(images)}.png`, `/files/${pick(attachments)}.pdf`);
    const anchors = targets.map((t) => {
      links++;
      const href = random() < 0.02 ? brokenLink() : t;
      return /\.png$/.test(href)
        ? `<img src="${href}" alt="图片">`
        : `<li><a href="${href}">政务公开栏目 ${i}</a></li>`;
    });
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>县人民政府 第${i}页</title></head><body>
<div class="header">县人民政府门户网站</div><ul>${anchors.join('\n')}</ul>
<p>${'关于做好政府网站检查工作的通知。'.repeat(40)}</p><div class="footer">网站标识码 3609000002</div></body></html>`;
    files.set(`/p/${i}.html`, { type: 'text/html; charset=utf-8', body: Buffer.from(html) });
  }
  return { files, broken, links };
}

function servePortal(portal: Portal, latencyMs: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    setTimeout(() => {
      const file = portal.files.get(path === '/' ? '/p/0.html' : path);
      // LinkChecker limits itself to 10 requests/s per host unless the server sends this header.
      const headers = { LinkChecker: 'allow' };
      if (path.startsWith('/err/')) return void res.writeHead(500, headers).end('error');
      if (!file)
        return void res.writeHead(404, { ...headers, 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
      res.writeHead(200, { ...headers, 'content-type': file.type, 'content-length': file.body.length });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    }, latencyMs);
  });
  server.keepAliveTimeout = 10_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------- the three tools ----------

async function runOursChild(url: string): Promise<void> {
  const client = createHttpClient(defaultNetworkOptions(), { perHost: concurrency });
  const result = await crawlHttp([url], {
    client,
    scope: makeScope(url),
    maxPages: 1_000_000,
    maxDepth: 1000,
    concurrency,
    perHost: concurrency,
    pageConcurrency: concurrency,
    retries: Number(args.retries),
  });
  await client.close();
  const broken = result.links.filter(isBroken).map((l) => l.url);
  process.stdout.write(JSON.stringify({ pages: result.pages.length, checked: result.links.length, broken }));
}

interface ToolRun {
  name: string;
  measured: Measured;
  broken: Set<string>;
  checked: number;
}

async function ours(url: string): Promise<ToolRun> {
  const measured = await measure(
    `node --import tsx bench/links.ts --child ours --url ${url} --concurrency ${concurrency} --retries ${args.retries}`,
  );
  const parsed = JSON.parse(measured.stdout) as { checked: number; broken: string[] };
  return { name: 'ours', measured, broken: new Set(parsed.broken), checked: parsed.checked };
}

async function linkinator(url: string): Promise<ToolRun> {
  const cli = 'node node_modules/linkinator/build/src/cli.js';
  const measured = await measure(
    `${cli} ${url} --recurse --concurrency ${concurrency} --timeout 15000 --format json`,
  );
  const parsed = JSON.parse(measured.stdout) as { links: { url: string; state: string }[] };
  const broken = new Set(
    parsed.links.filter((l) => l.state === 'BROKEN').map((l) => linkKey(l.url) ?? l.url),
  );
  return { name: 'linkinator', measured, broken, checked: new Set(parsed.links.map((l) => l.url)).size };
}

function linkcheckerInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v linkchecker']).status === 0;
}

async function linkchecker(url: string): Promise<ToolRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-linkchecker-'));
  const config = join(dir, 'linkcheckerrc');
  writeFileSync(config, `[checking]\nthreads=${concurrency}\nmaxrequestspersecond=100000\ntimeout=15\n`, {
    mode: 0o644,
  });
  const measured = await measure(
    `linkchecker -f ${config} --check-extern --no-status --no-warnings -o csv ${url}`,
  );
  const lines = measured.stdout.split('\n').filter((l) => l && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split(';');
  const [urlCol, validCol] = [header.indexOf('url'), header.indexOf('valid')];
  const rows = lines.map((l) => l.split(';'));
  const broken = new Set(
    rows.filter((r) => r[validCol] === 'False').map((r) => linkKey(r[urlCol]) ?? r[urlCol]),
  );
  return { name: 'linkchecker', measured, broken, checked: new Set(rows.map((r) => r[urlCol])).size };
}

// ---------- main ----------

function compareSets(name: string, got: Set<string>, expected: Set<string>): string {
  const missing = [...expected].filter((u) => !got.has(u));
  const extra = [...got].filter((u) => !expected.has(u));
  const verdict = missing.length === 0 && extra.length === 0 ? 'agrees' : 'DIFFERS';
  const detail = [...missing.slice(0, 3).map((u) => `-${u}`), ...extra.slice(0, 3).map((u) => `+${u}`)].join(
    ' ',
  );
  return `${name} ${verdict} with manifest (${got.size} broken; missing ${missing.length}, extra ${extra.length}) ${detail}`;
}

async function main(): Promise<void> {
  const pages = Number(args.pages ?? (args.quick ? 500 : 2000));
  const latencies = String(args.latency).split(',').map(Number);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const withLinkchecker = linkcheckerInstalled();
  console.log(
    `portal: ${pages} pages, concurrency ${concurrency}, linkchecker ${withLinkchecker ? 'installed' : 'absent'}`,
  );
  const ratios: Record<string, number[]> = { linkinator: [], linkchecker: [] };
  for (const latency of latencies) {
    const portal = generatePortal(pages, `http://127.0.0.1:${closedPort}`);
    const live = await servePortal(portal, latency);
    const origin = `http://127.0.0.1:${(live.address() as AddressInfo).port}`;
    const expected = new Set([...portal.broken].map((u) => new URL(u, origin).href));
    // linkinator only recurses below its start URL: start every tool at the root.
    const start = `${origin}/`;
    console.log(
      `\nlatency ${latency} ms: ${portal.links} link occurrences, ${expected.size} broken URLs in the manifest`,
    );
    const runs = [await ours(start), await linkinator(start)];
    if (withLinkchecker) runs.push(await linkchecker(start));
    for (const run of runs) {
      const m = run.measured;
      console.log(
        `  ${run.name.padEnd(11)} wall ${(m.wallMs / 1000).toFixed(2)} s  cpu ${(m.cpuMs / 1000).toFixed(2)} s  ` +
          `peak rss ${m.peakRssMb.toFixed(0)} MB  urls ${run.checked}`,
      );
      console.log(`    ${compareSets(run.name, run.broken, expected)}`);
    }
    const us = runs[0].measured.wallMs;
    for (const run of runs.slice(1)) ratios[run.name].push(run.measured.wallMs / us);
    live.closeAllConnections();
    await new Promise((resolve) => live.close(resolve));
  }
  // Geometric mean of the wall-time ratios over the latencies: > 1 means we are faster.
  const geo = (xs: number[]): number => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
  console.log('');
  console.log(`ratio links-linkinator: ${geo(ratios.linkinator).toFixed(2)}`);
  console.log(
    `ratio links-linkchecker: ${withLinkchecker ? geo(ratios.linkchecker).toFixed(2) : 'n/a (not installed)'}`,
  );
}

if (args.child === 'ours') await runOursChild(String(args.url));
else await main();
