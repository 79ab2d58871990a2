// The page and link figures of a run merged from a package, per site, as the workstation that audited it
// counted them. A package carries results.json but not its page and link rows, so the merged workspace has
// nothing to count them from; importRun keeps the package's results.json under imports/<run id>/.
import fs from 'node:fs';
import path from 'node:path';
import type { ResultsJson, SiteResult } from '../../shared/domain.js';
import type { Workspace } from '../store/workspace.js';
import { importFolder } from './importRun.js';

export type SiteCounts = Pick<SiteResult, 'pages' | 'links'>;
/** By ledger site id; null for a run audited in this workspace. */
export type ImportedCounts = Map<number, SiteCounts> | null;

export function importedSiteCounts(ws: Workspace, runId: string): ImportedCounts {
  const file = ws.absolute(path.posix.join(importFolder(runId), 'results.json'));
  if (!fs.existsSync(file)) return null;
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as ResultsJson;
  const counts = new Map<number, SiteCounts>();
  for (const site of results.sites) {
    const ledger = ws.sites.byUrl(site.url);
    if (ledger) counts.set(ledger.id, { pages: site.pages, links: site.links });
  }
  return counts;
}
