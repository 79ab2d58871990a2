// A site worker process: opens the run's workspace, starts its own browser and HTTP client, and audits the
// sites its parent hands it one at a time (auditSite, the same code as a single-process run), reporting
// progress and log lines back. It ends when told to stop, or when its parent goes away.
import process from 'node:process';
import type { Browser } from 'playwright-core';
import { discoverBrowser } from '../browser/discover.js';
import { launchBrowser } from '../browser/launch.js';
import { createHttpClient, type HttpClient } from '../net/httpClient.js';
import { loadRulePack } from '../resources/rulePacks.js';
import { Workspace } from '../store/workspace.js';
import { auditSite, type SiteAuditContext } from './auditSite.js';
import { RunControl } from './control.js';
import type { AuditOptions } from './options.js';
import type { FromSiteWorker, ToSiteWorker } from './siteWorkerProtocol.js';

const send = (message: FromSiteWorker) => {
  if (process.connected) process.send?.(message);
};
const control = new RunControl();
let ws: Workspace | null = null;
let browser: Browser | null = null;
let client: HttpClient | null = null;
let context: Promise<SiteAuditContext> | null = null;
/** The site being audited: closing waits for it, so nothing is cut off mid-write. */
let current: Promise<void> = Promise.resolve();
let closing: Promise<void> | null = null;

async function open(init: Extract<ToSiteWorker, { type: 'init' }>): Promise<SiteAuditContext> {
  // The run's process checked this workspace when it opened it (OpenDbOptions.quickCheck).
  ws = Workspace.open(init.dir, { quickCheck: false });
  const run = ws.runs.get(init.runId);
  if (!run) throw new Error(`run ${init.runId} not found`);
  const stored = run.options as unknown as AuditOptions;
  // The lane's share of the run's pages in flight.
  const opts = { ...stored, limits: { ...stored.limits, concurrency: init.concurrency } };
  const pack = loadRulePack(run.rulePack, init.resourcesDir);
  const found = await discoverBrowser({ setting: opts.browserPath, resourcesDir: init.resourcesDir });
  client = createHttpClient(
    { ...opts.network, timeoutMs: opts.linkTimeoutMs },
    { perHost: opts.limits.perHost },
  );
  browser = await launchBrowser(found, opts.network);
  return {
    ws,
    runId: init.runId,
    opts,
    pack,
    resourcesDir: init.resourcesDir,
    browser,
    client,
    control,
    onProgress: (progress) => send({ type: 'progress', progress }),
    log: (line) => send({ type: 'log', line }),
  };
}

function close(): Promise<void> {
  closing ??= (async () => {
    await current;
    await client?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    ws?.close();
    if (process.connected) process.disconnect();
  })();
  return closing;
}

process.on('message', (message: ToSiteWorker) => {
  switch (message.type) {
    case 'init':
      context = open(message);
      context.then(
        () => send({ type: 'ready' }),
        (error: unknown) => {
          send({ type: 'init-failed', message: error instanceof Error ? error.message : String(error) });
          void close();
        },
      );
      return;
    case 'site':
      current = (async () => {
        const ctx = await context;
        if (ctx) await auditSite(ctx, message.siteId);
        send({ type: 'site-done', siteId: message.siteId });
      })();
      return;
    case 'pause':
      return control.pause();
    case 'resume':
      return control.resume();
    case 'cancel':
      return control.cancel();
    case 'stop':
      void close();
  }
});

// The audit that started this worker is gone (killed, crashed): stop after the pages in flight, close the
// browser and the database, and exit; the run resumes from what is stored.
process.on('disconnect', () => {
  control.cancel();
  void close();
});
