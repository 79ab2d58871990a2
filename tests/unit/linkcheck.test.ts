// Each link class against real HTTP(S) servers on 127.0.0.1, reached through --map-host under --offline.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkResult } from '../../src/main/artifacts.js';
import { checkFragment, checkLinks, type LinkCheckOptions } from '../../src/main/crawl/linkCheck.js';
import { isBroken } from '../../src/main/checks/links.js';
import { looksLikeSoft404 } from '../../src/main/crawl/linkSignals.js';
import { createHttpClient, type HttpClient } from '../../src/main/net/httpClient.js';
import { defaultNetworkOptions } from '../../src/main/net/options.js';

/** `n`: how many times this method, host and path have been asked for, this one included. */
type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

const hits = new Map<string, number>();
const userAgents = new Set<string>();
const count = (req: IncomingMessage): number => {
  const key = `${req.method} ${req.headers.host} ${req.url}`;
  const n = (hits.get(key) ?? 0) + 1;
  hits.set(key, n);
  return n;
};

const routes: Record<string, Handler> = {
  '/ok.html': (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>首页</title>'),
  '/missing.html': (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('not here'),
  '/reset': (req) => req.socket.destroy(),
  '/slow': () => undefined,
  '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_req, res) => res.writeHead(301, { location: 'http://www.county.gov.cn/loop-a' }).end(),
  '/moved': (_req, res) => res.writeHead(301, { location: '/ok.html' }).end(),
  '/report.pdf': (req, res) =>
    req.method === 'HEAD'
      ? res.writeHead(405).end()
      : res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from('%PDF-1.4 demo')),
  '/empty.docx': (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': 0 }).end(),
  // A county CMS error template served with 200, GBK-encoded (real pattern: 对不起，您访问的页面不存在).
  '/gone.html': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html; charset=gbk' })
      .end(
        iconv.encode(
          '<html><head><title>提示信息</title></head><body>对不起，您访问的页面不存在或已被删除！</body></html>',
          'gbk',
        ),
      ),
  '/flaky': (_req, res, n) =>
    n === 1 ? res.writeHead(500).end() : res.writeHead(200, { 'content-type': 'text/html' }).end('ok'),
  '/busy': (_req, res, n) =>
    n === 1
      ? res.writeHead(503, { 'retry-after': '1' }).end()
      : res.writeHead(200, { 'content-type': 'text/html' }).end('ok'),
  '/challenge': (_req, res) =>
    res.writeHead(412, { 'content-type': 'text/html' }).end('<script>/*challenge*/</script>'),
  '/waf403': (_req, res) =>
    res.writeHead(403, { 'content-type': 'text/html' }).end('<html>您的访问被阻断 安全狗 safedog</html>'),
  '/forbidden': (_req, res) =>
    res.writeHead(403, { 'content-type': 'text/html' }).end('<html>Forbidden</html>'),
};

const handler = (req: IncomingMessage, res: ServerResponse): void => {
  userAgents.add(String(req.headers['user-agent']));
  const n = count(req);
  const host = String(req.headers.host).split(':')[0];
  // 429 twice, then the page: ends ok, not broken.
  if (host === 'throttle.county.gov.cn')
    return void (n <= 2 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.writeHead(200).end('ok'));
  if (host === 'always429.county.gov.cn') return void res.writeHead(429, { 'retry-after': '3600' }).end();
  const route = routes[(req.url ?? '/').split('?')[0]];
  if (route) route(req, res, n);
  else res.writeHead(404).end();
};

/** Images for every path, counting the connections opened to it. */
let connections = 0;
const staticServer = createServer((req, res) =>
  res
    .writeHead(200, { 'content-type': 'image/png', 'content-length': 4 })
    .end(req.method === 'HEAD' ? undefined : 'PNG!'),
).on('connection', () => connections++);

/**
 * Redirect chains and attachments behind a HEAD-refusing server, counting connections and the bytes of a large
 * attachment the server managed to send before the client hung up.
 */
let keepConnections = 0;
let largeBytesSent = 0;
const LARGE_BYTES = 256 * 1024 * 1024;
const keepServer = createServer((req, res) => {
  const path = req.url ?? '/';
  const hop = /^\/r\/(\d+)$/.exec(path);
  if (hop && hop[1] === '0')
    return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>正文</title>');
  if (req.method === 'HEAD') return void res.writeHead(405).end();
  // Short bodies that arrive after their headers, as a body from disk or a slow CMS does.
  const later = (status: number, headers: Record<string, string | number>, body: string | Buffer): void => {
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) }).flushHeaders();
    setTimeout(() => res.end(body), 5);
  };
  if (hop) return later(302, { location: `/r/${Number(hop[1]) - 1}`, 'content-type': 'text/html' }, 'Moved');
  if (path === '/small.pdf') return later(200, { 'content-type': 'application/pdf' }, Buffer.alloc(5000));
  res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': LARGE_BYTES });
  const chunk = Buffer.alloc(1024 * 1024);
  const pump = (): void => {
    while (largeBytesSent < LARGE_BYTES && !res.destroyed) {
      largeBytesSent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}).on('connection', () => keepConnections++);

/**
 * A server that sends a body with its HEAD answers and keeps the connection: the stray body reaches the client
 * ahead of the next answer on that connection (written with it, so the garbling does not depend on timing).
 */
const garbling = createTcpServer((socket: Socket) => {
  let pending = '';
  let stray = '';
  socket.on('data', (chunk) => {
    pending += chunk.toString('latin1');
    for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
      const [method = '', path = ''] = pending.slice(0, end).split(' ');
      pending = pending.slice(end + 4);
      hits.set(`${method} garble ${path}`, (hits.get(`${method} garble ${path}`) ?? 0) + 1);
      const body = path.endsWith('.html') ? '<title>栏目</title>' : 'PNG!';
      const type = path.endsWith('.html') ? 'text/html; charset=utf-8' : 'image/png';
      const head = `HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n`;
      socket.write(
        Buffer.concat([Buffer.from(stray), Buffer.from(head), Buffer.from(method === 'HEAD' ? '' : body)]),
      );
      stray = method === 'HEAD' ? body : '';
    }
  });
});

let server: Server;
let tlsServer: Server;
let wrongHostServer: Server;
let closedPort: number;
let client: HttpClient;
let caPem: string;
let otherCertPem: string;
const base = 'http://www.county.gov.cn';

const listen = (s: Server): Promise<number> =>
  new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));

const options = (extra: Partial<LinkCheckOptions> = {}): LinkCheckOptions => ({
  client,
  timeoutMs: 1000,
  retries: 2,
  retryBaseDelayMs: 5,
  maxRetryAfterMs: 50,
  throttleDelayMs: 20,
  throttleAttempts: 3,
  secondPassIntervalMs: 10,
  ...extra,
});

const byUrl = (results: LinkResult[]): Map<string, LinkResult> => new Map(results.map((r) => [r.url, r]));

beforeAll(async () => {
  server = createServer(handler);
  const port = await listen(server);
  const closed = createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));

  const tls = await generate([{ name: 'commonName', value: 'secure.county.gov.cn' }], {
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'secure.county.gov.cn' }] }],
  });
  caPem = tls.cert;
  tlsServer = createTlsServer({ key: tls.private, cert: tls.cert }, (req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<title>${(req.socket as { servername?: string }).servername}</title>`),
  );
  const tlsPort = await listen(tlsServer);
  const other = await generate([{ name: 'commonName', value: 'other.example.com' }], {
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'other.example.com' }] }],
  });
  otherCertPem = other.cert;
  wrongHostServer = createTlsServer({ key: other.private, cert: other.cert }, (_req, res) =>
    res.writeHead(200).end('x'),
  );
  const wrongPort = await listen(wrongHostServer);
  const staticPort = await listen(staticServer);
  const keepPort = await listen(keepServer);
  const garblingPort = await new Promise<number>((resolve) =>
    garbling.listen(0, '127.0.0.1', () => resolve((garbling.address() as AddressInfo).port)),
  );

  client = createHttpClient(
    defaultNetworkOptions({
      offline: true,
      mapHost: {
        'www.county.gov.cn': `127.0.0.1:${port}`,
        'throttle.county.gov.cn': `127.0.0.1:${port}`,
        'always429.county.gov.cn': `127.0.0.1:${port}`,
        'dead.county.gov.cn': `127.0.0.1:${closedPort}`,
        'secure.county.gov.cn': `127.0.0.1:${tlsPort}`,
        'wronghost.county.gov.cn': `127.0.0.1:${wrongPort}`,
        'static.county.gov.cn': `127.0.0.1:${staticPort}`,
        'keep.county.gov.cn': `127.0.0.1:${keepPort}`,
        'garble.county.gov.cn': `127.0.0.1:${garblingPort}`,
      },
    }),
  );
});

afterAll(async () => {
  await client.close();
  for (const s of [server, tlsServer, wrongHostServer, staticServer, keepServer]) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  await new Promise((resolve) => garbling.close(resolve));
});

describe('checkLinks: one class per URL', () => {
  it('classifies ok, http-error, dns, refused, reset, timeout, redirect-loop, soft-404, empty attachment, skipped, malformed', async () => {
    const urls = [
      `${base}/ok.html`,
      `${base}/moved`,
      `${base}/missing.html`,
      'http://nowhere.county.gov.cn/index.html',
      'http://dead.county.gov.cn/',
      `${base}/reset`,
      `${base}/slow`,
      `${base}/loop-a`,
      `${base}/gone.html`,
      `${base}/empty.docx`,
      `${base}/report.pdf`,
      'mailto:zfb@county.gov.cn',
      'tel:0795-1234567',
      'javascript:void(0)',
      'http://[www.county.gov.cn/bad.html',
    ];
    const results = byUrl(await checkLinks(urls, options()));
    const outcome = (url: string) => results.get(url)?.outcome;
    expect(outcome(`${base}/ok.html`)).toBe('ok');
    expect(results.get(`${base}/moved`)).toMatchObject({
      outcome: 'ok',
      finalUrl: `${base}/ok.html`,
      redirects: [`${base}/ok.html`],
    });
    expect(results.get(`${base}/missing.html`)).toMatchObject({ outcome: 'http-error', status: 404 });
    expect(outcome('http://nowhere.county.gov.cn/index.html')).toBe('dns');
    expect(outcome('http://dead.county.gov.cn/')).toBe('refused');
    expect(results.get(`${base}/reset`)).toMatchObject({ outcome: 'reset' });
    expect(results.get(`${base}/reset`)?.attempts).toBe(3); // retried with backoff
    expect(outcome(`${base}/slow`)).toBe('timeout');
    expect(outcome(`${base}/loop-a`)).toBe('redirect-loop');
    expect(outcome(`${base}/gone.html`)).toBe('soft-404');
    expect(outcome(`${base}/empty.docx`)).toBe('empty-attachment');
    expect(outcome('mailto:zfb@county.gov.cn')).toBe('skipped');
    expect(outcome('tel:0795-1234567')).toBe('skipped');
    expect(outcome('javascript:void(0)')).toBe('skipped');
    expect(results.get('http://[www.county.gov.cn/bad.html')).toMatchObject({
      outcome: 'http-error',
      error: 'malformed URL',
    });
    expect([...userAgents].map(decodeURIComponent)).toEqual(['GovSiteAudit/0.1 (+政务网站检查工作站)']);
    const broken = [...results.values()].filter(isBroken).map((r) => r.url);
    expect(broken).toHaveLength(9);
  });

  it('falls back from a refused HEAD (405) to GET', async () => {
    const [result] = await checkLinks([`${base}/report.pdf`], options());
    expect(result).toMatchObject({ outcome: 'ok', status: 200, contentType: 'application/pdf' });
    expect(hits.get(`HEAD www.county.gov.cn /report.pdf`)).toBeGreaterThan(0);
    expect(hits.get(`GET www.county.gov.cn /report.pdf`)).toBeGreaterThan(0);
  });

  it('retries a 5xx and honours a 503 Retry-After', async () => {
    const results = byUrl(await checkLinks([`${base}/flaky`, `${base}/busy`], options()));
    expect(results.get(`${base}/flaky`)).toMatchObject({ outcome: 'ok', attempts: 2 });
    expect(results.get(`${base}/busy`)?.outcome).toBe('ok');
  });

  it('a host answering 429 twice then 200 is ok; one answering 429 to the end is unchecked, never broken', async () => {
    const results = byUrl(
      await checkLinks(
        ['http://throttle.county.gov.cn/a.html', 'http://always429.county.gov.cn/b.html'],
        options(),
      ),
    );
    const throttled = results.get('http://throttle.county.gov.cn/a.html') as LinkResult;
    expect(throttled).toMatchObject({ outcome: 'ok', status: 200, attempts: 3 });
    const refused = results.get('http://always429.county.gov.cn/b.html') as LinkResult;
    expect(refused).toMatchObject({ outcome: 'unchecked', status: 429 });
    expect(isBroken(refused)).toBe(false);
    // First pass + throttleAttempts in the slower second pass: the host is not hammered.
    expect(hits.get('GET always429.county.gov.cn /b.html')).toBe(4);
  });

  it('checks each URL once however many pages (and fragments) link to it', async () => {
    const url = `${base}/ok.html?once=1`;
    const results = await checkLinks([url, `${url}#top`, `${url}#section-2`, url], options());
    expect(results).toHaveLength(1);
    expect(hits.get('GET www.county.gov.cn /ok.html?once=1')).toBe(1);
  });

  it('a cancelled run rejects with its reason; links still waiting are never asked for', async () => {
    const cancel = new AbortController();
    const urls = Array.from({ length: 40 }, (_, i) => `${base}/slow?cancel=${i}`);
    const run = checkLinks(
      urls,
      options({ signal: cancel.signal, perHost: 2, timeoutMs: 10_000, retries: 0 }),
    );
    setTimeout(() => cancel.abort(new Error('run cancelled')), 100);
    await expect(run).rejects.toThrow('run cancelled');
    const asked = [...hits.keys()].filter((k) => k.includes('/slow?cancel=')).length;
    expect(asked).toBe(2);
  });

  it('a paused run sends no request until it is resumed', async () => {
    const url = `${base}/ok.html?paused=1`;
    let resume = () => {};
    const resumed = new Promise<void>((r) => (resume = r));
    const checking = checkLinks([url], { ...options(), whenRunning: () => resumed });
    await new Promise((r) => setTimeout(r, 300));
    expect(hits.get('GET www.county.gov.cn /ok.html?paused=1') ?? 0).toBe(0);
    expect(hits.get('HEAD www.county.gov.cn /ok.html?paused=1') ?? 0).toBe(0);
    resume();
    const [result] = await checking;
    expect(result.outcome).toBe('ok');
  });

  it('anti-bot answers: unchecked without a browser, the browser decides when wired, a plain 403 is broken', async () => {
    const urls = [`${base}/challenge`, `${base}/waf403`, `${base}/forbidden`];
    const plain = byUrl(await checkLinks(urls, options()));
    expect(plain.get(`${base}/challenge`)?.outcome).toBe('unchecked');
    expect(plain.get(`${base}/waf403`)?.outcome).toBe('unchecked');
    expect(plain.get(`${base}/forbidden`)).toMatchObject({ outcome: 'http-error', status: 403 });

    const asked: string[] = [];
    const recheckInBrowser = async (url: string): Promise<LinkResult | null> => {
      asked.push(url);
      if (url.endsWith('/forbidden')) return null;
      return { ...plain.get(url)!, outcome: 'ok', status: 200, error: null, via: 'browser', attempts: 1 };
    };
    const browsed = byUrl(await checkLinks(urls, options({ recheckInBrowser })));
    expect(asked.sort()).toEqual([...urls].sort());
    expect(browsed.get(`${base}/challenge`)).toMatchObject({ outcome: 'ok', via: 'browser' });
    expect(browsed.get(`${base}/waf403`)).toMatchObject({ outcome: 'ok', via: 'browser' });
    expect(browsed.get(`${base}/forbidden`)).toMatchObject({ outcome: 'http-error', status: 403 });
  });
});

describe('checkLinks: connections', () => {
  it('HEAD checks reuse kept-alive connections instead of opening one per HEAD', async () => {
    connections = 0;
    const urls = Array.from({ length: 30 }, (_, i) => `http://static.county.gov.cn/img/${i}.png`);
    const results = await checkLinks(urls, options({ perHost: 2 }));
    expect(results.every((r) => r.outcome === 'ok')).toBe(true);
    // At most the client's connections per host (4); undici alone closes the connection after every HEAD: 30.
    expect(connections).toBeLessThanOrEqual(4);
  });

  it('redirects and short unwanted bodies keep the connection; a large attachment is not downloaded', async () => {
    const single = createHttpClient(client.options, { perHost: 1 });
    const check = (urls: string[]) =>
      checkLinks(urls, options({ client: single, perHost: 1, concurrency: 1, retries: 0 }));
    try {
      keepConnections = 0;
      const kept = byUrl(
        await check(['http://keep.county.gov.cn/r/5', 'http://keep.county.gov.cn/small.pdf']),
      );
      expect(kept.get('http://keep.county.gov.cn/r/5')).toMatchObject({ outcome: 'ok', status: 200 });
      expect(kept.get('http://keep.county.gov.cn/r/5')?.redirects).toHaveLength(5);
      expect(kept.get('http://keep.county.gov.cn/small.pdf')).toMatchObject({ outcome: 'ok', status: 200 });
      // Five redirects, the page, the PDF's 405 and its GET on one connection: the short bodies were read out.
      expect(keepConnections).toBe(1);

      const large = byUrl(await check(['http://keep.county.gov.cn/large.pdf']));
      expect(large.get('http://keep.county.gov.cn/large.pdf')).toMatchObject({ outcome: 'ok', status: 200 });
      // One byte tells a real attachment from an empty one; the client hung up long before 256 MB.
      expect(largeBytesSent).toBeLessThan(LARGE_BYTES / 4);
    } finally {
      await single.close();
    }
  });

  it('a server that sends a body with HEAD answers: the garbled answer is asked again, nothing is broken', async () => {
    const urls = ['a.png', 'b.html', 'c.png', 'd.html'].map((f) => `http://garble.county.gov.cn/${f}`);
    // One connection, one request at a time, no retries: only the free re-ask can save b.html.
    const single = createHttpClient(client.options, { perHost: 1 });
    try {
      const results = byUrl(
        await checkLinks(urls, options({ client: single, perHost: 1, concurrency: 1, retries: 0 })),
      );
      for (const url of urls)
        expect(results.get(url)).toMatchObject({ outcome: 'ok', status: 200, attempts: 1 });
    } finally {
      await single.close();
    }
    // b.html met a.png's stray body; after that the host's HEADs close their connection, so d.html is clean.
    expect(
      ['a.png', 'b.html', 'c.png', 'd.html'].map((f) =>
        hits.get(`${f.endsWith('png') ? 'HEAD' : 'GET'} garble /${f}`),
      ),
    ).toEqual([1, 2, 1, 1]);
  });
});

describe('checkLinks: TLS', () => {
  it('a self-signed certificate is tls-invalid with the content loaded (status kept), not broken', async () => {
    const [result] = await checkLinks(['https://secure.county.gov.cn/'], options());
    expect(result).toMatchObject({ outcome: 'tls-invalid', status: 200 });
    expect(result.error).toMatch(/SELF_SIGNED/);
    expect(isBroken(result)).toBe(false);
  });

  it('a trusted certificate for another host is tls-invalid (wrong host)', async () => {
    // The certificate is trusted through --ca-file, so the host name is the only fault left.
    const caFile = join(mkdtempSync(join(tmpdir(), 'audit-ca-')), 'other.pem');
    writeFileSync(caFile, otherCertPem);
    const trusting = createHttpClient({ ...client.options, caFile });
    try {
      const [result] = await checkLinks(['https://wronghost.county.gov.cn/'], options({ client: trusting }));
      expect(result).toMatchObject({
        outcome: 'tls-invalid',
        status: 200,
        error: 'ERR_TLS_CERT_ALTNAME_INVALID',
      });
    } finally {
      await trusting.close();
    }
  });

  it('--ca-file makes a private CA trusted: the same self-signed site is ok', async () => {
    const caFile = join(mkdtempSync(join(tmpdir(), 'audit-ca-')), 'county.pem');
    writeFileSync(caFile, caPem);
    const trusting = createHttpClient({ ...client.options, caFile });
    try {
      const [result] = await checkLinks(['https://secure.county.gov.cn/'], options({ client: trusting }));
      expect(result).toMatchObject({ outcome: 'ok', status: 200, error: null });
    } finally {
      await trusting.close();
    }
  });
});

describe('checkFragment', () => {
  it('checks same-page fragments against the DOM ids', () => {
    expect(checkFragment('http://x.gov.cn/a.html#zwgk', ['zwgk', 'nav']).outcome).toBe('ok');
    expect(checkFragment('http://x.gov.cn/a.html#%E5%85%AC%E5%BC%80', ['公开']).outcome).toBe('ok');
    expect(checkFragment('http://x.gov.cn/a.html#top', []).outcome).toBe('ok');
    expect(checkFragment('http://x.gov.cn/a.html#missing', ['zwgk'])).toMatchObject({
      outcome: 'http-error',
      via: 'dom',
    });
  });
});

describe('soft-404 recognition', () => {
  it('reads a not-found title, not a list page numbered 404', () => {
    expect(looksLikeSoft404('<title>404 Not Found</title><body>很长的正文</body>')).toBe(true);
    expect(looksLikeSoft404('<title>错误404</title>')).toBe(true);
    // Seen in the benchmark portal: page 404 of a paged list is a real page.
    expect(looksLikeSoft404('<title>县人民政府 第404页</title><body>通知公告</body>')).toBe(false);
    expect(looksLikeSoft404(`<title>通知</title><body>${'正文'.repeat(2000)}页面不存在</body>`)).toBe(false);
  });
});
