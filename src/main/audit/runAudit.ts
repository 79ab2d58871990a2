import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { NetworkVantage, Site } from '../../shared/domain.js';
import { AppError } from '../../shared/errors.js';
import { discoverBrowser, type BrowserFound } from '../browser/discover.js';
import { launchBrowser } from '../browser/launch.js';
import { createHttpClient, type HttpClient } from '../net/httpClient.js';
import { loadRulePack } from '../resources/rulePacks.js';
import { backupWorkspace } from '../store/backup.js';
import type { Workspace } from '../store/workspace.js';
import type { RunControl } from './control.js';
import { auditSite } from './auditSite.js';
import { auditSitesInWorkers, laneConcurrency, siteLanes, siteWorkerEntry } from './siteWorkers.js';
import { chosenProblems } from './revisitSite.js';
import { takeProbes } from './takeProbes.js';
import { applyRecheck } from './recheck.js';
import type { AuditDeps, AuditOptions } from './options.js';

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

function firstProbeOf(
  ws: Workspace,
  runId: string,
  opts: AuditOptions,
  siteId: number | undefined,
  client: HttpClient,
  control: RunControl,
  log: (line: string) => void,
): Promise<void> {
  if (siteId === undefined || chosenProblems(opts, siteId) || opts.probes.count === 0)
    return Promise.resolve();
  const site = ws.sites.get(siteId) as Site;
  // A probe that could not be stored is taken again with the site's other probes.
  return takeProbes({ ws, runId, site, client, ...opts.probes, count: 1, control }).catch((error: unknown) =>
    log(`first probe of ${site.url} failed: ${error instanceof Error ? error.message : String(error)}`),
  );
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
  try {
    client = createHttpClient(
      { ...opts.network, timeoutMs: opts.linkTimeoutMs },
      { perHost: opts.limits.perHost },
    );
    const pending = ws.runs.sites(runId).filter((s) => s.status !== 'done');
    // The first site's first availability probe goes out while the browsers start (about a second): the
    // run is visibly under way at once, and the probes are spread over the audit rather than bunched.
    const firstProbe = firstProbeOf(ws, runId, opts, pending[0]?.siteId, client, deps.control, deps.log);
    const entry = siteWorkerEntry();
    const lanes = entry ? siteLanes(opts.workers, pending.length, opts.limits.concurrency) : 1;
    if (lanes > 1 && entry) {
      deps.log(`auditing ${pending.length} sites in ${lanes} worker processes`);
      await auditSitesInWorkers({
        ws,
        runId,
        siteIds: pending.map((s) => s.siteId),
        lanes,
        concurrency: laneConcurrency(opts.limits.concurrency, lanes),
        entry,
        resourcesDir: deps.resourcesDir,
        control: deps.control,
        onProgress: deps.onProgress,
        log: deps.log,
        firstProbe,
      });
    } else {
      browser = await launchBrowser(found, opts.network);
      await firstProbe;
      const context = { ...deps, ws, runId, opts, pack, browser, client };
      for (const entry of pending) {
        if (deps.control.cancelled) break;
        await auditSite(context, entry.siteId);
      }
    }
    // A finished re-check (复查), first run or resumed, marks the earlier run's problems.
    if (opts.recheckOf && !deps.control.cancelled) {
      const marked = applyRecheck(ws, opts.recheckOf, runId);
      deps.log(
        `re-check of ${opts.recheckOf}: ${marked.fixed} fixed, ${marked.open} open, ${marked.added} new`,
      );
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
