// The HTTP-only crawl: a small county site on 127.0.0.1 (via --map-host, --offline), tokenizer links.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractLinks } from '../../src/main/crawl/htmlLinks.js';
import { crawlHttp } from '../../src/main/crawl/httpCrawl.js';
import { isBroken } from '../../src/main/checks/links.js';
import { makeScope } from '../../src/main/crawl/urlNormalize.js';
import { createHttpClient, type HttpClient } from '../../src/main/net/httpClient.js';
import { defaultNetworkOptions } from '../../src/main/net/options.js';

describe('extractLinks', () => {
  it('finds links in tags and attributes, skips comments and script bodies, honours <base>', () => {
    const html = `<html><head><base href="http://www.county.gov.cn/xxgk/">
      <link rel="stylesheet" href="/css/main.css"><script src="js/app.js"></script>
      <script>var fake = '<a href="/not-a-link.html">';</script></head><body>
      <!-- <a href="/commented.html">old</a> -->
      <a href="tzgg/index.html?a=1&amp;b=2">通知公告</a><a href='#top'>顶部</a><a href=mailto:zfb@county.gov.cn>信箱</a>
      <img data-original="/images/lazy.jpg" src="/images/blank.gif" srcset="/images/a.jpg 1x, /images/b.jpg 2x">
      <iframe src="https://map.county.gov.cn/"></iframe><area href="/map/1.html"><object data="/flash/x.swf"></object>
      </body></html>`;
    const links = extractLinks(html, 'http://www.county.gov.cn/index.html');
    expect(links).toEqual([
      { url: 'http://www.county.gov.cn/css/main.css', tag: 'link' },
      { url: 'http://www.county.gov.cn/xxgk/js/app.js', tag: 'script' },
      { url: 'http://www.county.gov.cn/xxgk/tzgg/index.html?a=1&b=2', tag: 'a' },
      { url: 'http://www.county.gov.cn/xxgk/#top', tag: 'a' },
      { url: 'mailto:zfb@county.gov.cn', tag: 'a' },
      { url: 'http://www.county.gov.cn/images/blank.gif', tag: 'img' },
      { url: 'http://www.county.gov.cn/images/lazy.jpg', tag: 'img' },
      { url: 'http://www.county.gov.cn/images/a.jpg', tag: 'srcset' },
      { url: 'http://www.county.gov.cn/images/b.jpg', tag: 'srcset' },
      { url: 'https://map.county.gov.cn/', tag: 'iframe' },
      { url: 'http://www.county.gov.cn/map/1.html', tag: 'area' },
      { url: 'http://www.county.gov.cn/flash/x.swf', tag: 'object' },
    ]);
  });

  it('ignores tags named like Object.prototype members', () => {
    const html = '<constructor href="/a.html"></constructor><a href="/b.html">b</a>';
    expect(extractLinks(html, 'http://www.county.gov.cn/')).toEqual([
      { url: 'http://www.county.gov.cn/b.html', tag: 'a' },
    ]);
  });
});

describe('crawlHttp', () => {
  let server: Server;
  let client: HttpClient;
  const requests: string[] = [];
  const page = (body: string) => `<html><head><title>县政府</title></head><body>${body}</body></html>`;
  const site: Record<string, { type: string; body: Buffer | string; status?: number }> = {
    '/': {
      type: 'text/html',
      body: page(
        '<a href="/tzgg/">通知公告</a><a href="/gbk/">信息公开</a><img src="/logo.png"><a href="http://www.gov.cn/">中国政府网</a>',
      ),
    },
    '/tzgg/': {
      type: 'text/html',
      body: page(
        '<a href="/tzgg/1.html">一</a><a href="/tzgg/1.html#p2">一</a><a href="/files/a.pdf">附件</a><a href="/tzgg/2.html?utm_source=wx">二</a>',
      ),
    },
    '/tzgg/1.html': {
      type: 'text/html',
      body: page('<a href="/">首页</a><a href="/tzgg/missing.html">坏链</a>'),
    },
    '/tzgg/2.html': { type: 'text/html', body: page('文章') },
    // A GBK subsite page whose links must be found after decoding.
    '/gbk/': {
      type: 'text/html; charset=gbk',
      body: iconv.encode(
        page('<a href="/gbk/%E5%85%AC%E5%BC%80.html">公开目录</a><a href="/files/empty.doc">空附件</a>'),
        'gbk',
      ),
    },
    '/gbk/%E5%85%AC%E5%BC%80.html': { type: 'text/html', body: page('公开') },
    '/logo.png': { type: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    '/files/a.pdf': { type: 'application/pdf', body: '%PDF-1.4' },
    '/files/empty.doc': { type: 'application/msword', body: '' },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const entry = site[(req.url ?? '/').split('?')[0]];
      if (!entry) return void res.writeHead(404, { 'content-type': 'text/html' }).end('not found');
      res.writeHead(200, { 'content-type': entry.type, 'content-length': Buffer.byteLength(entry.body) });
      res.end(req.method === 'HEAD' ? undefined : entry.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    client = createHttpClient(
      defaultNetworkOptions({ offline: true, mapHost: { 'www.county.gov.cn': `127.0.0.1:${port}` } }),
    );
  });

  afterAll(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('crawls the site, checks every link once and finds the broken ones', async () => {
    const result = await crawlHttp(['http://www.county.gov.cn/'], {
      client,
      scope: makeScope('http://www.county.gov.cn/'),
      maxPages: 50,
      maxDepth: 5,
      timeoutMs: 2000,
      retries: 0,
    });
    expect(result.crawl.end).toBe('done');
    expect(result.pages.map((p) => p.url).sort()).toEqual([
      'http://www.county.gov.cn/',
      'http://www.county.gov.cn/gbk/',
      'http://www.county.gov.cn/gbk/%E5%85%AC%E5%BC%80.html',
      'http://www.county.gov.cn/tzgg/',
      'http://www.county.gov.cn/tzgg/1.html',
      'http://www.county.gov.cn/tzgg/2.html',
      'http://www.county.gov.cn/tzgg/missing.html', // fetched as a page: its 404 is its link check
    ]);
    const outcome = new Map(result.links.map((l) => [l.url, l.outcome]));
    expect(outcome.get('http://www.gov.cn/')).toBe('dns'); // unmapped under --offline: does not resolve
    expect(outcome.get('http://www.county.gov.cn/tzgg/missing.html')).toBe('http-error');
    expect(outcome.get('http://www.county.gov.cn/files/empty.doc')).toBe('empty-attachment');
    expect(outcome.get('http://www.county.gov.cn/files/a.pdf')).toBe('ok');
    expect(outcome.get('http://www.county.gov.cn/logo.png')).toBe('ok');
    expect(
      result.links
        .filter(isBroken)
        .map((l) => l.url)
        .sort(),
    ).toEqual([
      'http://www.county.gov.cn/files/empty.doc',
      'http://www.county.gov.cn/tzgg/missing.html',
      'http://www.gov.cn/',
    ]);
    // Each URL once: the page fetched as a page is not checked again as a link.
    const gets = requests.filter((r) => r === 'GET /tzgg/1.html');
    expect(gets).toHaveLength(1);
    expect(result.linkSources['http://www.county.gov.cn/tzgg/1.html']).toHaveLength(2);
  });
});
