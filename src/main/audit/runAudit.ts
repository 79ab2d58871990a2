import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { AuditProgress } from '../../shared/api.js';
import type { NetworkVantage, Site } from '../../shared/domain.js';
import { AppError } from '../../shared/errors.js';
import { discoverBrowser, type BrowserFound } from '../browser/discover.js';
import { launchBrowser } from '../browser/launch.js';
import { createHttpClient, type HttpClient } from '../net/httpClient.js';
import { loadRulePack } from '../resources/rulePacks.js';
import { backupWorkspace } from '../store/backup.js';
import type { Workspace } from '../store/workspace.js';
import type { RunControl } from './control.js';
import { crawlSite } from './crawlSite.js';
import { finalizeSite } from './finalizeSite.js';
import { checkSiteLinks } from './checkSiteLinks.js';
import type { AuditOptions } from './options.js';
import { takeProbes } from './takeProbes.js';

export interface AuditDeps {
  resourcesDir: string;
  control: RunControl;
  onProgress: (p: AuditProgress) => void;
  log: (line: string) => void;
}

function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

function vantage(opts: AuditOptions, browser: BrowserFound | null): NetworkVantage {
  return {
    offline: opts.network.offline,
    mapHost: opts.network.mapHost,
    proxy: opts.network.proxy,
    caFile: opts.network.caFile,
    browser: browser ? `${browser.source}:${browser.executablePath}` : null,
  };
}

/** Creates the run record (or reopens an unfinished one for --resume) and returns its id. */
export function createRun(
  ws: Workspace,
  opts: AuditOptions,
  rulePack: { id: string; version: string },
): string {
  const id = newRunId();
  ws.runs.create(
    {
      id,
      startedAt: new Date().toISOString(),
      asOf: opts.asOf,
      rulePack: rulePack.id,
      rulePackVersion: rulePack.version,
      status: 'running',
      options: opts as unknown as Record<string, unknown>,
      vantage: vantage(opts, null),
      recheckOf: opts.recheckOf,
    },
    opts.siteIds,
  );
  return id;
}

/**
 * Runs (or resumes) an audit: per site, crawl and render, check every link, take the availability probes,
 * then run the checks and score under the rule pack. Everything is written as it goes, so an interrupted
 * run resumes where it stopped; a site that fails is recorded and the run goes on with the next.
 */
export async function runAudit(ws: Workspace, runId: string, deps: AuditDeps): Promise<void> {
  const run = ws.runs.get(runId);
  if (!run) throw new AppError('not-found', `run ${runId} not found`, `找不到检查批次 ${runId}。`);
  const opts = run.options as unknown as AuditOptions;
  const pack = loadRulePack(run.rulePack, deps.resourcesDir);
  for (const leftover of ws.removeUnrecordedEvidence())
    deps.log(`removed unrecorded evidence file ${leftover}`);
  const found = await discoverBrowser({ setting: opts.browserPath, resourcesDir: deps.resourcesDir });
  ws.runs.setStatus(runId, 'running');
  ws.db
    .prepare('UPDATE runs SET vantage_json = ? WHERE id = ?')
    .run(JSON.stringify(vantage(opts, found)), runId);
  let browser: Browser | null = null;
  let client: HttpClient | null = null;
  const started = Date.now();
  try {
    browser = await launchBrowser(found, opts.network);
    client = createHttpClient(
      { ...opts.network, timeoutMs: opts.linkTimeoutMs },
      { perHost: opts.limits.perHost },
    );
    const pending = ws.runs.sites(runId).filter((s) => s.status !== 'done');
    for (const entry of pending) {
      if (deps.control.cancelled) break;
      const site = ws.sites.get(entry.siteId) as Site;
      const progress = (p: Partial<AuditProgress>) =>
        deps.onProgress({
          runId,
          siteId: site.id,
          siteName: site.name,
          phase: 'crawl',
          pagesDone: 0,
          pagesQueued: 0,
          linksChecked: 0,
          linksTotal: 0,
          rate: 0,
          etaSeconds: null,
          currentUrl: null,
          ...p,
        });
      try {
        ws.runs.setSiteStatus(runId, site.id, 'crawling');
        const subsiteHosts = ws.columns
          .list(site.id)
          .map((c) => (c.url ? new URL(c.url).hostname : null))
          .filter((h): h is string => h !== null && h !== new URL(site.url).hostname);
        const sink = {
          put: (data: Buffer, ext: string, kind: Parameters<Workspace['putEvidence']>[3]) =>
            ws.putEvidence(runId, data, ext, kind),
        };
        const crawl = await crawlSite({
          ws,
          browser,
          runId,
          site,
          subsiteHosts,
          limits: opts.limits,
          render: opts.render,
          userAgent: opts.network.userAgent,
          sink,
          control: deps.control,
          onProgress: (c) => {
            const elapsed = (Date.now() - started) / 1000;
            const rate = elapsed > 0 ? c.pagesDone / elapsed : 0;
            progress({
              phase: 'crawl',
              pagesDone: c.pagesDone,
              pagesQueued: c.pagesQueued,
              currentUrl: c.currentUrl,
              rate,
              etaSeconds: rate > 0 ? Math.round(c.pagesQueued / rate) : null,
            });
          },
        });
        if (deps.control.cancelled) break;
        deps.log(`site ${site.name}: ${crawl.pages} pages (${crawl.end})`);
        await checkSiteLinks({
          ws,
          runId,
          siteId: site.id,
          client,
          browser,
          timeoutMs: opts.linkTimeoutMs,
          concurrency: Math.max(opts.limits.concurrency, opts.limits.perHost),
          perHost: opts.limits.perHost,
          control: deps.control,
          onProgress: (checked, total) =>
            progress({ phase: 'links', pagesDone: crawl.pages, linksChecked: checked, linksTotal: total }),
        });
        if (deps.control.cancelled) break;
        progress({ phase: 'probes', pagesDone: crawl.pages });
        await takeProbes({ ws, runId, site, client, ...opts.probes, control: deps.control });
        progress({ phase: 'checks', pagesDone: crawl.pages });
        await finalizeSite({ ws, runId, siteId: site.id, pack, resourcesDir: deps.resourcesDir });
        ws.runs.setSiteStatus(runId, site.id, 'done');
        progress({ phase: 'done', pagesDone: crawl.pages });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.log(`site ${site.name} failed: ${message}`);
        ws.runs.setSiteStatus(runId, site.id, 'failed', message);
        progress({ phase: 'failed', message });
      }
    }
    ws.runs.setStatus(runId, deps.control.cancelled ? 'cancelled' : 'done');
    // Every finished run leaves an integrity-checked copy of the database (the last few are kept).
    const backup = await backupWorkspace(ws, path.join(ws.dir, 'backups'));
    deps.log(`backup: ${backup.file}`);
  } catch (error) {
    ws.runs.setStatus(runId, 'failed');
    throw error;
  } finally {
    await client?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}
