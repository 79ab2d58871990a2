// The page gatherer on its own: a very tall page is screenshotted down to the cap (not just the viewport)
// and the cap is recorded; the crawl's screenshot policy (design.md: full-page shots for the home page and
// column pages, other pages only once a finding needs one) and the later capture of those pages.
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRef } from '../../src/shared/domain.js';
import type { PageArtifact } from '../../src/main/artifacts.js';
import { browserArgs } from '../../src/main/browser/launch.js';
import { captureScreenshots } from '../../src/main/gather/captureScreenshots.js';
import { DEFAULT_RENDER, openAuditContext, renderPage } from '../../src/main/gather/renderPage.js';
import { solidPng } from '../fixtures/portal/assets.js';
import { HTML_UTF8, type Route } from '../fixtures/portal/routes.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

const HOST = 'render.test';
const FAST = { ...DEFAULT_RENDER, settleTimeoutMs: 3000 };
/** Far enough below the fold that Chromium's lazy loading waits for the scroll. */
const IMAGE_TOP = 6000;

let browser: Browser;
let server: FixtureServer;

function html(title: string, body: string, meta = ''): Route {
  return {
    body: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">${meta}<title>${title}</title></head><body style="margin:0">${body}</body></html>`,
    contentType: HTML_UTF8,
  };
}

const rows = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `<li><a href="/a${i}.html">通知第${i}号</a><span>2026-11-${10 + i}</span></li>`,
  ).join('');

const routes = new Map<string, Route>([
  ['/', html('示范县人民政府', `<h1>示范县人民政府</h1><ul>${rows(3)}</ul>`)],
  [
    '/list.html',
    html(
      '通知公告',
      `<div class="position">首页 > 通知公告</div><ul class="list">${rows(5)}</ul>`,
      '<meta name="ColumnName" content="通知公告">',
    ),
  ],
  [
    '/article.html',
    html(
      '关于开展检查的通知',
      `<h1>关于开展检查的通知</h1><div style="height:${IMAGE_TOP}px">正文</div><img loading="lazy" src="/red.png" width="200" height="100" alt="图">`,
      '<meta name="ArticleTitle" content="关于开展检查的通知">',
    ),
  ],
  [
    '/observer.html',
    html(
      '图片新闻',
      `<div style="height:${IMAGE_TOP}px">正文</div><img data-pic="/red.png" width="200" height="100" alt="图">
      <script>new IntersectionObserver((seen) => seen.forEach((e) => {
        if (e.isIntersecting) e.target.src = e.target.getAttribute('data-pic');
      })).observe(document.querySelector('img'));</script>`,
    ),
  ],
  [
    '/plain.html',
    html(
      '工作动态',
      `<div style="height:${IMAGE_TOP}px">正文</div>
      <script>addEventListener('scroll', () => (document.body.dataset.scrolled = 'yes'));</script>`,
    ),
  ],
  ['/red.png', { body: solidPng(200, 100, [255, 0, 0]), contentType: 'image/png' }],
]);

beforeAll(async () => {
  server = await startFixtureServer([{ host: HOST, name: '渲染测试', routes }]);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: browserArgs({ mapHost: server.mapHost(), offline: true, proxy: null }),
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A sink that keeps what it is given, by kind. */
function memorySink() {
  const put: { data: Buffer; kind: EvidenceRef['kind'] }[] = [];
  return {
    put,
    sink: {
      put: (data: Buffer, ext: string, kind: EvidenceRef['kind']): EvidenceRef => {
        put.push({ data, kind });
        return { path: `evidence/${put.length}.${ext}`, sha256: String(put.length), kind };
      },
    },
  };
}

async function render(
  url: string,
  isHome: boolean,
  screenshots?: 'all' | 'home-and-columns',
  alsoShoot?: (artifact: PageArtifact) => boolean,
) {
  const context = await openAuditContext(browser, 'test');
  const page = await context.newPage();
  const kept = memorySink();
  try {
    const artifact = await renderPage(page, url, {
      depth: 1,
      isHome,
      sink: kept.sink,
      options: FAST,
      screenshots,
      alsoShoot,
    });
    return { artifact, kept, content: await page.content() };
  } finally {
    await context.close();
  }
}

describe('renderPage', () => {
  it('caps a very tall page at maxScreenshotHeight and records the cap', async () => {
    const context = await openAuditContext(browser, 'test');
    const page = await context.newPage();
    const shots: Buffer[] = [];
    const sink = {
      put: (data: Buffer, ext: string, kind: EvidenceRef['kind']): EvidenceRef => {
        if (ext === 'jpg') shots.push(data);
        return { path: `evidence/${ext}`, sha256: '0', kind };
      },
    };
    const tall =
      '<body style="margin:0"><div style="height:20000px;background:linear-gradient(red,blue)">长页面</div></body>';
    const artifact = await renderPage(page, `data:text/html;charset=utf-8,${encodeURIComponent(tall)}`, {
      depth: 0,
      isHome: true,
      sink,
      options: { ...DEFAULT_RENDER, settleTimeoutMs: 1000, maxScreenshotHeight: 5000 },
    });
    expect(artifact.pageHeight).toBeGreaterThan(19_000);
    expect(artifact.screenshotCappedAt).toBe(5000);
    const meta = await sharp(shots[0]).metadata();
    expect([meta.width, meta.height]).toEqual([1366, 5000]);
    await context.close();
  });

  it('under the crawl policy, screenshots the home page and a column list page but not an article page', async () => {
    const origin = server.origin(HOST);
    const home = await render(origin, true, 'home-and-columns');
    const list = await render(`${origin}list.html`, false, 'home-and-columns');
    const article = await render(`${origin}article.html`, false, 'home-and-columns');
    expect(home.artifact.screenshot?.kind).toBe('screenshot');
    expect(list.artifact.blocks.some((b) => b.kind === 'list-page')).toBe(true);
    expect(list.artifact.screenshot?.kind).toBe('screenshot');
    expect(article.artifact.error).toBeNull();
    expect(article.artifact.screenshot).toBeNull();
    expect(article.kept.put.map((p) => p.kind)).toEqual(['dom']);
    // The lazy image below the fold was reached by the scroll: its link is read either way.
    expect(article.artifact.links.some((l) => l.tag === 'img' && l.url.endsWith('/red.png'))).toBe(true);
  });

  it('under the crawl policy, also shoots an article page the caller says the checks will report', async () => {
    const seen: string[] = [];
    const article = await render(`${server.origin(HOST)}article.html`, false, 'home-and-columns', (a) => {
      seen.push(a.title);
      return a.title === '关于开展检查的通知';
    });
    expect(seen).toEqual(['关于开展检查的通知']);
    expect(article.artifact.screenshot?.kind).toBe('screenshot');
    expect(article.artifact.screenshotTakenAt).toBeUndefined();
  });

  it('scrolls a page whose lazy loader only watches with an IntersectionObserver, and not a page with nothing lazy', async () => {
    const origin = server.origin(HOST);
    const observer = await render(`${origin}observer.html`, false, 'home-and-columns');
    expect(observer.artifact.links.some((l) => l.tag === 'img' && l.url.endsWith('/red.png'))).toBe(true);
    const plain = await render(`${origin}plain.html`, false, 'home-and-columns');
    expect(plain.artifact.error).toBeNull();
    expect(plain.content).not.toContain('data-scrolled');
  });

  it('screenshots every page by default (re-checks and manual findings rely on it)', async () => {
    const article = await render(`${server.origin(HOST)}article.html`, false);
    expect(article.artifact.screenshot?.kind).toBe('screenshot');
    expect(article.artifact.screenshotTakenAt).toBeUndefined();
  });

  it('stores the DOM snapshot exactly as page.content() reads it, doctype included', async () => {
    const list = await render(`${server.origin(HOST)}list.html`, false, 'home-and-columns');
    const dom = list.kept.put.find((p) => p.kind === 'dom')!.data.toString('utf8');
    expect(dom.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(dom).toBe(list.content);
  });
});

describe('captureScreenshots', () => {
  it('shoots article pages later, scrolled so lazy images render, and skips pages that no longer load', async () => {
    const origin = server.origin(HOST);
    const article = (await render(`${origin}article.html`, false, 'home-and-columns')).artifact;
    const gone: PageArtifact = { ...article, url: `${origin}gone.html` };
    const kept = memorySink();
    const before = new Date().toISOString();
    const shot = await captureScreenshots({
      browser,
      userAgent: 'test',
      pages: [article, gone],
      options: FAST,
      sink: kept.sink,
      concurrency: 2,
    });
    expect(shot.map((p) => p.url)).toEqual([article.url]);
    const later = shot[0]!;
    expect(later.screenshot?.kind).toBe('screenshot');
    expect(later.screenshotTakenAt! >= before).toBe(true);
    // Everything else is the crawl's reading of the page.
    expect({ ...later, screenshot: null, screenshotTakenAt: undefined }).toEqual({
      ...article,
      screenshotTakenAt: undefined,
    });
    // The crawl's box of the image frames the image in the later picture: crops of findings line up.
    const box = article.links.find((l) => l.tag === 'img')!.box!;
    expect(box.y).toBeGreaterThanOrEqual(IMAGE_TOP);
    const jpeg = kept.put.find((p) => p.kind === 'screenshot')!.data;
    const { width, height } = await sharp(jpeg).metadata();
    expect(width).toBe(1366);
    expect(height).toBeGreaterThanOrEqual(box.y + box.height);
    const { data } = await sharp(jpeg)
      .extract({ left: box.x + box.width / 2, top: box.y + box.height / 2, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const [r, g, b] = [...data];
    expect(r).toBeGreaterThan(200);
    expect(g! + b!).toBeLessThan(80);
  });
});
