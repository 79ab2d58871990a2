// The generated county and the fixture server are the ground truth of every other test: check that what the
// manifest declares is what the server really serves, over real HTTP on 127.0.0.1.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { fetch, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBenchPortal, generateCounty, type GeneratedCounty } from '../fixtures/portal/generate.js';
import type { ManifestSite } from '../fixtures/portal/manifest.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { launchTestChromium } from '../support/chromium.js';

const AS_OF = '2026-11-20';
const county: GeneratedCounty = generateCounty({ asOf: AS_OF });
const { manifest } = county;
let server: FixtureServer;
let dispatcher: Dispatcher;

interface Got {
  status: number;
  contentType: string;
  bytes: Buffer;
  text: string;
}

async function get(url: string, init: { method?: string; signal?: AbortSignal } = {}): Promise<Got> {
  const res = await fetch(url, { ...init, dispatcher, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get('content-type') ?? '';
  const text = /charset=gbk/i.test(contentType) ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
  return { status: res.status, contentType, bytes, text };
}

/** The network error code behind a failed fetch (ENOTFOUND, ECONNREFUSED, ECONNRESET…). */
async function failure(url: string, signal?: AbortSignal): Promise<string> {
  try {
    await get(url, { signal });
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
    const cause = (err as { cause?: { code?: string } }).cause;
    return cause?.code ?? String(err);
  }
  return 'answered';
}

/** Dates a list row shows, in the full-year formats the list pages use. */
function rowDates(row: string): string[] {
  const out: string[] = [];
  const re = /(\d{4})(?:-|\/|\.|年)(\d{1,2})(?:-|\/|\.|月)(\d{1,2})/g;
  for (const m of row.matchAll(re)) out.push(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`);
  return out;
}

/** Item links and their row's first date, from static rows (li/tr) or from a filling script's data. */
function listedItems(html: string): { href: string; date: string | null }[] {
  const script = /var data=(\[.*?\]);/s.exec(html);
  if (script) {
    return (JSON.parse(script[1]) as { u: string; d: string | null }[]).map((d) => ({
      href: d.u,
      date: d.d ? (rowDates(d.d)[0] ?? null) : null,
    }));
  }
  const main = html.slice(html.indexOf('class="column"'), html.indexOf('class="page"'));
  const rows: { href: string; date: string | null }[] = [];
  for (const m of main.matchAll(/<(li|tr)>(.*?)<\/\1>/gs)) {
    const href = /href="([^"]+)"/.exec(m[2])?.[1];
    if (href) rows.push({ href, date: rowDates(m[2])[0] ?? null });
  }
  return rows;
}

function linksOf(html: string, base: string): string[] {
  return [...html.matchAll(/\s(?:href|src|data-src)="([^"]+)"/g)]
    .map((m) => m[1].replaceAll('&#38;', '&'))
    .filter((u) => !/^(mailto:|javascript:|#)/.test(u))
    .map((u) => new URL(u, base).href);
}

function visibleText(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');
}

const site = (key: string): ManifestSite => {
  const s = manifest.sites.find((x) => x.key === key);
  if (!s) throw new Error(`no site ${key}`);
  return s;
};

describe('generated county', () => {
  it('is deterministic for a seed and keeps its structure across seeds', () => {
    const again = generateCounty({ asOf: AS_OF });
    expect(JSON.stringify(again.manifest)).toBe(JSON.stringify(manifest));
    const other = generateCounty({ asOf: AS_OF, seed: 7 });
    const shape = (m: typeof manifest) =>
      m.sites.map((s) => [
        s.host,
        s.columns.map((c) => [c.name, c.latestDate, c.itemCount]),
        s.defects.map((d) => d.id),
      ]);
    expect(shape(other.manifest)).toEqual(shape(manifest));
    expect(other.manifest.sites[0].columns[0].items.map((i) => i.title)).not.toEqual(
      manifest.sites[0].columns[0].items.map((i) => i.title),
    );
  });

  it('has four modest sites, one of them clean, and defects of every declared kind', () => {
    expect(manifest.sites.map((s) => s.host)).toEqual([
      'www.sfx.gov.cn',
      'jyj.sfx.gov.cn',
      'wjj.sfx.gov.cn',
      'sjj.sfx.gov.cn',
    ]);
    for (const s of manifest.sites) {
      expect(s.pages.length).toBeGreaterThanOrEqual(30);
      expect(s.pages.length).toBeLessThanOrEqual(100);
      expect(s.siteCode).toMatch(/^\d{10}$/);
    }
    expect(manifest.sites.filter((s) => s.clean).map((s) => s.key)).toEqual(['sjj']);
    expect(site('sjj').defects).toEqual([]);
    const defects = manifest.sites.flatMap((s) => s.defects);
    expect(new Set(defects.map((d) => d.linkClass).filter(Boolean))).toEqual(
      new Set(['http-error', 'dns', 'refused', 'reset', 'timeout', 'soft-404', 'empty-attachment']),
    );
    expect(new Set(defects.map((d) => d.type))).toEqual(
      new Set([
        'broken-link',
        'attachment-broken',
        'severe-error',
        'typo',
        'consultation-unanswered',
        'guide-elements-missing',
        'column-stale',
        'column-blank',
        'page-tags-missing',
        'identity-missing',
      ]),
    );
    expect(new Set(defects.map((d) => d.id)).size).toBe(defects.length);
    expect(manifest.leaders.find((l) => l.name === '张卫东')?.to).toBeNull();
  });
});

describe('fixture server', () => {
  beforeAll(async () => {
    server = await startFixtureServer(county.sites);
    dispatcher = server.dispatcher();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('serves every column list page with the manifest latest date, item count and blankness', async () => {
    for (const s of manifest.sites) {
      for (const col of s.columns) {
        const rows: { href: string; date: string | null }[] = [];
        for (const pageUrl of col.listPages) {
          const res = await get(pageUrl);
          expect(res.status, pageUrl).toBe(200);
          expect(res.text).toContain(`<meta name="ColumnName" content="${col.name}">`);
          if (col.scripted) expect(res.text).toMatch(/<ul class="news-list" id="[^"]+"><\/ul>/);
          rows.push(...listedItems(res.text));
        }
        expect(rows.length, `${s.key} ${col.name}`).toBe(col.itemCount);
        expect(rows.map((r) => new URL(r.href, col.url).href)).toEqual(col.items.map((i) => i.url));
        const dates = rows.map((r) => r.date).filter((d): d is string => d !== null);
        const newest = dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
        expect(newest, `${s.key} ${col.name}`).toBe(col.latestDate);
        expect(col.blank).toBe(col.itemCount === 0);
      }
    }
    // The columns the defects name are stale or blank by the standard's windows, the others are not.
    expect(site('jyj').columns.find((c) => c.name === '工作动态')?.latestDate).toBe('2026-10-21');
    expect(site('jyj').columns.find((c) => c.name === '通知公告')?.latestDate).toBe('2026-03-25');
    expect(site('jyj').columns.find((c) => c.name === '人事信息')?.blank).toBe(true);
    expect(site('www').columns.find((c) => c.name === '在线访谈')).toMatchObject({
      scripted: true,
      blank: false,
    });
  });

  it('shows on each home page the dated blocks the manifest lists, with their 更多 links', async () => {
    for (const s of manifest.sites) {
      const home = await get(s.url);
      expect(home.status).toBe(200);
      const blocks = s.columns.filter((c) => c.onHome);
      expect(blocks.length).toBeGreaterThanOrEqual(5);
      for (const col of s.columns) {
        const more = `<a href="${new URL(col.url).pathname}">更多&gt;&gt;</a>`;
        expect(home.text.includes(more), `${s.key} ${col.name}`).toBe(col.onHome);
      }
      for (const meta of ['SiteName', 'SiteDomain', 'SiteIDCode'])
        expect(home.text).toContain(`name="${meta}"`);
    }
    expect(site('www').homeLatestDate).toBe(AS_OF);
    expect(site('jyj').homeLatestDate).toBe('2026-11-17');
  });

  it('makes every broken link fail exactly as its class says, on the page the manifest names', async () => {
    const links = manifest.sites.flatMap((s) => s.defects).filter((d) => d.linkClass);
    for (const d of links) {
      const page = await get(d.pageUrl);
      const href = d.url.startsWith(`http://${new URL(d.pageUrl).host}/`)
        ? new URL(d.url).pathname + new URL(d.url).search
        : d.url;
      expect(page.text, d.id).toContain(`="${href}"`);
      switch (d.linkClass) {
        case 'http-error':
          expect((await get(d.url)).status, d.id).toBe(d.status);
          break;
        case 'soft-404': {
          const res = await get(d.url);
          expect(res.status).toBe(200);
          expect(res.text).toContain('页面不存在');
          break;
        }
        case 'empty-attachment': {
          const res = await get(d.url);
          expect(res.status).toBe(200);
          expect(res.bytes.length).toBe(0);
          expect(res.contentType).toMatch(/msword|ms-excel/);
          break;
        }
        case 'dns':
          expect(await failure(d.url), d.id).toBe('ENOTFOUND');
          break;
        case 'refused':
          expect(await failure(d.url), d.id).toBe('ECONNREFUSED');
          break;
        case 'reset':
          expect(['ECONNRESET', 'UND_ERR_SOCKET'], d.id).toContain(await failure(d.url));
          break;
        case 'timeout': {
          const before = server.hits(new URL(d.url).host, new URL(d.url).pathname);
          expect(await failure(d.url, AbortSignal.timeout(300)), d.id).toBe('timeout');
          expect(server.hits(new URL(d.url).host, new URL(d.url).pathname)).toBe(before + 1);
          break;
        }
      }
    }
    expect(manifest.unresolvableHosts.every((h) => !(h in server.mapHost()))).toBe(true);
    expect(server.mapHost()[manifest.refusedHosts[0]]).toBe(`127.0.0.1:${server.refusedPort}`);
  });

  it('has no broken link other than the declared ones (every site, every page)', async () => {
    const declared = new Set(manifest.sites.flatMap((s) => s.defects).map((d) => d.url));
    const checked = new Map<string, number>();
    for (const s of manifest.sites) {
      for (const pageUrl of s.pages) {
        const page = await get(pageUrl);
        expect(page.status, pageUrl).toBe(200);
        for (const url of linksOf(page.text, pageUrl)) {
          if (declared.has(url) || checked.has(url)) continue;
          expect(new URL(url).hostname.endsWith('.sfx.gov.cn'), url).toBe(true);
          const res = await get(url);
          checked.set(url, res.status);
          expect(res.status, `${url} on ${pageUrl}`).toBe(200);
          expect(res.bytes.length, url).toBeGreaterThan(0);
          if (res.contentType.startsWith('text/html')) expect(res.text, url).not.toContain('页面不存在');
        }
      }
    }
    expect(checked.size).toBeGreaterThan(150);
  });

  it('plants text defects where declared, and nowhere else; the clean site has none', async () => {
    const text = async (url: string) => visibleText((await get(url)).text);
    for (const d of manifest.sites.flatMap((s) => s.defects).filter((x) => x.wrong)) {
      for (const url of [d.pageUrl, ...(d.alsoOn ?? [])])
        expect(await text(url), `${d.id} ${url}`).toContain(d.wrong);
    }
    // Ordinary typos: no wrong form of the public confusion list appears except the planted one.
    const dict = JSON.parse(
      readFileSync(
        new URL('../../../shared/samples/lists/confusion_dict__macro-correct.json', import.meta.url),
        'utf8',
      ),
    ) as Record<string, string>;
    const wrongForms = Object.keys(dict).filter((w) => w.length >= 3);
    const planted = new Set(manifest.sites.flatMap((s) => s.defects).map((d) => d.wrong));
    for (const s of manifest.sites) {
      for (const pageUrl of s.pages) {
        const body = await text(pageUrl);
        const hits = wrongForms.filter((w) => body.includes(w) && !planted.has(w));
        expect(hits, pageUrl).toEqual([]);
        if (s.clean) for (const w of planted) expect(body, pageUrl).not.toContain(w);
      }
    }
    expect(site('wjj').defects.find((d) => d.type === 'typo')?.wrong).toBe('按居乐业');
  });

  it('carries the identity items, meta tags and consultation facts the manifest declares', async () => {
    for (const s of manifest.sites) {
      const home = visibleText((await get(s.url)).text);
      expect(home).toContain(`网站标识码：${s.siteCode}`);
      expect(home).toContain(s.identity.icp);
      expect(home).toContain('我为政府网站找错');
      expect(home.includes('公网安备')).toBe(s.identity.policeRecord !== null);
    }
    const noTags = site('jyj').defects.find((d) => d.type === 'page-tags-missing');
    expect((await get(noTags?.url ?? '')).text).not.toMatch(/<meta name=/);
    const clean = site('sjj');
    for (const url of clean.columns.flatMap((c) => c.items.map((i) => i.url))) {
      const page = (await get(url)).text;
      for (const tag of [
        'SiteName',
        'SiteIDCode',
        'ColumnName',
        'ArticleTitle',
        'PubDate',
        'ContentSource',
      ]) {
        expect(page, url).toContain(`<meta name="${tag}"`);
      }
    }
    const mailbox = site('www').columns.find((c) => c.name === '领导信箱');
    const unanswered = site('www').defects.find((d) => d.type === 'consultation-unanswered');
    const message = mailbox?.messages?.find((m) => m.url === unanswered?.url);
    expect(message).toMatchObject({ askedAt: '2026-06-23', repliedAt: null });
    const row = (await get(mailbox?.url ?? '')).text
      .split('<tr>')
      .find((r) => r.includes(new URL(message?.url ?? '').pathname));
    expect(row).toContain('未回复');
    const guide = site('www').defects.find((d) => d.type === 'guide-elements-missing');
    const guidePage = (await get(guide?.url ?? '')).text;
    for (const element of guide?.missing ?? []) expect(guidePage).not.toContain(`<th>${element}</th>`);
    expect(guidePage).toContain('<th>办理材料</th>');
  });

  it('serves the GBK site as GBK bytes that decode to the expected Chinese, and searches in GBK', async () => {
    const wjj = site('wjj');
    const res = await get(wjj.url);
    expect(res.contentType).toBe('text/html; charset=gbk');
    expect(res.bytes.toString('utf8')).not.toContain('示范县卫生健康局');
    const decoded = iconv.decode(res.bytes, 'gbk');
    expect(decoded).toContain('<title>示范县卫生健康局</title>');
    expect(decoded).toContain('charset=gbk');
    const typo = wjj.defects.find((d) => d.type === 'typo');
    expect(iconv.decode((await get(typo?.url ?? '')).bytes, 'gbk')).toContain('按居乐业');
    const gbkQuery = [...iconv.encode('传染病', 'gbk')]
      .map((b) => `%${b.toString(16).toUpperCase()}`)
      .join('');
    const found = await get(`${wjj.searchUrl}${gbkQuery}`);
    expect(found.text).toContain('秋冬季传染病防控健康提示');
    const utf8Query = await get(`${site('www').searchUrl}${encodeURIComponent('营商环境')}`);
    expect(utf8Query.text).toMatch(/共找到[1-9]\d*条结果/);
  });

  it('answers HEAD like GET without a body, 404s unknown hosts and paths, and fails the flaky home every 10th time', async () => {
    const url = site('sjj').columns[0].url;
    const [head, getRes] = [await fetch(url, { method: 'HEAD', dispatcher }), await get(url)];
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(getRes.bytes.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    expect((await get('http://www.sfx.gov.cn/no/such/page.html')).status).toBe(404);
    const stranger = await fetch(`http://127.0.0.1:${server.port}/`, { dispatcher: undefined });
    expect(stranger.status).toBe(404);
    await stranger.arrayBuffer();

    const flaky = site('jyj').flakyHome;
    expect(flaky).toEqual({ path: '/', failEvery: 10, status: 503 });
    const before = server.hits('jyj.sfx.gov.cn', '/');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await get(site('jyj').url)).status);
    const expected = statuses.map((_, i) => ((before + i + 1) % 10 === 0 ? 503 : 200));
    expect(statuses).toEqual(expected);
    expect(statuses.filter((s) => s === 503)).toHaveLength(2);
    server.resetHits();
    expect(server.hits()).toBe(0);
    const restarted: number[] = [];
    for (let i = 0; i < 10; i++) restarted.push((await get(site('jyj').url)).status);
    expect(restarted.indexOf(503)).toBe(9);
  });

  it('serves the lazy images the home page swaps in', async () => {
    const www = site('www');
    const home = (await get(www.url)).text;
    for (const img of www.lazyImages) {
      const path = new URL(img.url).pathname;
      expect(home).toContain(img.kind === 'native' ? `src="${path}" loading="lazy"` : `data-src="${path}"`);
      const res = await get(img.url);
      expect(res.contentType).toBe('image/png');
      expect(res.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    expect(www.lazyImages.map((i) => i.kind).sort()).toEqual(['data-src', 'data-src', 'native']);
  });

  it('renders in Chromium: scripted lists fill at load, data-src images load only after scrolling', async () => {
    const rules = Object.entries(server.mapHost())
      .map(([host, target]) => `MAP ${host} ${target}`)
      .join(', ');
    const browser = await launchTestChromium([`--host-resolver-rules=${rules}`]);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const www = site('www');
      await page.goto(www.url, { waitUntil: 'load' });
      const interview = www.columns.find((c) => c.scripted);
      const homeRows = await page.locator('#home-zmhd-zxft li').count();
      expect(homeRows).toBe(interview?.itemCount);
      const dataSrc = www.lazyImages.filter((i) => i.kind === 'data-src').map((i) => new URL(i.url).pathname);
      const loaded = () =>
        page.evaluate(
          (paths) => paths.filter((p) => document.querySelector(`img[src="${p}"]`) !== null).length,
          dataSrc,
        );
      expect(await loaded()).toBe(0);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction(
        (paths) =>
          paths.every(
            (p) => (document.querySelector(`img[src="${p}"]`) as HTMLImageElement | null)?.complete,
          ),
        dataSrc,
      );
      expect(await loaded()).toBe(dataSrc.length);
      await page.goto(interview?.url ?? '', { waitUntil: 'load' });
      expect(await page.locator('.column li a').allTextContents()).toEqual(
        interview?.items.map((i) => i.title),
      );
    } finally {
      await browser.close();
    }
  });

  it("swaps to variant 'fixed' live, which differs exactly in the declared defect", async () => {
    const fixed = generateCounty({ asOf: AS_OF, variant: 'fixed' });
    const { defectId, url, host } = manifest.fixedInVariant;
    const ids = (m: typeof manifest) => m.sites.flatMap((s) => s.defects.map((d) => d.id));
    expect(ids(manifest).filter((id) => !ids(fixed.manifest).includes(id))).toEqual([defectId]);
    expect(ids(fixed.manifest)).toHaveLength(ids(manifest).length - 1);
    for (const [i, s] of county.sites.entries()) {
      const f = fixed.sites[i];
      const added = [...f.routes.keys()].filter((k) => !s.routes.has(k));
      expect(added).toEqual(s.host === host ? [new URL(url).pathname] : []);
      expect([...s.routes.keys()].filter((k) => !f.routes.has(k))).toEqual([]);
      for (const [path, route] of s.routes)
        expect(Buffer.compare(Buffer.from(route.body), Buffer.from(f.routes.get(path)?.body ?? ''))).toBe(0);
    }
    expect((await get(url)).status).toBe(404);
    server.setVariant(fixed.sites);
    try {
      expect((await get(url)).status).toBe(200);
    } finally {
      server.setVariant(county.sites);
    }
    expect((await get(url)).status).toBe(404);
  });
});

describe('bench portal', () => {
  it('computes 2,000 pages on request with the declared broken links', async () => {
    const { site: bench, brokenUrls } = generateBenchPortal({
      pages: 2000,
      linksPerPage: 10,
      brokenEvery: 50,
      host: 'bench.sfx.gov.cn',
    });
    expect(bench.routes.size).toBe(0);
    expect(brokenUrls).toHaveLength(400);
    const own = await startFixtureServer([bench], { latencyMs: 20 });
    const d = own.dispatcher();
    try {
      const page = await fetch('http://bench.sfx.gov.cn/p/1999.html', { dispatcher: d });
      const html = await page.text();
      expect(html).toContain('href="/p/0.html"');
      const links = linksOf(html, 'http://bench.sfx.gov.cn/p/1999.html');
      expect(links).toHaveLength(10);
      for (const link of links) {
        const res = await fetch(link, { dispatcher: d });
        await res.arrayBuffer();
        expect(res.status, link).toBe(brokenUrls.includes(link) ? 404 : 200);
      }
      for (const link of brokenUrls.slice(0, 5)) {
        const res = await fetch(link, { dispatcher: d });
        await res.arrayBuffer();
        expect(res.status).toBe(404);
      }
    } finally {
      await own.close();
    }
  });
});

describe('close()', () => {
  // Runs after the other servers are closed; each test file runs in its own process, so once they are
  // gone no TCP handle may remain.
  it('ends every socket, hanging ones included, and leaves no TCP handle', async () => {
    const tcp = () => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
    const settled = async (): Promise<number> => {
      for (let i = 0; i < 50 && tcp() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      return tcp();
    };
    expect(await settled()).toBe(0);
    const own = await startFixtureServer(county.sites);
    const d = own.dispatcher();
    const hanging = fetch('http://www.sfx.gov.cn/zwfw/wsbsdt.jsp', { dispatcher: d }).then(
      () => 'answered',
      () => 'failed',
    );
    const ok = await fetch('http://sjj.sfx.gov.cn/', { dispatcher: d });
    await ok.arrayBuffer();
    expect(tcp()).toBeGreaterThanOrEqual(3); // the listener and both ends of a keep-alive connection
    await own.close();
    expect(await hanging).toBe('failed');
    expect(await settled()).toBe(0);
  });
});
