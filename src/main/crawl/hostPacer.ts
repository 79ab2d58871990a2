// Politeness per host: at most `perHost` requests in flight and a minimum interval between request starts,
// so fragile county servers are never hammered. A host that answers 429/503 with Retry-After is held
// until then for every request, not just the one that was refused.

export interface HostPacerOptions {
  perHost: number;
  minIntervalMs: number;
}

interface HostState {
  active: number;
  nextStartAt: number;
  waiters: { resolve: () => void; reject: (err: unknown) => void }[];
  timer: NodeJS.Timeout | null;
}

export type Release = () => void;

export class HostPacer {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly options: HostPacerOptions) {}

  /** Waits for a slot on `host` (urgent requests queue first); call the returned function when done. */
  async acquire(host: string, signal?: AbortSignal, urgent = false): Promise<Release> {
    signal?.throwIfAborted();
    const state = this.state(host);
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = state.waiters.indexOf(waiter);
        if (index >= 0) state.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      if (urgent) state.waiters.unshift(waiter);
      else state.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pump(host, state);
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      state.active--;
      this.pump(host, state);
    };
  }

  /** No request to `host` starts before `untilMs` (epoch ms): Retry-After. */
  holdUntil(host: string, untilMs: number): void {
    const state = this.state(host);
    state.nextStartAt = Math.max(state.nextStartAt, untilMs);
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStartAt: 0, waiters: [], timer: null };
      this.hosts.set(host, state);
    }
    return state;
  }

  private pump(host: string, state: HostState): void {
    while (state.waiters.length > 0 && state.active < this.options.perHost) {
      const wait = state.nextStartAt - Date.now();
      if (wait > 0) {
        state.timer ??= setTimeout(() => {
          state.timer = null;
          this.pump(host, state);
        }, wait);
        return;
      }
      state.active++;
      state.nextStartAt = Date.now() + this.options.minIntervalMs;
      state.waiters.shift()?.resolve();
    }
  }
}
