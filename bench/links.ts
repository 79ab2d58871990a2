// Link-check benchmark: our HTTP-only crawl + link check vs linkinator 7.6 and Debian's LinkChecker, at the
// same concurrency, over a generated portal served on 127.0.0.1 with 0 ms and 20 ms added latency.
// Each tool runs as a measured child process (wall, CPU of the reaped tree, peak PSS of the tree sampled from
// /proc), `--runs` times in turn; the figures are medians. The portal is served by a process of its own: the
// /proc sampler blocks its process for tens of milliseconds per sample on a busy machine, which must not
// stall the server. The portal process counts what each tool asked of it (requests, HEADs, requests in
// flight at once, connections), so "same concurrency" is checked, not assumed. Ours runs the engine bundled
// to plain JavaScript, as the desktop build ships it, not transpiled by tsx at start.
//   npx tsx bench/links.ts [--quick] [--pages N] [--concurrency N] [--latency 0,20] [--retries 0] [--runs 3]
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crawlHttp } from '../src/main/crawl/httpCrawl.js';
import { isBroken } from '../src/main/checks/links.js';
import { linkKey, makeScope } from '../src/main/crawl/urlNormalize.js';
import { createHttpClient } from '../src/main/net/httpClient.js';
import { defaultNetworkOptions } from '../src/main/net/options.js';
import { bundleScript, measure, median, type Measured } from './measure.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    pages: { type: 'string' },
    concurrency: { type: 'string', default: '16' },
    latency: { type: 'string', default: '0,20' },
    // linkinator and LinkChecker do not retry 5xx or refused connections by default: neither do we here.
    retries: { type: 'string', default: '0' },
    runs: { type: 'string', default: '3' },
    // Requests the portal answers at once, the rest waiting their turn as at a server with a worker pool;
    // 0: no limit. `--server-slots 16` enforces --concurrency on a tool that does not keep to it (linkinator).
    'server-slots': { type: 'string', default: '0' },
    child: { type: 'string' },
    url: { type: 'string' },
    'closed-origin': { type: 'string' },
  },
});
const concurrency = Number(args.concurrency);
const pageCount = Number(args.pages ?? (args.quick ? 500 : 2000));

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

/** What one tool asked of the portal. */
interface ServerStats {
  requests: number;
  heads: number;
  /** Most requests being answered at once: the concurrency the tool really used. */
  peakInFlight: number;
  connections: number;
}

function servePortal(portal: Portal, latencyMs: number, stats: ServerStats, slots: number): Promise<Server> {
  let inFlight = 0;
  let answering = 0;
  const waiting: (() => void)[] = [];
  const server = createServer((req, res) => {
    stats.requests++;
    if (req.method === 'HEAD') stats.heads++;
    stats.peakInFlight = Math.max(stats.peakInFlight, ++inFlight);
    res.on('close', () => {
      inFlight--;
      if (started) answering--;
      // A request given up while waiting (a client timeout) never gets a slot.
      else waiting.splice(waiting.indexOf(answer) >>> 0, 1);
      if (waiting.length > 0 && (slots === 0 || answering < slots)) waiting.shift()!();
    });
    // Whether this request got a slot (and counts as being answered) or is still waiting for one.
    let started = false;
    const path = (req.url ?? '/').split('?')[0];
    const reply = () => {
      const file = portal.files.get(path === '/' ? '/p/0.html' : path);
      // LinkChecker limits itself to 10 requests/s per host unless the server sends this header.
      const headers = { LinkChecker: 'allow' };
      if (path.startsWith('/err/')) return void res.writeHead(500, headers).end('error');
      if (!file)
        return void res.writeHead(404, { ...headers, 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
      res.writeHead(200, { ...headers, 'content-type': file.type, 'content-length': file.body.length });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    };
    const answer = () => {
      started = true;
      answering++;
      setTimeout(reply, latencyMs);
    };
    if (slots === 0 || answering < slots) answer();
    else waiting.push(answer);
  });
  server.on('connection', () => stats.connections++);
  server.keepAliveTimeout = 10_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The portal process: serves until its parent disconnects; answers 'stats' with the counts since the last. */
async function runPortalChild(latencyMs: number, closedOrigin: string): Promise<void> {
  const fresh = (): ServerStats => ({ requests: 0, heads: 0, peakInFlight: 0, connections: 0 });
  const stats = fresh();
  const portal = generatePortal(pageCount, closedOrigin);
  const server = await servePortal(portal, latencyMs, stats, Number(args['server-slots']));
  // The counters live in the request handler's closure: swap their contents, not the object.
  process.on('message', () => {
    process.send?.(stats);
    Object.assign(stats, fresh());
  });
  process.on('disconnect', () => {
    server.closeAllConnections();
    server.close();
  });
  process.send?.({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

interface PortalProcess {
  origin: string;
  /** The counts since the previous call. */
  takeStats(): Promise<ServerStats>;
  stop(): void;
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`portal process exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

async function startPortal(latencyMs: number, closedOrigin: string): Promise<PortalProcess> {
  const child = fork(
    fileURLToPath(import.meta.url),
    [
      '--child',
      'portal',
      '--pages',
      `${pageCount}`,
      '--latency',
      `${latencyMs}`,
      '--closed-origin',
      closedOrigin,
      '--server-slots',
      String(args['server-slots']),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const { origin } = await nextMessage<{ origin: string }>(child);
  return {
    origin,
    takeStats: () => {
      const reply = nextMessage<ServerStats>(child);
      child.send('stats');
      return reply;
    },
    stop: () => child.disconnect(),
  };
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
  measured: Measured;
  broken: Set<string>;
  checked: number;
}

type Tool = (url: string) => Promise<ToolRun>;

function ours(bundle: string): Tool {
  return async (url) => {
    const measured = await measure(
      `node ${bundle} --child ours --url ${url} --concurrency ${concurrency} --retries ${args.retries}`,
    );
    const parsed = JSON.parse(measured.stdout) as { checked: number; broken: string[] };
    return { measured, broken: new Set(parsed.broken), checked: parsed.checked };
  };
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
  return { measured, broken, checked: new Set(parsed.links.map((l) => l.url)).size };
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
  return { measured, broken, checked: new Set(rows.map((r) => r[urlCol])).size };
}

// ---------- main ----------

interface Sample extends ToolRun {
  server: ServerStats;
}

/** A tool's runs at one latency, summarised by medians. */
interface Summary {
  wallMs: number;
  cpuMs: number;
  peakMb: number;
}

function summarise(samples: readonly Sample[]): Summary {
  return {
    wallMs: median(samples.map((s) => s.measured.wallMs)),
    cpuMs: median(samples.map((s) => s.measured.cpuMs)),
    peakMb: median(samples.map((s) => s.measured.peakRssMb)),
  };
}

function compareSets(got: Set<string>, expected: Set<string>): string | null {
  const missing = [...expected].filter((u) => !got.has(u));
  const extra = [...got].filter((u) => !expected.has(u));
  if (missing.length === 0 && extra.length === 0) return null;
  const detail = [...missing.slice(0, 3).map((u) => `-${u}`), ...extra.slice(0, 3).map((u) => `+${u}`)];
  return `${got.size} broken; missing ${missing.length}, extra ${extra.length} ${detail.join(' ')}`;
}

function describeSamples(name: string, samples: readonly Sample[], expected: Set<string>): string[] {
  const s = summarise(samples);
  const server = samples[0]!.server;
  const lines = [
    `  ${name.padEnd(11)} wall ${(s.wallMs / 1000).toFixed(2)} s  cpu ${(s.cpuMs / 1000).toFixed(2)} s  ` +
      `peak ${s.peakMb.toFixed(0)} MB  urls ${samples[0]!.checked}  ` +
      `(walls ${samples.map((x) => (x.measured.wallMs / 1000).toFixed(2)).join(', ')})`,
    `    first run: served ${server.requests} requests (${server.heads} HEAD), at most ${server.peakInFlight} at once, ` +
      `${server.connections} connections`,
  ];
  const differences = samples.map((x) => compareSets(x.broken, expected));
  const agreeing = differences.filter((d) => d === null).length;
  const first = differences.find((d) => d !== null);
  lines.push(
    `    ${name} ${first ? 'DIFFERS' : 'agrees'} with manifest in ${agreeing}/${samples.length} runs` +
      (first ? `: ${first}` : ` (${samples[0]!.broken.size} broken)`),
  );
  return lines;
}

/** Ratio names: the 0 ms figure keeps the historical name, other latencies get a suffix. */
function ratioName(peer: string, latencyMs: number, aspect = ''): string {
  return `links-${peer}${latencyMs === 0 ? '' : `-${latencyMs}ms`}${aspect}`;
}

async function main(): Promise<void> {
  const latencies = String(args.latency).split(',').map(Number);
  const runs = Number(args.runs);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  const tools: [string, Tool][] = [
    ['ours', ours(await bundleScript('links.ts'))],
    ['linkinator', linkinator],
  ];
  if (linkcheckerInstalled()) tools.push(['linkchecker', linkchecker]);
  console.log(
    `portal: ${pageCount} pages, concurrency ${concurrency}, ${runs} runs per tool and latency (medians), ` +
      `linkchecker ${tools.length === 3 ? 'installed' : 'absent'}`,
  );
  const ratios: string[] = [];
  for (const latency of latencies) {
    const portal = generatePortal(pageCount, closedOrigin);
    const server = await startPortal(latency, closedOrigin);
    const expected = new Set([...portal.broken].map((u) => new URL(u, server.origin).href));
    // linkinator only recurses below its start URL: start every tool at the root.
    const start = `${server.origin}/`;
    console.log(
      `\nlatency ${latency} ms: ${portal.links} link occurrences, ${expected.size} broken URLs in the manifest`,
    );
    const samples = new Map<string, Sample[]>(tools.map(([name]) => [name, []]));
    // Runs take turns, so a change in the machine's load falls on every tool alike.
    for (let run = 0; run < runs; run++) {
      for (const [name, tool] of tools) {
        await server.takeStats();
        const result = await tool(start);
        samples.get(name)!.push({ ...result, server: await server.takeStats() });
      }
    }
    server.stop();
    for (const [name] of tools) console.log(describeSamples(name, samples.get(name)!, expected).join('\n'));
    const us = summarise(samples.get('ours')!);
    for (const [name] of tools.slice(1)) {
      const peer = summarise(samples.get(name)!);
      ratios.push(`ratio ${ratioName(name, latency)}: ${(peer.wallMs / us.wallMs).toFixed(2)}`);
      ratios.push(`ratio ${ratioName(name, latency, '-memory')}: ${(peer.peakMb / us.peakMb).toFixed(2)}`);
    }
  }
  // Wall-time and peak-memory ratios of the medians, per latency: > 1 means we are faster or smaller.
  console.log(`\n${ratios.join('\n')}`);
  if (tools.length < 3) console.log('ratio links-linkchecker: n/a (not installed)');
}

if (args.child === 'ours') await runOursChild(String(args.url));
else if (args.child === 'portal') await runPortalChild(Number(args.latency), String(args['closed-origin']));
else await main();
