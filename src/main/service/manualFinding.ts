import type { Finding, FindingType } from '../../shared/domain.js';
import { discoverBrowser } from '../browser/discover.js';
import { launchBrowser } from '../browser/launch.js';
import { makeFinding } from '../checks/finding.js';
import { sha256 } from '../evidence/files.js';
import { DEFAULT_RENDER, openAuditContext, renderPage } from '../gather/renderPage.js';
import type { NetworkOptions } from '../net/options.js';
import { canonicalFinding } from '../store/findings.js';
import type { Workspace } from '../store/workspace.js';

/**
 * A problem a person found: the page is rendered and screenshotted now, under the run's network vantage,
 * and filed in the run as a finding marked manual (kept across re-scoring) with its evidence chained.
 */
export async function captureManualFinding(
  ws: Workspace,
  input: {
    runId: string;
    siteId: number;
    url: string;
    type: FindingType;
    detail: string;
    reviewer: string;
    resourcesDir: string;
    browserPath: string | null;
    network: NetworkOptions;
  },
): Promise<Finding> {
  const site = ws.sites.get(input.siteId)!;
  const browser = await launchBrowser(
    await discoverBrowser({ setting: input.browserPath, resourcesDir: input.resourcesDir }),
    input.network,
  );
  try {
    const context = await openAuditContext(browser, input.network.userAgent);
    const page = await context.newPage();
    const artifact = await renderPage(page, input.url, {
      depth: 0,
      isHome: false,
      sink: { put: (data, ext, kind) => ws.putEvidence(input.runId, data, ext, kind) },
      options: DEFAULT_RENDER,
    });
    const finding = makeFinding({
      siteUrl: site.url,
      type: input.type,
      url: input.url,
      pageUrl: input.url,
      detail: input.detail,
      key: `manual:${input.detail}`,
      data: { manual: true, reviewer: input.reviewer, status: artifact.status, error: artifact.error },
      evidence: artifact.screenshot ? [artifact.screenshot] : [],
    });
    ws.tx(() => {
      ws.findings.add(input.runId, input.siteId, finding);
      ws.chain.append(input.runId, 'finding', finding.id, sha256(canonicalFinding(finding)));
    });
    return finding;
  } finally {
    await browser.close();
  }
}
