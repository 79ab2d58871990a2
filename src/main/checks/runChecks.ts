// Every check over one site's artifacts, in one place: facts and fact findings, no judgement by windows
// (that is scoring's, with the rule pack). Pure: the same artifacts always give the same result.
import type { SiteArtifacts } from '../artifacts.js';
import type { ColumnFact, Finding } from '../../shared/domain.js';
import { blankColumnFindings } from './columns/blankColumns.js';
import { deriveColumns, homeLatestDate, type LedgerColumn } from './columns/deriveColumns.js';
import type { ColumnDictionary } from './columns/dictionary.js';
import type { CheckContext } from './context.js';
import { checkPageText } from './content/text-checks.js';
import { checkGuideAttachments, checkGuideElements } from './guides/guides.js';
import { checkDomain, checkIpv6 } from './identity/domain.js';
import { checkIdentity } from './identity/footer.js';
import { checkFindFault, checkSearch, checkSiteName } from './identity/functions.js';
import { checkPageTags } from './identity/tags.js';
import { activityFacts } from './interaction/activities.js';
import { checkConsultationMissing } from './interaction/channels.js';
import { consultationMessages } from './interaction/messages.js';
import { isBroken, linkFindings } from './links.js';

export interface SiteFacts {
  findings: Finding[];
  columns: ColumnFact[];
  homeLatestDate: string | null;
  homeNavigationOnly: boolean;
  consultation: {
    name: string;
    channel: 'consultation';
    messages: { askedAt: string; repliedAt: string | null; url: string }[];
  }[];
  surveys: { date: string; url: string | null; title: string }[];
  interviews: { date: string; url: string | null; title: string }[];
}

const FINDING_CHECKS = [
  checkPageText,
  checkIdentity,
  checkFindFault,
  checkSearch,
  checkSiteName,
  checkPageTags,
  checkDomain,
  checkIpv6,
  checkConsultationMissing,
  checkGuideElements,
  checkGuideAttachments,
] as const;

export function runChecks(
  all: SiteArtifacts,
  ctx: CheckContext,
  columnsCtx: { dict: ColumnDictionary; ledger: LedgerColumn[] },
): SiteFacts {
  // An error page (404, 500, a soft 404 …) is the broken link's evidence, not the site's content.
  const brokenUrls = new Set(all.links.filter(isBroken).map((r) => r.url));
  const artifacts = {
    ...all,
    pages: all.pages.filter(
      (p) => p.error === null && (p.status === null || p.status < 400) && !brokenUrls.has(p.url),
    ),
  };
  const columns = deriveColumns(artifacts.pages, {
    asOf: ctx.asOf,
    dict: columnsCtx.dict,
    ledger: columnsCtx.ledger,
  });
  const home = homeLatestDate(artifacts.pages, ctx.asOf);
  const rules = ctx.lexicons.interactionChannels;
  const byChannel = new Map<string, SiteFacts['consultation'][number]>();
  for (const m of consultationMessages(artifacts, rules)) {
    if (!m.askedAt) continue;
    const channel = byChannel.get(m.channel) ?? {
      name: m.channel,
      channel: 'consultation' as const,
      messages: [],
    };
    channel.messages.push({ askedAt: m.askedAt, repliedAt: m.repliedAt, url: m.url ?? m.pageUrl });
    byChannel.set(m.channel, channel);
  }
  const activities = activityFacts(artifacts, rules).filter((a) => a.date !== null);
  const asActivity = (a: (typeof activities)[number]) => ({
    date: a.date as string,
    url: a.url,
    title: a.title,
  });
  const checked = FINDING_CHECKS.flatMap((check) => check(artifacts, ctx));
  // A guide's attachment that cannot be downloaded is reported as such (服务实用), not twice as a dead link.
  const attachments = new Set(checked.filter((f) => f.type === 'attachment-broken').map((f) => f.url));
  return {
    findings: [
      ...linkFindings(all).filter((f) => !(f.type === 'broken-link' && attachments.has(f.url))),
      ...checked,
      ...blankColumnFindings(columns, ctx.siteUrl),
    ],
    columns,
    homeLatestDate: home.latestDate,
    homeNavigationOnly: home.navigationOnly,
    consultation: [...byChannel.values()],
    surveys: activities.filter((a) => a.kind === 'survey').map(asActivity),
    interviews: activities.filter((a) => a.kind === 'interview').map(asActivity),
  };
}
