// Generated bench portals served from a process of their own. The measuring process reads /proc for the
// measured side's memory, and one sample of Chromium's tree blocks it for tens of milliseconds: a server in
// that process would answer nothing meanwhile, and the side loading the most pages would wait the most (the
// links bench serves its portal apart for the same reason).
//   servePortals({ hosts, pages, linksPerPage, brokenEvery }) forks this file, which answers with its
//   host → address map and serves until its parent disconnects.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateBenchPortal } from '../tests/fixtures/portal/bench.js';
import { startFixtureServer } from '../tests/fixtures/server.js';

/** The argument that makes this module serve: it is also bundled into measured children, which must not. */
const SERVE = '--serve-portals';

export interface PortalSpec {
  hosts: string[];
  pages: number;
  linksPerPage: number;
  brokenEvery: number;
}

export interface ServedPortals {
  /** host → '127.0.0.1:PORT'. */
  mapHost: Record<string, string>;
  close(): void;
}

export async function servePortals(spec: PortalSpec): Promise<ServedPortals> {
  const child = fork(fileURLToPath(import.meta.url), [SERVE, JSON.stringify(spec)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const mapHost = await new Promise<Record<string, string>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`portal server exited with ${code}`)));
    child.once('message', (message) => resolve(message as Record<string, string>));
  });
  child.removeAllListeners('exit');
  return { mapHost, close: () => child.disconnect() };
}

async function serve(spec: PortalSpec): Promise<void> {
  const sites = spec.hosts.map(
    (host) =>
      generateBenchPortal({
        pages: spec.pages,
        linksPerPage: spec.linksPerPage,
        brokenEvery: spec.brokenEvery,
        host,
      }).site,
  );
  const server = await startFixtureServer(sites);
  process.on('disconnect', () => void server.close());
  process.send?.(server.mapHost());
}

if (process.argv[2] === SERVE) await serve(JSON.parse(process.argv[3]!) as PortalSpec);
