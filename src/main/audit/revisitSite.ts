import type { Browser } from 'playwright-core';
import { openAuditContext, renderPage, type EvidenceSink, type RenderOptions } from '../gather/renderPage.js';
import type { Workspace } from '../store/workspace.js';
import type { AuditOptions } from './options.js';
import type { RunControl } from './control.js';
import { savePage } from './crawlSite.js';
import { recheckTargets, type RecheckTargets } from './recheckScope.js';

/** The chosen problems of one site in a targeted re-check run (AuditOptions.recheckProblems). */
export interface RecheckProblems {
  siteId: number;
  fingerprints: string[];
}

/** The problems a targeted re-check run chose on one site; undefined when the site is re-audited whole. */
export function chosenProblems(opts: AuditOptions, siteId: number): RecheckProblems | undefined {
  return opts.recheckOf ? opts.recheckProblems?.find((p) => p.siteId === siteId) : undefined;
}

/** What a targeted re-check of one site re-visits, worked out from the earlier run alone (so it repeats). */
export function planRecheck(
  ws: Workspace,
  earlierRunId: string,
  siteId: number,
  fingerprints: readonly string[],
): RecheckTargets {
  const wanted = new Set(fingerprints);
  const chosen = ws.findings
    .list(earlierRunId, siteId)
    .filter((f) => wanted.has(f.fingerprint) && f.data?.['manual'] !== true);
  const crawled = new Set(ws.pages.urls(earlierRunId, siteId));
  return recheckTargets(chosen, crawled, ws.links.forSite(earlierRunId, siteId).sources);
}

/**
 * The gathering half of a targeted re-check: the earlier run's pages and link results are carried into
 * this run, except the pages and links the chosen problems are about, which are rendered and checked again
 * (the caller then checks the links that are new or re-visited). Resumable: carried rows never overwrite
 * a page already re-rendered, and a page this run holds is not rendered twice.
 */
export async function revisitSite(args: {
  ws: Workspace;
  browser: Browser;
  runId: string;
  earlierRunId: string;
  siteId: number;
  homeUrl: string;
  targets: RecheckTargets;
  render: RenderOptions;
  userAgent: string;
  sink: EvidenceSink;
  control: RunControl;
  onProgress: (pagesDone: number, currentUrl: string | null) => void;
}): Promise<{ pages: number; revisited: number }> {
  const { ws, runId, earlierRunId, siteId, targets } = args;
  ws.tx(() => {
    ws.pages.carryOver(earlierRunId, runId, siteId, targets.pages);
    ws.links.carryOver(earlierRunId, runId, siteId, targets);
  });
  const held = new Set(ws.pages.urls(runId, siteId));
  const todo = [...targets.pages].filter((url) => !held.has(url));
  let revisited = targets.pages.size - todo.length;
  const context = await openAuditContext(args.browser, args.userAgent);
  try {
    for (const url of todo) {
      await args.control.checkpoint();
      if (args.control.cancelled) break;
      args.onProgress(revisited, url);
      const earlier = ws.pages.get(earlierRunId, url);
      // A fresh tab per page: the targets are few, and a page cut off while loading is never reused.
      const page = await context.newPage();
      try {
        const artifact = await renderPage(page, url, {
          depth: earlier?.depth ?? 1,
          isHome: earlier?.isHome ?? url === args.homeUrl,
          sink: args.sink,
          options: args.render,
        });
        savePage(ws, runId, siteId, artifact);
      } finally {
        await page.close().catch(() => undefined);
      }
      revisited++;
    }
    args.onProgress(revisited, null);
  } finally {
    await context.close().catch(() => undefined);
  }
  return { pages: ws.pages.count(runId, siteId), revisited };
}
