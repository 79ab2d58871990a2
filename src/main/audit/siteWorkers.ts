// Sites are independent: a run audits them in parallel worker processes, one lane per worker, each with its
// own browser (a site's crawl keeps one browser process busy, and the checks keep one Node thread busy).
// The audit's process hands out sites, mirrors pause/resume/cancel, and relays progress and log lines.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { hostOf } from '../crawl/urlNormalize.js';
import type { Workspace } from '../store/workspace.js';
import { siteProgress } from './auditSite.js';
import type { AuditDeps } from './options.js';
import { SiteQueue } from './siteQueue.js';
import type { FromSiteWorker, ToSiteWorker } from './siteWorkerProtocol.js';

/** How to start a site worker: a script and the Node flags it needs. */
export interface SiteWorkerEntry {
  file: string;
  execArgv: string[];
  cwd?: string;
}

let configuredEntry: SiteWorkerEntry | null = null;

/** Bundled builds (the CLI's, the desktop app's) name the worker file they ship beside their entry. */
export function useSiteWorkerEntry(file: string): void {
  configuredEntry = { file, execArgv: [] };
}

/**
 * The worker's entry: what a bundle configured, or, when this module runs from source (tsx, the tests), the
 * TypeScript file beside it run through tsx. Null when neither: the run then audits its sites in-process.
 */
export function siteWorkerEntry(): SiteWorkerEntry | null {
  if (configuredEntry) return configuredEntry;
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return null;
  return {
    file: path.join(path.dirname(here), 'siteWorker.ts'),
    execArgv: ['--import', 'tsx'],
    cwd: path.resolve(path.dirname(here), '..', '..', '..'),
  };
}

/**
 * Site lanes for a run: the option when set, else one per core; never more than the sites, nor than the
 * pages the run may have in flight overall (`--concurrency`, design.md), which the lanes share.
 */
export function siteLanes(option: number | null | undefined, sites: number, concurrency: number): number {
  const wanted = option ?? os.availableParallelism();
  return Math.max(1, Math.min(wanted, sites, concurrency));
}

/** The host a site's audit loads its pages from (a ledger URL that does not parse is a host of its own). */
function siteHost(ws: Workspace, siteId: number): string {
  return hostOf(ws.sites.get(siteId)?.url ?? '') ?? `site ${siteId}`;
}

/** Each lane's share of the pages in flight overall. */
export function laneConcurrency(concurrency: number, lanes: number): number {
  return Math.max(1, Math.floor(concurrency / lanes));
}

interface PoolArgs extends AuditDeps {
  ws: Workspace;
  runId: string;
  siteIds: number[];
  lanes: number;
  /** Pages in flight in each lane's crawl. */
  concurrency: number;
  entry: SiteWorkerEntry;
  /** The first site's first probe, taken by the audit's process while the workers start: its site waits for it. */
  firstProbe: Promise<void>;
}

/** One worker process, started and initialised; `audit` resolves when it reports the site done. */
class SiteWorker {
  private readonly child: ChildProcess;
  private readonly exited: Promise<string>;
  private waiting: { siteId: number; done: () => void } | null = null;
  private stderrTail = '';

  private constructor(
    args: PoolArgs,
    private readonly ready: Promise<void>,
    child: ChildProcess,
  ) {
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
    );
    child.stderr?.on('data', (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk).slice(-2000)));
    child.on('message', (m: FromSiteWorker) => {
      if (m.type === 'progress') args.onProgress(m.progress);
      else if (m.type === 'log') args.log(m.line);
      else if (m.type === 'site-done' && this.waiting?.siteId === m.siteId) this.waiting.done();
    });
  }

  static async start(args: PoolArgs): Promise<SiteWorker> {
    const child = fork(args.entry.file, [], {
      execArgv: args.entry.execArgv,
      cwd: args.entry.cwd,
      // In the desktop app the worker runs on Electron's own Node (its better-sqlite3 build matches it).
      env: process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (m: FromSiteWorker) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'init-failed') reject(new Error(`site worker could not start: ${m.message}`));
      });
      child.on('exit', () => reject(new Error('site worker exited before it was ready')));
      child.on('error', (error) => reject(new Error(`site worker could not start: ${error.message}`)));
    });
    const worker = new SiteWorker(args, ready, child);
    worker.send({
      type: 'init',
      dir: args.ws.dir,
      runId: args.runId,
      resourcesDir: args.resourcesDir,
      concurrency: args.concurrency,
    });
    await ready;
    return worker;
  }

  send(message: ToSiteWorker): void {
    if (this.child.connected) this.child.send(message);
  }

  /** Audits one site; rejects with the exit when the worker dies before reporting it done. */
  async audit(siteId: number): Promise<void> {
    await this.ready;
    const done = new Promise<void>((resolve) => (this.waiting = { siteId, done: resolve }));
    this.send({ type: 'site', siteId });
    const outcome = await Promise.race([done.then(() => null), this.exited]);
    this.waiting = null;
    if (outcome !== null) {
      const detail = this.stderrTail.trim().split('\n').slice(-3).join(' | ');
      throw new Error(`site worker exited (${outcome})${detail ? `: ${detail}` : ''}`);
    }
  }

  async stop(): Promise<void> {
    this.send({ type: 'stop' });
    await this.exited;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }
}

/**
 * Audits `siteIds` in `lanes` worker processes, each taking the next site when it finishes one. A worker that
 * dies mid-site leaves that site failed (its stored pages kept, so --resume can redo it) and is replaced for
 * the next site. A worker that cannot start (no browser, a damaged workspace) fails the run, as it would fail
 * a single-process run.
 */
export async function auditSitesInWorkers(args: PoolArgs): Promise<void> {
  const queue = new SiteQueue(args.siteIds.map((siteId) => ({ siteId, host: siteHost(args.ws, siteId) })));
  const workers = new Set<SiteWorker>();
  const mirror = () => {
    const message: ToSiteWorker = args.control.cancelled
      ? { type: 'cancel' }
      : { type: args.control.paused ? 'pause' : 'resume' };
    for (const worker of workers) worker.send(message);
  };
  const unsubscribe = args.control.onChange(mirror);
  const lane = async () => {
    let worker: SiteWorker | null = null;
    try {
      for (;;) {
        const taken = await queue.take(() => args.control.cancelled);
        if (!taken) break;
        const { siteId } = taken;
        try {
          if (!worker) {
            worker = await SiteWorker.start(args);
            workers.add(worker);
            mirror();
            args.log(`site worker ${worker.pid} started`);
          }
          // Otherwise the worker could count the site's probes before that one is stored and take one more.
          if (siteId === args.siteIds[0]) await args.firstProbe;
          try {
            await worker.audit(siteId);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            args.log(`site ${siteId}: ${message}`);
            args.ws.runs.setSiteStatus(args.runId, siteId, 'failed', message);
            const site = args.ws.sites.get(siteId) ?? { id: siteId, name: String(siteId) };
            args.onProgress(siteProgress(args.runId, site, { phase: 'failed', message }));
            workers.delete(worker);
            worker = null;
          }
        } finally {
          taken.release();
        }
      }
    } finally {
      if (worker) {
        workers.delete(worker);
        await worker.stop();
      }
    }
  };
  try {
    const results = await Promise.allSettled(Array.from({ length: args.lanes }, lane));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    unsubscribe();
  }
}
