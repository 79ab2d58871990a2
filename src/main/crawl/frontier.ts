// The crawl frontier: a FIFO of URLs to visit (breadth first), the visited set marked at enqueue, scope,
// trap bounds, page and depth caps, a time budget, per-host pacing and overall concurrency, and
// pause/resume/cancel. Generic over the item's metadata: the lead plugs in the browser page worker.
import { HostPacer } from './hostPacer.js';
import {
  calendarShape,
  DEFAULT_TRAP_BOUNDS,
  normalizeUrl,
  trapReason,
  type TrapBounds,
} from './urlNormalize.js';

export interface FrontierItem<T> {
  /** Normalised URL (the visited-set key). */
  url: string;
  depth: number;
  meta: T;
}

export interface FrontierOptions {
  maxPages: number;
  maxDepth: number;
  /** Pages in flight overall (`--concurrency`). */
  concurrency: number;
  /** Pages in flight per host (`--per-host`). */
  perHost: number;
  minIntervalMs: number;
  scope: (url: string) => boolean;
  /** Stop dispatching after this long (per-site budget); the rest stays pending for a resume. */
  timeBudgetMs?: number;
  trapBounds?: TrapBounds;
  maxPerCalendarShape?: number;
  /** URLs already visited by an earlier, interrupted run (`--resume`). */
  visited?: Iterable<string>;
  now?: () => Date;
}

export type PushOutcome =
  'queued' | 'duplicate' | 'invalid' | 'out-of-scope' | 'trap' | 'too-deep' | 'page-cap';

export type FrontierState = 'idle' | 'running' | 'paused' | 'cancelled' | 'done';

export interface FrontierSummary {
  /** Why the run stopped: everything visited, cancelled, or out of time. */
  end: 'done' | 'cancelled' | 'time-budget';
  done: number;
  failed: number;
  pending: number;
  rejected: Record<Exclude<PushOutcome, 'queued'>, number>;
}

export type FrontierWorker<T> = (item: FrontierItem<T>, signal: AbortSignal) => Promise<void>;

const DEFAULT_MAX_PER_CALENDAR_SHAPE = 50;

export class Frontier<T> {
  private readonly queue: FrontierItem<T>[] = [];
  private readonly visited: Set<string>;
  private readonly shapeCounts = new Map<string, number>();
  private readonly pacer: HostPacer;
  private readonly abort = new AbortController();
  private readonly rejected: FrontierSummary['rejected'] = {
    duplicate: 0,
    invalid: 0,
    'out-of-scope': 0,
    trap: 0,
    'too-deep': 0,
    'page-cap': 0,
  };
  private accepted = 0;
  private inFlight = 0;
  private done = 0;
  private failed = 0;
  private stateValue: FrontierState = 'idle';
  private deadline = Infinity;
  private budgetTimer: NodeJS.Timeout | null = null;
  private finish: ((summary: FrontierSummary) => void) | null = null;
  private worker: FrontierWorker<T> | null = null;

  constructor(private readonly options: FrontierOptions) {
    this.visited = new Set(options.visited);
    this.pacer = new HostPacer({ perHost: options.perHost, minIntervalMs: options.minIntervalMs });
  }

  get state(): FrontierState {
    return this.stateValue;
  }

  /** Normalises and enqueues a URL; the visited set is marked now, so a URL is queued once per run. */
  push(rawUrl: string, depth: number, meta: T): PushOutcome {
    const outcome = this.admit(rawUrl, depth);
    if (typeof outcome === 'string') {
      this.rejected[outcome]++;
      return outcome;
    }
    this.visited.add(outcome.url);
    this.accepted++;
    this.queue.push({ url: outcome.url, depth, meta });
    if (this.stateValue === 'running') this.pump();
    return 'queued';
  }

  /** Runs `worker` on every item until the queue is empty, the run is cancelled or time is up. */
  run(worker: FrontierWorker<T>): Promise<FrontierSummary> {
    if (this.stateValue !== 'idle') throw new Error(`Frontier.run called in state ${this.stateValue}`);
    this.worker = worker;
    this.stateValue = 'running';
    if (this.options.timeBudgetMs !== undefined) {
      this.deadline = Date.now() + this.options.timeBudgetMs;
      this.budgetTimer = setTimeout(() => this.pump(), this.options.timeBudgetMs);
    }
    return new Promise((resolve) => {
      this.finish = resolve;
      this.pump();
    });
  }

  pause(): void {
    if (this.stateValue === 'running') this.stateValue = 'paused';
  }

  resume(): void {
    if (this.stateValue !== 'paused') return;
    this.stateValue = 'running';
    this.pump();
  }

  /** Stops dispatching and aborts the workers' signal; `run` resolves once in-flight work has ended. */
  cancel(): void {
    if (this.stateValue === 'done' || this.stateValue === 'cancelled') return;
    const wasIdle = this.stateValue === 'idle';
    this.stateValue = 'cancelled';
    this.abort.abort(new Error('crawl cancelled'));
    if (!wasIdle) this.pump();
  }

  /** Items not yet visited, for persisting a paused or interrupted run. */
  pending(): readonly FrontierItem<T>[] {
    return this.queue;
  }

  stats(): { queued: number; inFlight: number; done: number; failed: number; accepted: number } {
    return {
      queued: this.queue.length,
      inFlight: this.inFlight,
      done: this.done,
      failed: this.failed,
      accepted: this.accepted,
    };
  }

  private admit(rawUrl: string, depth: number): Exclude<PushOutcome, 'queued'> | { url: string } {
    const url = normalizeUrl(rawUrl);
    if (!url) return 'invalid';
    if (this.visited.has(url)) return 'duplicate';
    if (!this.options.scope(url)) return 'out-of-scope';
    if (depth > this.options.maxDepth) return 'too-deep';
    const now = this.options.now?.() ?? new Date();
    if (trapReason(url, now, this.options.trapBounds ?? DEFAULT_TRAP_BOUNDS)) return 'trap';
    const shape = calendarShape(url);
    if (shape) {
      const count = (this.shapeCounts.get(shape) ?? 0) + 1;
      if (count > (this.options.maxPerCalendarShape ?? DEFAULT_MAX_PER_CALENDAR_SHAPE)) return 'trap';
      this.shapeCounts.set(shape, count);
    }
    if (this.accepted >= this.options.maxPages) return 'page-cap';
    return { url };
  }

  private pump(): void {
    const stopped = this.stateValue === 'cancelled' || Date.now() >= this.deadline;
    if (!stopped && this.stateValue === 'running') {
      while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
        const item = this.queue.shift() as FrontierItem<T>;
        this.inFlight++;
        void this.process(item).finally(() => {
          this.inFlight--;
          this.pump();
        });
      }
    }
    const idle = this.inFlight === 0 && (stopped || this.queue.length === 0);
    if (idle && this.finish && this.stateValue !== 'paused') this.end(stopped);
  }

  private end(stopped: boolean): void {
    const end = this.stateValue === 'cancelled' ? 'cancelled' : stopped ? 'time-budget' : 'done';
    if (this.stateValue !== 'cancelled') this.stateValue = 'done';
    if (this.budgetTimer) clearTimeout(this.budgetTimer);
    const finish = this.finish as (summary: FrontierSummary) => void;
    this.finish = null;
    finish({
      end,
      done: this.done,
      failed: this.failed,
      pending: this.queue.length,
      rejected: { ...this.rejected },
    });
  }

  private async process(item: FrontierItem<T>): Promise<void> {
    const signal = this.abort.signal;
    let release: (() => void) | null = null;
    try {
      release = await this.pacer.acquire(new URL(item.url).host, signal);
      await (this.worker as FrontierWorker<T>)(item, signal);
      this.done++;
    } catch {
      // A worker records its own failures (the page artifact says what went wrong): count, keep crawling.
      // Work cut off by a cancel goes back to the queue, so a resumed run visits it.
      if (signal.aborted) this.queue.unshift(item);
      else this.failed++;
    } finally {
      release?.();
    }
  }
}
