import type { Browser } from 'playwright-core';
import type { AuditProgress } from '../../shared/api.js';
import type { Site } from '../../shared/domain.js';
import { captureScreenshots } from '../gather/captureScreenshots.js';
import type { HttpClient } from '../net/httpClient.js';
import type { RulePack } from '../scoring/rulePack.js';
import type { Workspace } from '../store/workspace.js';
import { gatherSite } from './gatherSite.js';
import type { AuditDeps, AuditOptions } from './options.js';

/** What one site's audit needs: the same in the audit's own process and in a site worker process. */
export interface SiteAuditContext extends AuditDeps {
  ws: Workspace;
  runId: string;
  opts: AuditOptions;
  pack: RulePack;
  browser: Browser;
  client: HttpClient;
}

/** A site's progress event: what `p` says, the rest at its starting values. */
export function siteProgress(
  runId: string,
  site: Pick<Site, 'id' | 'name'>,
  p: Partial<AuditProgress>,
): AuditProgress {
  return {
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
  };
}

/**
 * One site of a run: crawl and render, check its links, take its probes, then the checks and scoring. The
 * site's status is stored as it goes; a site that fails is recorded as failed (the run goes on), and a
 * cancelled one stays unfinished so --resume picks it up.
 */
export async function auditSite(ctx: SiteAuditContext, siteId: number): Promise<void> {
  const { ws, runId, opts, control } = ctx;
  const site = ws.sites.get(siteId) as Site;
  const progress = (p: Partial<AuditProgress>) => ctx.onProgress(siteProgress(runId, site, p));
  try {
    ws.runs.setSiteStatus(runId, site.id, 'crawling');
    const crawl = await gatherSite({
      resourcesDir: ctx.resourcesDir,
      ws,
      runId,
      opts,
      site,
      browser: ctx.browser,
      client: ctx.client,
      control,
      progress,
    });
    if (control.cancelled) return;
    ctx.log(`site ${site.name}: ${crawl.pages} pages (${crawl.end})`);
    progress({ phase: 'checks', pagesDone: crawl.pages });
    // The checks (lexicons, text normalisation, image annotation) load when the first site gets here, not
    // before the audit's first request.
    const { finalizeSite } = await import('./finalizeSite.js');
    await finalizeSite({
      ws,
      runId,
      siteId: site.id,
      pack: ctx.pack,
      resourcesDir: ctx.resourcesDir,
      // Pages with findings that the crawl did not screenshot are shot in the same browser.
      captureScreenshots: (pages) =>
        captureScreenshots({
          browser: ctx.browser,
          userAgent: opts.network.userAgent,
          pages,
          options: opts.render,
          sink: { put: (data, ext, kind) => ws.putEvidence(runId, data, ext, kind) },
          concurrency: opts.limits.concurrency,
        }),
    });
    ws.runs.setSiteStatus(runId, site.id, 'done');
    progress({ phase: 'done', pagesDone: crawl.pages });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log(`site ${site.name} failed: ${message}`);
    ws.runs.setSiteStatus(runId, site.id, 'failed', message);
    progress({ phase: 'failed', message });
  }
}
