// Measuring a benchmark side as the issue asks: wall time, CPU (user+sys of the whole reaped process tree,
// browser children included) and peak memory of the process tree, sampled from /proc (see SAMPLER_SHARE).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * The share of one core the memory sampler may take. Reading smaps_rollup walks a process's page tables: for
 * Chromium's tree one sample costs about 40 ms of CPU here. Sampling every 50 ms took 80 % of a core from the
 * 2 the measured side competes for. At a tenth of a core, the render's sides still ran 11 % (the obvious
 * script) and 25 % (ours, which keeps both cores busy) slower than at a fiftieth: the walk also holds up the
 * sampled processes' own memory work, so a sample costs them more than its own CPU. The sampler waits (its
 * cost ÷ this share) between samples, at least 50 ms: about a second and a half for Chromium's tree, every
 * 50 ms for one Node or Python process, enough for the steady peaks measured here.
 */
const SAMPLER_SHARE = 0.02;
const MIN_SAMPLE_INTERVAL_MS = 50;

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim()) || 100;

/** The pid and every descendant of it, from /proc. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/**
 * Memory of a process and its descendants, in bytes: the sum of proportional set sizes (PSS), so pages
 * Chromium's processes share are counted once, not once per renderer as a sum of RSS would.
 */
export function treeRssBytes(root: number): number {
  let total = 0;
  for (const pid of descendants(root)) {
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += pss ? Number(pss[1]) * 1024 : 0;
    } catch {
      // gone
    }
  }
  return total;
}

/**
 * Runs `command` under sh, its output to files. After the command exits the shell prints its own
 * /proc stat, whose cutime/cstime are the CPU of every reaped descendant (Chromium's children included).
 */
export async function measure(command: string): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const out = join(dir, 'stdout');
  const started = performance.now();
  const shell = spawn(
    'sh',
    ['-c', `${command} >${out} 2>${join(dir, 'stderr')}; code=$?; cat /proc/$$/stat; echo; echo $code`],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let tail = '';
  shell.stdout.on('data', (chunk: Buffer) => (tail += chunk.toString()));
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  const sample = () => {
    const cost = performance.now();
    peak = Math.max(peak, treeRssBytes(shell.pid as number));
    const wait = Math.max(MIN_SAMPLE_INTERVAL_MS, (performance.now() - cost) / SAMPLER_SHARE);
    timer = setTimeout(sample, wait);
  };
  timer = setTimeout(sample, MIN_SAMPLE_INTERVAL_MS);
  await new Promise((resolve) => shell.on('exit', resolve));
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  const [statLine = '', codeLine = '1'] = tail.trim().split('\n');
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  // Fields after the command name: state is index 0, so cutime/cstime (stat 16/17) are at 13/14.
  const cpuMs = ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  return {
    wallMs,
    cpuMs,
    peakRssMb: peak / 1024 / 1024,
    stdout: readFileSync(out, 'utf8'),
    stderr: readFileSync(join(dir, 'stderr'), 'utf8'),
    code: Number(codeLine),
  };
}

/** `node --import tsx bench/<script> args…` as a measured child (run from the repository root). */
export function measureScript(script: string, args: string[]): Promise<Measured> {
  return measureNode(['--import', 'tsx', `bench/${script}`, ...args]);
}

/** `node <bundle> args…` as a measured child: a script bundled by `bundleScript`. */
export function measureBundle(bundle: string, args: string[]): Promise<Measured> {
  return measureNode([bundle, ...args]);
}

function measureNode(args: string[]): Promise<Measured> {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return measure(`${process.execPath} ${quoted}`);
}

/**
 * Bundles bench/<script> to plain JavaScript in bench/out/, packages external, as electron-vite and the
 * CLI build ship the engine. A side run from the bundle pays neither tsx's transpiling at start (about 0.5 s
 * of CPU and an esbuild helper process) nor the source-mapped stack traces tsx turns on, which Playwright
 * builds for every API call it makes (a tenth of the render's Node CPU); the product pays neither.
 */
export async function bundleScript(script: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(BENCH_DIR, 'out', script.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(BENCH_DIR, script)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function describe(m: Measured): string {
  return `wall ${(m.wallMs / 1000).toFixed(2)} s  cpu ${(m.cpuMs / 1000).toFixed(2)} s  peak rss ${m.peakRssMb.toFixed(0)} MB`;
}
