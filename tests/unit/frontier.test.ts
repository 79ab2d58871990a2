import { describe, expect, it } from 'vitest';
import { Frontier, type FrontierOptions } from '../../src/main/crawl/frontier.js';
import { calendarShape, makeScope, normalizeUrl, trapReason } from '../../src/main/crawl/urlNormalize.js';

const NOW = new Date('2024-06-01T00:00:00Z');

describe('normalizeUrl', () => {
  it('lower-cases scheme and host, drops default ports and fragments, keeps path case', () => {
    expect(normalizeUrl('HTTP://WWW.County.GOV.CN:80/Zwgk/Index.html#top')).toBe(
      'http://www.county.gov.cn/Zwgk/Index.html',
    );
    expect(normalizeUrl('https://www.county.gov.cn:443')).toBe('https://www.county.gov.cn/');
    expect(normalizeUrl('http://www.county.gov.cn:8080/')).toBe('http://www.county.gov.cn:8080/');
  });

  it('resolves relative links, dot segments and duplicate slashes; keeps a trailing slash as written', () => {
    const page = 'http://www.county.gov.cn/xxgk/tzgg/index.html';
    expect(normalizeUrl('../zcwj/./a.html', page)).toBe('http://www.county.gov.cn/xxgk/zcwj/a.html');
    expect(normalizeUrl('//www.county.gov.cn//xxgk//', page)).toBe('http://www.county.gov.cn/xxgk/');
    expect(normalizeUrl('/xxgk', page)).toBe('http://www.county.gov.cn/xxgk');
  });

  it('sorts the query and drops session ids and tracking parameters', () => {
    expect(normalizeUrl('http://a.gov.cn/list.jsp?page=2&cid=5&utm_source=wx&spm=a1.b2&JSESSIONID=ABC')).toBe(
      'http://a.gov.cn/list.jsp?cid=5&page=2',
    );
    // Java servers put the session in the path (real: ;jsessionid= links on county CMS portals).
    expect(normalizeUrl('http://a.gov.cn/art/2024/5/1/art_1.html;jsessionid=9F3A1C?PHPSESSID=x&sid=y')).toBe(
      'http://a.gov.cn/art/2024/5/1/art_1.html',
    );
    expect(normalizeUrl('http://a.gov.cn/?_=1717200000000')).toBe('http://a.gov.cn/');
  });

  it('upper-cases percent escapes and ignores non-http schemes', () => {
    expect(normalizeUrl('http://a.gov.cn/%e6%94%bf.html')).toBe('http://a.gov.cn/%E6%94%BF.html');
    expect(normalizeUrl('mailto:x@a.gov.cn')).toBeNull();
    expect(normalizeUrl('javascript:void(0)')).toBeNull();
    expect(normalizeUrl('http://')).toBeNull();
  });
});

describe('trap bounds', () => {
  it('stops repeated path segments (relative-link loops)', () => {
    expect(trapReason('http://a.gov.cn/xxgk/tzgg/xxgk/tzgg/xxgk/tzgg/', NOW)).toMatch(/repeated/);
    expect(trapReason('http://a.gov.cn/xxgk/tzgg/xxgk/a.html', NOW)).toBeNull();
  });

  it('stops calendars out of range and paging beyond the bound', () => {
    expect(trapReason('http://a.gov.cn/cal.jsp?year=2099&month=1', NOW)).toMatch(/calendar year/);
    expect(trapReason('http://a.gov.cn/cal.jsp?year=2024&month=1', NOW)).toBeNull();
    expect(trapReason('http://a.gov.cn/cal/1900/01/', NOW)).toMatch(/calendar path/);
    expect(trapReason('http://a.gov.cn/list.jsp?pageNo=100000', NOW)).toMatch(/page number/);
    expect(trapReason('http://a.gov.cn/tzgg/index_9999.html', NOW)).toMatch(/paged file/);
    expect(trapReason('http://a.gov.cn/tzgg/index_3.html', NOW)).toBeNull();
    // TRS article names carry a date and an id, not a page number (seen on www.sfx.gov.cn fixtures and real TRS sites).
    expect(trapReason('http://a.gov.cn/xwzx/202405/t20240506_831226.html', NOW)).toBeNull();
  });

  it('gives calendar URLs one shape and other URLs none', () => {
    expect(calendarShape('http://a.gov.cn/cal.jsp?day=12&month=5&year=2024')).toBe(
      'http://a.gov.cn/cal.jsp?day=N&month=N&year=N',
    );
    expect(calendarShape('http://a.gov.cn/art/2024/5/1/art_1.html')).toBeNull();
  });

  it('scopes to the site host plus listed subsite hosts', () => {
    const inScope = makeScope('http://www.county.gov.cn/', ['XXGK.county.gov.cn']);
    expect(inScope('http://www.county.gov.cn/a.html')).toBe(true);
    expect(inScope('http://xxgk.county.gov.cn/b.html')).toBe(true);
    expect(inScope('http://www.gov.cn/')).toBe(false);
  });
});

const options = (extra: Partial<FrontierOptions> = {}): FrontierOptions => ({
  maxPages: 100,
  maxDepth: 5,
  concurrency: 4,
  perHost: 2,
  minIntervalMs: 0,
  scope: makeScope('http://www.county.gov.cn/'),
  now: () => NOW,
  ...extra,
});

const tick = (ms = 5): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Frontier', () => {
  it('marks visited at enqueue, applies scope, depth and page caps, and terminates', async () => {
    const frontier = new Frontier<{ from: string }>(options({ maxPages: 5, maxDepth: 2 }));
    expect(frontier.push('http://www.county.gov.cn/', 0, { from: 'seed' })).toBe('queued');
    expect(frontier.push('http://WWW.county.gov.cn:80/#x', 0, { from: 'seed' })).toBe('duplicate');
    const seen: string[] = [];
    const summary = await frontier.run(async (item) => {
      seen.push(item.url);
      // Every page links to ten children, one level down, plus an outside link and a calendar far away.
      for (let i = 0; i < 10; i++)
        frontier.push(`${item.url.replace(/\/$/, '')}/p${i}/`, item.depth + 1, { from: item.url });
      frontier.push('http://www.gov.cn/', item.depth + 1, { from: item.url });
      frontier.push('http://www.county.gov.cn/cal.jsp?year=2099', item.depth + 1, { from: item.url });
    });
    expect(summary.end).toBe('done');
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(summary.rejected['page-cap']).toBeGreaterThan(0);
    expect(summary.rejected['out-of-scope']).toBeGreaterThan(0);
    expect(summary.rejected.trap).toBeGreaterThan(0);
    expect(frontier.state).toBe('done');
  });

  it('caps a calendar widget linking to endless dates of one shape', async () => {
    const frontier = new Frontier<null>(options({ maxPerCalendarShape: 3 }));
    const outcomes = [1, 2, 3, 4, 5].map((d) =>
      frontier.push(`http://www.county.gov.cn/cal.jsp?year=2024&day=${d}`, 1, null),
    );
    expect(outcomes).toEqual(['queued', 'queued', 'queued', 'trap', 'trap']);
  });

  it('respects overall concurrency and per-host limits', async () => {
    const frontier = new Frontier<null>(
      options({ concurrency: 3, perHost: 2, scope: () => true, maxPages: 1000 }),
    );
    for (let i = 0; i < 12; i++) frontier.push(`http://h${i % 2}.gov.cn/${i}`, 0, null);
    let active = 0;
    let peak = 0;
    const perHost = new Map<string, number>();
    let hostPeak = 0;
    await frontier.run(async (item) => {
      const host = new URL(item.url).host;
      active++;
      perHost.set(host, (perHost.get(host) ?? 0) + 1);
      peak = Math.max(peak, active);
      hostPeak = Math.max(hostPeak, perHost.get(host) ?? 0);
      await tick(10);
      active--;
      perHost.set(host, (perHost.get(host) ?? 0) - 1);
    });
    expect(peak).toBe(3);
    expect(hostPeak).toBe(2);
  });

  it('spaces requests to one host by the minimum interval', async () => {
    const frontier = new Frontier<null>(options({ perHost: 4, minIntervalMs: 40 }));
    for (let i = 0; i < 4; i++) frontier.push(`http://www.county.gov.cn/${i}`, 0, null);
    const starts: number[] = [];
    await frontier.run(async () => {
      starts.push(Date.now());
    });
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    // The worker records its start a little after the pacer released it, and on a loaded CI machine that
    // delay varies by several ms: each gap is held to the interval less that jitter, the whole span tighter.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(25);
    expect(starts[3] - starts[0]).toBeGreaterThanOrEqual(100);
  });

  it('pauses, resumes and cancels cleanly, keeping unvisited items pending', async () => {
    const frontier = new Frontier<null>(options({ concurrency: 1 }));
    for (let i = 0; i < 10; i++) frontier.push(`http://www.county.gov.cn/${i}`, 0, null);
    const visited: string[] = [];
    const running = frontier.run(async (item, signal) => {
      visited.push(item.url);
      await tick(10);
      signal.throwIfAborted();
    });
    await tick(25);
    frontier.pause();
    const atPause = visited.length;
    await tick(60);
    expect(frontier.state).toBe('paused');
    expect(visited.length).toBeLessThanOrEqual(atPause + 1); // the page in flight finishes, nothing new starts
    frontier.resume();
    await tick(25);
    expect(visited.length).toBeGreaterThan(atPause);
    frontier.cancel();
    const summary = await running;
    expect(summary.end).toBe('cancelled');
    expect(summary.done + summary.pending).toBe(10);
    expect(frontier.pending().length).toBe(summary.pending);
    expect(summary.pending).toBeGreaterThan(0);
  });

  it('stops at the time budget and resumes from the visited set', async () => {
    const frontier = new Frontier<null>(options({ concurrency: 1, timeBudgetMs: 30 }));
    for (let i = 0; i < 20; i++) frontier.push(`http://www.county.gov.cn/${i}`, 0, null);
    const summary = await frontier.run(() => tick(10));
    expect(summary.end).toBe('time-budget');
    expect(summary.pending).toBeGreaterThan(0);
    const visited = ['http://www.county.gov.cn/0'];
    const resumed = new Frontier<null>(options({ visited }));
    expect(resumed.push('http://www.county.gov.cn/0', 0, null)).toBe('duplicate');
    expect(resumed.push('http://www.county.gov.cn/1', 0, null)).toBe('queued');
  });

  it('counts a failing worker and keeps going', async () => {
    const frontier = new Frontier<null>(options());
    for (let i = 0; i < 3; i++) frontier.push(`http://www.county.gov.cn/${i}`, 0, null);
    const summary = await frontier.run(async (item) => {
      if (item.url.endsWith('/1')) throw new Error('render failed');
    });
    expect(summary).toMatchObject({ end: 'done', done: 2, failed: 1, pending: 0 });
  });
});
