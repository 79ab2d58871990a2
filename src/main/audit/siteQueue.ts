// The sites a run's worker lanes take: in ledger order, except that a site waits while another lane audits a
// site on the same host. Each lane paces its own requests (--per-host), so two lanes on one host would give
// that host twice the budget the user set; sites on one host run one after the other instead.

export interface QueuedSite {
  siteId: number;
  host: string;
}

export interface TakenSite {
  siteId: number;
  /** Frees the site's host for the other lanes; call it when the site is finished, however it ended. */
  release: () => void;
}

export class SiteQueue {
  private readonly queue: QueuedSite[];
  private readonly busyHosts = new Set<string>();
  private readonly waiters: (() => void)[] = [];

  constructor(sites: readonly QueuedSite[]) {
    this.queue = [...sites];
  }

  /** The next site whose host no lane is auditing, waiting for one to be freed; null once none is left or stopped. */
  async take(stopped: () => boolean): Promise<TakenSite | null> {
    for (;;) {
      if (this.queue.length === 0 || stopped()) return null;
      const index = this.queue.findIndex((site) => !this.busyHosts.has(site.host));
      if (index >= 0) {
        const [site] = this.queue.splice(index, 1) as [QueuedSite];
        this.busyHosts.add(site.host);
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          this.busyHosts.delete(site.host);
          for (const wake of this.waiters.splice(0)) wake();
        };
        return { siteId: site.siteId, release };
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}
