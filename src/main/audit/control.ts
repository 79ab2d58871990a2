import { setMaxListeners } from 'node:events';

/** Pause, resume and cancel of a running audit, shared by the CLI (signals) and the UI (buttons). */
export class RunControl {
  private pausedWaiters: (() => void)[] = [];
  private pausedFlag = false;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<() => void>();

  constructor() {
    // Every in-flight request of a run listens to the one cancel signal.
    setMaxListeners(0, this.abort.signal);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get cancelled(): boolean {
    return this.abort.signal.aborted;
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  pause(): void {
    this.pausedFlag = true;
    this.changed();
  }

  resume(): void {
    this.pausedFlag = false;
    for (const wake of this.pausedWaiters.splice(0)) wake();
    this.changed();
  }

  cancel(): void {
    this.abort.abort();
    this.resume();
  }

  /** Calls `listener` after every pause, resume and cancel (site workers mirror them); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Resolves at once when running; otherwise when resumed or cancelled. */
  async checkpoint(): Promise<void> {
    if (!this.pausedFlag) return;
    await new Promise<void>((resolve) => this.pausedWaiters.push(resolve));
  }
}
