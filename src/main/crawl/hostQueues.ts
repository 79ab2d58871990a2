// Link checks waiting to start, queued per host as plain URLs. Starting every check as soon as it was added
// kept an async chain (frames, closures, a pacer waiter) alive per waiting URL: 30,000 links to one host held
// 144 MB of heap. A host has at most `window` checks started; the rest wait here as strings, in order.

export class HostQueues {
  private readonly waiting = new Map<string, string[]>();
  private readonly queued = new Set<string>();
  private readonly started = new Map<string, number>();
  private running = 0;
  private readonly drainWaiters: (() => void)[] = [];

  constructor(
    /** Checks started per host: enough beyond its request slots that a freed slot finds the next one ready. */
    private readonly window: number,
    private readonly start: (key: string) => Promise<void>,
  ) {}

  has(key: string): boolean {
    return this.queued.has(key);
  }

  push(host: string, key: string): void {
    this.queued.add(key);
    const list = this.waiting.get(host);
    if (list) list.push(key);
    else this.waiting.set(host, [key]);
    this.pump(host);
  }

  /** Nothing waits and nothing started is still running. */
  get idle(): boolean {
    return this.running === 0 && this.queued.size === 0;
  }

  /** Resolves once idle. */
  drained(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private pump(host: string): void {
    const list = this.waiting.get(host);
    let started = this.started.get(host) ?? 0;
    while (list && list.length > 0 && started < this.window) {
      const key = list.shift()!;
      this.queued.delete(key);
      started++;
      this.running++;
      void this.start(key).finally(() => this.finished(host));
    }
    this.started.set(host, started);
    if (list?.length === 0) this.waiting.delete(host);
  }

  private finished(host: string): void {
    this.started.set(host, this.started.get(host)! - 1);
    this.running--;
    this.pump(host);
    if (this.idle) {
      for (const resolve of this.drainWaiters.splice(0)) resolve();
    }
  }
}
