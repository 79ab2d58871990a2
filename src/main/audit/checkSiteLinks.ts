import type { Browser } from 'playwright-core';
import type { LinkResult } from '../artifacts.js';
import { checkLinks } from '../crawl/linkCheck.js';
import { recheckInBrowser } from '../gather/browserRecheck.js';
import { openAuditContext } from '../gather/renderPage.js';
import type { HttpClient } from '../net/httpClient.js';
import type { Workspace } from '../store/workspace.js';
import type { RunControl } from './control.js';

const FLUSH_EVERY = 50;

/**
 * Checks every URL the site's pages link to that this run has not checked yet (each URL once per run,
 * however many pages link to it), writing results in batches so a killed run loses at most one batch.
 */
export async function checkSiteLinks(args: {
  ws: Workspace;
  runId: string;
  siteId: number;
  client: HttpClient;
  browser: Browser;
  timeoutMs: number;
  concurrency: number;
  perHost: number;
  control: RunControl;
  onProgress: (checked: number, total: number) => void;
}): Promise<void> {
  const { ws, runId } = args;
  const { sources } = ws.links.forSite(runId, args.siteId);
  const urls = Object.keys(sources).filter((url) => !ws.links.get(runId, url));
  const total = Object.keys(sources).length;
  let checked = total - urls.length;
  let buffer: LinkResult[] = [];
  const flush = () => {
    const batch = buffer;
    buffer = [];
    ws.tx(() => batch.forEach((r) => ws.links.save(runId, r)));
  };
  const context = await openAuditContext(args.browser, args.client.options.userAgent);
  try {
    await checkLinks(
      urls,
      {
        client: args.client,
        concurrency: args.concurrency,
        perHost: args.perHost,
        timeoutMs: args.timeoutMs,
        signal: args.control.signal,
        whenRunning: () => args.control.checkpoint(),
        recheckInBrowser: (url) => recheckInBrowser(context, url, args.timeoutMs),
      },
      (result) => {
        buffer.push(result);
        checked++;
        if (buffer.length >= FLUSH_EVERY) flush();
        args.onProgress(checked, total);
      },
    );
  } finally {
    flush();
    await context.close().catch(() => undefined);
  }
}
