// The CLI's plain-line progress (stderr not a terminal) when two sites report in turn, as parallel site
// workers do: each site gets a line per phase and one every 10 crawled pages, not one per event.
import { describe, expect, it } from 'vitest';
import type { AuditProgress } from '../../src/shared/api.js';
import { createProgressReporter } from '../../src/main/cli/progress.js';

function event(siteId: number, phase: AuditProgress['phase'], pagesDone: number): AuditProgress {
  return {
    runId: 'r',
    siteId,
    siteName: `网站${siteId}`,
    phase,
    pagesDone,
    pagesQueued: 5,
    linksChecked: 0,
    linksTotal: 0,
    rate: 0,
    etaSeconds: null,
    currentUrl: null,
  };
}

describe('plain progress lines', () => {
  it('keeps each site to its own cadence when sites interleave', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const report = createProgressReporter(stream, false);
    for (let page = 0; page <= 25; page++) {
      report(event(1, 'crawl', page));
      report(event(2, 'crawl', page));
    }
    report(event(1, 'done', 25));
    report(event(2, 'checks', 25));
    const of = (site: number) => lines.filter((l) => l.startsWith(`网站${site} `)).map((l) => l.trimEnd());
    expect(of(1).map((l) => l.split(' ')[1] + ' ' + l.split(' ')[3])).toEqual([
      '抓取 0/5',
      '抓取 10/15',
      '抓取 20/25',
      '完成 25/30',
    ]);
    expect(of(2)).toHaveLength(4);
  });

  it('prints nothing with --quiet', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    createProgressReporter(stream, true)(event(1, 'crawl', 1));
    expect(lines).toEqual([]);
  });
});
