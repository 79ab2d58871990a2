import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { PageArtifact } from '../artifacts.js';
import { lacksPageIdentity } from '../checks/identity/functions.js';
import { loadIdentityRules } from '../resources/lexicons.js';
import type { AuditProgress } from '../../shared/api.js';
import type { Site } from '../../shared/domain.js';
import type { HttpClient } from '../net/httpClient.js';
import type { Workspace } from '../store/workspace.js';
import { checkSiteLinks } from './checkSiteLinks.js';
import type { RunControl } from './control.js';
import { crawlSite } from './crawlSite.js';
import type { AuditOptions } from './options.js';
import { chosenProblems, planRecheck, revisitSite } from './revisitSite.js';
import type { RecheckTargets } from './recheckScope.js';
import { takeProbes } from './takeProbes.js';

interface GatherArgs {
  ws: Workspace;
  runId: string;
  opts: AuditOptions;
  site: Site;
  browser: Browser;
  client: HttpClient;
  control: RunControl;
  progress: (p: Partial<AuditProgress>) => void;
  resourcesDir: string;
}

/**
 * Pages the checks will report for what they show by themselves (no 我为政府网站找错 entry, no site name in
 * the header): the crawl keeps their screenshot while they are loaded. Shot after the checks instead, each
 * would be loaded a second time, and where a site's template lacks the entry that is every page.
 */
function identityEvidence(resourcesDir: string, siteName: string): (page: PageArtifact) => boolean {
  const rules = loadIdentityRules(path.join(resourcesDir, 'lexicon'));
  return (page) => lacksPageIdentity(page, siteName, rules);
}

/** Crawls the whole site from its home page, or re-visits only a targeted re-check's pages. */
async function pagesOf(
  args: GatherArgs,
  targets: RecheckTargets | null,
): Promise<{ pages: number; end: string }> {
  const { ws, runId, opts, site, progress } = args;
  const sink = {
    put: (data: Buffer, ext: string, kind: Parameters<Workspace['putEvidence']>[3]) =>
      ws.putEvidence(runId, data, ext, kind),
  };
  const common = {
    ws,
    browser: args.browser,
    runId,
    render: opts.render,
    userAgent: opts.network.userAgent,
    sink,
    control: args.control,
  };
  if (targets && !targets.wholeSite) {
    const r = await revisitSite({
      ...common,
      earlierRunId: opts.recheckOf!,
      siteId: site.id,
      homeUrl: site.url,
      targets,
      onProgress: (pagesDone, currentUrl) =>
        progress({ phase: 'crawl', pagesDone, pagesQueued: targets.pages.size - pagesDone, currentUrl }),
    });
    return { pages: r.pages, end: `re-visited ${r.revisited} pages, carried over the rest` };
  }
  const siteHost = new URL(site.url).hostname;
  const subsiteHosts = ws.columns
    .list(site.id)
    .map((c) => (c.url ? new URL(c.url).hostname : null))
    .filter((h): h is string => h !== null && h !== siteHost);
  const started = Date.now();
  return crawlSite({
    ...common,
    site,
    subsiteHosts,
    limits: opts.limits,
    alsoShoot: identityEvidence(args.resourcesDir, site.name),
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
}

/**
 * Everything one site's audit gathers over the network: its pages (the whole site, or in a targeted
 * re-check (复查) only the pages of the chosen problems, the rest carried over from the earlier run), the
 * links they carry, and the availability probes (not in a targeted re-check: availability is a property of
 * the whole site). Stops early, with what it has stored, when the run is cancelled.
 */
export async function gatherSite(args: GatherArgs): Promise<{ pages: number; end: string }> {
  const { ws, runId, opts, site, control, progress } = args;
  const chosen = chosenProblems(opts, site.id);
  const targets = chosen ? planRecheck(ws, opts.recheckOf!, site.id, chosen.fingerprints) : null;
  const crawl = await pagesOf(args, targets);
  if (control.cancelled) return crawl;
  await checkSiteLinks({
    ws,
    runId,
    siteId: site.id,
    client: args.client,
    browser: args.browser,
    timeoutMs: opts.linkTimeoutMs,
    concurrency: Math.max(opts.limits.concurrency, opts.limits.perHost),
    perHost: opts.limits.perHost,
    control,
    onProgress: (checked, total) =>
      progress({ phase: 'links', pagesDone: crawl.pages, linksChecked: checked, linksTotal: total }),
  });
  if (control.cancelled || (targets && !targets.wholeSite)) return crawl;
  progress({ phase: 'probes', pagesDone: crawl.pages });
  await takeProbes({ ws, runId, site, client: args.client, ...opts.probes, control });
  return crawl;
}
