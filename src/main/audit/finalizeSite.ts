import fs from 'node:fs';
import type { LinkResult, PageArtifact, SiteArtifacts } from '../artifacts.js';
import type { Box, EvidenceRef, Finding, Site } from '../../shared/domain.js';
import type { IdentityRules } from '../checks/content/lexicon.js';
import { extractSiteCode } from '../checks/identity/footer.js';
import { availabilityWindow } from '../checks/dates/availabilityWindow.js';
import { runChecks } from '../checks/runChecks.js';
import { cropWithBox } from '../evidence/annotate.js';
import { EVIDENCE_THUMBNAIL, makeThumbnail } from '../evidence/pictures.js';
import {
  globalWhitelist,
  scannerFor,
  siteWhitelist,
  staticResources,
  workspaceCalendar,
  workspaceLeaders,
} from '../resources/checkEnvironment.js';
import type { RulePack } from '../scoring/rulePack.js';
import { scoreSite } from '../scoring/score.js';
import type { Workspace } from '../store/workspace.js';
import { assertAuditedHere } from './auditedHere.js';

/**
 * Evidence for each finding: the screenshot of the page it is on, a cropped copy with the element's box
 * drawn when the box is known, a small thumbnail for the workbook, and for links the HTTP exchange as JSON. Content-addressed, so re-running
 * this on the same stored run adds nothing new.
 */
async function attachEvidence(
  ws: Workspace,
  runId: string,
  findings: Finding[],
  pages: Map<string, PageArtifact>,
  links: Map<string, LinkResult>,
): Promise<Finding[]> {
  const crops = new Map<string, EvidenceRef | null>();
  const thumbnails = new Map<string, EvidenceRef | null>();
  // The workbook's thumbnail of the picture it shows (the crop, centred on the box, or the page's top), made
  // once here rather than for every export: making them was most of a large workbook's time.
  const thumbnailOf = async (shot: EvidenceRef, box: Box | null): Promise<EvidenceRef | null> => {
    const crop = box ? crops.get(`${shot.sha256}:${JSON.stringify(box)}`) : null;
    const [source, focus] = crop ? [crop, null] : [shot, box];
    const key = `${source.sha256}:${JSON.stringify(focus)}`;
    if (!thumbnails.has(key)) {
      const picture = await makeThumbnail(ws.absolute(source.path), focus, EVIDENCE_THUMBNAIL).catch(
        () => null,
      );
      thumbnails.set(key, picture ? ws.putEvidence(runId, picture.data, 'jpg', 'thumbnail') : null);
    }
    return thumbnails.get(key) ?? null;
  };
  const out: Finding[] = [];
  for (const f of findings) {
    const page = pages.get(f.pageUrl) ?? [...pages.values()].find((p) => p.isHome);
    const evidence: EvidenceRef[] = [...f.evidence];
    if (page?.screenshot) evidence.push(page.screenshot);
    if (page?.screenshot && f.box) {
      const key = `${page.screenshot.sha256}:${JSON.stringify(f.box)}`;
      if (!crops.has(key)) {
        const shot = fs.readFileSync(ws.absolute(page.screenshot.path));
        const crop = await cropWithBox(shot, f.box).catch(() => null);
        crops.set(key, crop ? ws.putEvidence(runId, crop, 'jpg', 'crop') : null);
      }
      const crop = crops.get(key);
      if (crop) evidence.push(crop);
    }
    const thumbnail = page?.screenshot ? await thumbnailOf(page.screenshot, f.box ?? null) : null;
    if (thumbnail) evidence.push(thumbnail);
    const link = links.get(f.url);
    if (link && (f.type === 'broken-link' || f.type === 'link-unchecked' || f.type === 'attachment-broken')) {
      evidence.push(ws.putEvidence(runId, Buffer.from(JSON.stringify(link, null, 2)), 'json', 'http'));
    }
    out.push({ ...f, evidence });
  }
  return out;
}

/** The ledger learns the 网站标识码 the home page shows (meta SiteIDCode or footer) when it has none. */
function recordSiteCode(ws: Workspace, site: Site, pages: PageArtifact[], rules: IdentityRules): void {
  if (site.siteCode) return;
  const home = pages.find((p) => p.isHome);
  if (!home) return;
  const meta = home.meta['SiteIDCode']?.trim() ?? '';
  const code = new RegExp(rules.siteCodePattern).test(meta) ? meta : extractSiteCode(home.footerText, rules);
  if (code) ws.sites.upsert({ ...site, siteCode: code });
}

/**
 * Runs every check over a site's stored artifacts and scores it under the pack, then stores findings
 * (chained) and the score. Reads only the workspace: `rescore` and a reviewer's decision call it again
 * without touching the network.
 */
export async function finalizeSite(args: {
  ws: Workspace;
  runId: string;
  siteId: number;
  pack: RulePack;
  resourcesDir: string;
  /**
   * During an audit (a browser at hand): screenshots the given pages, which have findings but were not
   * screenshotted while crawled, and returns those it could shoot. Absent when re-scoring (no network).
   */
  captureScreenshots?: (pages: PageArtifact[]) => Promise<PageArtifact[]>;
}): Promise<void> {
  const { ws, runId, siteId, pack } = args;
  assertAuditedHere(ws, runId);
  const run = ws.runs.get(runId)!;
  const site = ws.sites.get(siteId)!;
  const pages = ws.pages.list(runId, siteId);
  const { results, sources } = ws.links.forSite(runId, siteId);
  const window = availabilityWindow(run.asOf);
  const probes = ws.probes.forAudit(siteId, window.fromIso, window.toIso, runId);
  const artifacts: SiteArtifacts = {
    site: { id: site.id, name: site.name, url: site.url, siteCode: site.siteCode },
    pages,
    links: results,
    probes,
    linkSources: sources,
  };
  const res = staticResources(args.resourcesDir);
  recordSiteCode(ws, site, pages, res.lexicons.identity);
  const leaders = workspaceLeaders(ws, res.lexicons.leaders);
  const facts = runChecks(
    artifacts,
    {
      asOf: run.asOf,
      siteUrl: site.url,
      lexicons: res.lexicons,
      scanner: scannerFor(res, leaders, globalWhitelist(ws), run.asOf),
      siteWhitelist: siteWhitelist(ws, siteId),
      offline: run.vantage.offline,
    },
    {
      dict: res.columnDictionary,
      ledger: ws.columns.list(siteId).map((c) => ({
        name: c.name,
        url: c.url,
        category: c.category ?? undefined,
        level: c.level ?? undefined,
        excluded: c.excluded,
        confirmed: c.confirmed,
      })),
    },
  );
  // Findings a person filed (with their own evidence) survive re-scoring unchanged.
  const manual = ws.findings.list(runId, siteId).filter((f) => f.data?.['manual'] === true);
  const reviews = ws.reviews.latest(siteId);
  const dismissed = new Set(
    [...reviews.values()].filter((r) => r.action === 'dismiss').map((r) => r.fingerprint),
  );
  const withReviews = [...facts.findings, ...manual].map((f) => ({
    ...f,
    confirmed: reviews.get(f.fingerprint)?.action === 'confirm',
  }));
  const counted = probes.filter((p) => !p.localNetwork);
  const scored = scoreSite(
    {
      siteUrl: site.url,
      asOf: run.asOf,
      columns: facts.columns,
      homeLatestDate: facts.homeLatestDate,
      homeNavigationOnly: facts.homeNavigationOnly,
      consultation: facts.consultation,
      surveys: facts.surveys,
      interviews: facts.interviews,
      findings: withReviews.filter((f) => !dismissed.has(f.fingerprint)),
      availability: { probes: counted.length, failures: counted.filter((p) => !p.ok).length },
      manualReviews: ws.reviews.manual(siteId).map((m) => ({
        item: m.item,
        result: m.result,
        points: m.points ?? undefined,
        reviewer: m.reviewer,
        date: m.at.slice(0, 10),
      })),
      noPublicService: site.noPublicService,
      seed: `${runId}:${siteId}`,
      calendar: workspaceCalendar(ws, args.resourcesDir),
      dismissed,
    },
    pack,
  );
  const pageMap = new Map(pages.map((p) => [p.url, p]));
  const linkMap = new Map(results.map((r) => [r.url, r]));
  const found = [...facts.findings, ...scored.derivedFindings];
  if (args.captureScreenshots) {
    const unshot = new Set<PageArtifact>();
    for (const f of found) {
      const page = pageMap.get(f.pageUrl);
      if (page && !page.screenshot && !page.error) unshot.add(page);
    }
    for (const page of await args.captureScreenshots([...unshot])) {
      ws.pages.updateArtifact(runId, siteId, page);
      pageMap.set(page.url, page);
    }
  }
  const checked = await attachEvidence(ws, runId, found, pageMap, linkMap);
  const all = [...checked, ...manual];
  const derivedIds = new Set(scored.derivedFindings.map((f) => f.id));
  ws.tx(() => {
    ws.saveSiteFindings(runId, siteId, all, derivedIds);
    ws.runs.saveSiteScore(runId, siteId, scored.score, scored.columns, scored.availability);
  });
}
