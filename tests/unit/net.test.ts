// --map-host, --offline and --proxy in the HTTP client, against servers on loopback addresses only.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { generate } from 'selfsigned';
import * as undici from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../../src/main/crawl/linkCheck.js';
import { createHttpClient } from '../../src/main/net/httpClient.js';
import * as pool from '../../src/main/net/undiciPool.js';
import {
  defaultNetworkOptions,
  NetworkOptionsError,
  parseMapHost,
  resolveTarget,
  userAgentHeader,
} from '../../src/main/net/options.js';

interface Counted {
  server: Server;
  port: number;
  connections: number;
  hosts: string[];
}

async function countingServer(address: string, make: () => Server = () => createServer()): Promise<Counted> {
  const server = make();
  const counted: Counted = { server, port: 0, connections: 0, hosts: [] };
  server.on('connection', () => counted.connections++);
  server.on('request', (req, res) => {
    counted.hosts.push(String(req.headers.host));
    const sni = (req.socket as { servername?: string }).servername ?? '';
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`host=${req.headers.host} sni=${sni}`);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  counted.port = (server.address() as AddressInfo).port;
  return counted;
}

async function stop(...servers: Server[]): Promise<void> {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
}

describe('options', () => {
  it('parses --map-host entries and rejects malformed ones', () => {
    expect(parseMapHost(['WWW.Example.GOV.cn=127.0.0.1:8080', 'b.gov.cn=127.0.0.2'])).toEqual({
      'www.example.gov.cn': '127.0.0.1:8080',
      'b.gov.cn': '127.0.0.2',
    });
    expect(() => parseMapHost(['www.example.gov.cn'])).toThrow(NetworkOptionsError);
    expect(() => parseMapHost(['www.example.gov.cn=localhost:80'])).toThrow(NetworkOptionsError);
    expect(() => parseMapHost(['www.example.gov.cn=127.0.0.1:99999'])).toThrow(NetworkOptionsError);
  });

  it('refuses --offline with --proxy (the proxy would carry nothing)', () => {
    expect(() => defaultNetworkOptions({ offline: true, proxy: 'http://10.0.0.1:3128' })).toThrow(
      /cannot be combined/,
    );
    expect(() => defaultNetworkOptions({ proxy: 'socks://x' })).toThrow(NetworkOptionsError);
  });

  it('resolves targets under the offline rules', () => {
    const opts = defaultNetworkOptions({
      offline: true,
      mapHost: { 'www.a.gov.cn': '127.0.0.1:9000', 'b.gov.cn': '127.0.0.3' },
    });
    expect(resolveTarget('WWW.A.GOV.CN', 80, opts)).toEqual({ host: '127.0.0.1', port: 9000, mapped: true });
    expect(resolveTarget('b.gov.cn', 443, opts)).toEqual({ host: '127.0.0.3', port: 443, mapped: true });
    expect(resolveTarget('127.0.0.1', 9000, opts)).toEqual({ host: '127.0.0.1', port: 9000, mapped: false });
    expect(() => resolveTarget('c.gov.cn', 80, opts)).toThrow(expect.objectContaining({ code: 'ENOTFOUND' }));
    expect(() => resolveTarget('10.1.2.3', 80, opts)).toThrow(
      expect.objectContaining({ code: 'ERR_OFFLINE_BLOCKED' }),
    );
    const online = defaultNetworkOptions({ mapHost: { 'www.a.gov.cn': '127.0.0.1:9000' } });
    expect(resolveTarget('c.gov.cn', 80, online)).toEqual({ host: 'c.gov.cn', port: 80, mapped: false });
  });

  it('sends the tool name as a Latin-1-safe User-Agent', () => {
    const ua = userAgentHeader(defaultNetworkOptions().userAgent);
    expect(ua).toMatch(/^GovSiteAudit\/0\.1 \(\+%E6%94%BF/);
    expect(decodeURIComponent(ua)).toBe('GovSiteAudit/0.1 (+政务网站检查工作站)');
  });
});

describe('HTTP client', () => {
  it("loads undici's own pool files: the very classes its entry exports", () => {
    expect(pool.Agent).toBe(undici.Agent);
    expect(pool.EnvHttpProxyAgent).toBe(undici.EnvHttpProxyAgent);
    expect(pool.buildConnector).toBe(undici.buildConnector);
  });

  let site: Counted;
  let bystander: Counted;
  beforeAll(async () => {
    site = await countingServer('127.0.0.1');
    // Listens on another loopback address: any packet to it is counted.
    bystander = await countingServer('127.0.0.2');
  });
  afterAll(() => stop(site.server, bystander.server));

  it('--map-host sends name:port to the mapped address and keeps the Host header', async () => {
    const client = createHttpClient(
      defaultNetworkOptions({ offline: true, mapHost: { 'www.county.gov.cn': `127.0.0.1:${site.port}` } }),
    );
    try {
      const res = await undici.request('http://www.county.gov.cn/index.html', {
        dispatcher: client.dispatcher,
      });
      expect(await res.body.text()).toBe('host=www.county.gov.cn sni=');
    } finally {
      await client.close();
    }
  });

  it('--offline: an unmapped name fails as DNS failure', async () => {
    const client = createHttpClient(defaultNetworkOptions({ offline: true }));
    try {
      const [result] = await checkLinks(['http://unmapped.county.gov.cn/'], { client, retries: 0 });
      expect(result.outcome).toBe('dns');
      expect(result.error).toMatch(/ENOTFOUND/);
    } finally {
      await client.close();
    }
  });

  it('--offline: an unmapped IP literal fails with no connection attempted', async () => {
    const client = createHttpClient(
      defaultNetworkOptions({ offline: true, mapHost: { 'www.county.gov.cn': `127.0.0.1:${site.port}` } }),
    );
    try {
      const before = bystander.connections;
      const results = await checkLinks(
        [`http://127.0.0.2:${bystander.port}/`, `https://127.0.0.2:${bystander.port}/`],
        { client, retries: 2, retryBaseDelayMs: 1 },
      );
      expect(results.map((r) => r.outcome)).toEqual(['refused', 'refused']);
      expect(results[0].error).toMatch(/ERR_OFFLINE_BLOCKED/);
      expect(bystander.connections).toBe(before);
      // Control: the bystander does count a connection made directly.
      await new Promise<void>((resolve) => {
        const socket: Socket = connect(bystander.port, '127.0.0.2', () => socket.end(resolve));
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(bystander.connections).toBe(before + 1);
      // The mapped target's own address stays reachable as a literal.
      const [direct] = await checkLinks([`http://127.0.0.1:${site.port}/`], { client });
      expect(direct.outcome).toBe('ok');
    } finally {
      await client.close();
    }
  });

  it('keeps the original name as TLS server name when mapped', async () => {
    const pems = await generate([{ name: 'commonName', value: 'secure.county.gov.cn' }], {
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'secure.county.gov.cn' }] }],
    });
    const tls = await countingServer('127.0.0.1', () =>
      createTlsServer({ key: pems.private, cert: pems.cert }),
    );
    const client = createHttpClient(
      defaultNetworkOptions({ offline: true, mapHost: { 'secure.county.gov.cn': `127.0.0.1:${tls.port}` } }),
    );
    try {
      const res = await undici.request('https://secure.county.gov.cn/', { dispatcher: client.insecure() });
      expect(await res.body.text()).toBe('host=secure.county.gov.cn sni=secure.county.gov.cn');
    } finally {
      await client.close();
      await stop(tls.server);
    }
  });

  it('--proxy carries unmapped names through the proxy, mapped hosts go direct', async () => {
    // A forward proxy on loopback that "resolves" every name to the site server, and records the tunnels.
    const tunnels: string[] = [];
    const plain: string[] = [];
    const proxy = createServer((req, res) => {
      plain.push(String(req.url));
      const upstream = httpRequest(
        { host: '127.0.0.1', port: site.port, path: new URL(String(req.url)).pathname, headers: req.headers },
        (up) => up.pipe(res.writeHead(up.statusCode ?? 502, up.headers)),
      );
      req.pipe(upstream);
    });
    proxy.on('connect', (req, clientSocket: Socket, head) => {
      tunnels.push(String(req.url));
      const upstream = connect(site.port, '127.0.0.1', () => {
        clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(clientSocket).pipe(upstream);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const client = createHttpClient(
      defaultNetworkOptions({ proxy: proxyUrl, mapHost: { 'www.mapped.gov.cn': `127.0.0.1:${site.port}` } }),
    );
    try {
      const viaProxy = await undici.request('http://www.proxied.gov.cn/a.html', {
        dispatcher: client.dispatcher,
      });
      expect(await viaProxy.body.text()).toBe('host=www.proxied.gov.cn sni=');
      const direct = await undici.request('http://www.mapped.gov.cn/b.html', {
        dispatcher: client.dispatcher,
      });
      expect(await direct.body.text()).toBe('host=www.mapped.gov.cn sni=');
      expect([...tunnels, ...plain]).toEqual([expect.stringContaining('www.proxied.gov.cn')]);
    } finally {
      await client.close();
      await stop(proxy);
    }
  });
});
