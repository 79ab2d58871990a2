// Overall concurrency: at most `limit` tasks at once, in arrival order except that urgent tasks go first
// (the crawl's page fetches, which discover the links everything else waits for).
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<R>(task: () => Promise<R>, urgent = false): Promise<R> {
    // A released slot is handed to the next waiter directly, so a newcomer cannot overtake it.
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) =>
        urgent ? this.waiters.unshift(resolve) : this.waiters.push(resolve),
      );
    } else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    }
  }
}
