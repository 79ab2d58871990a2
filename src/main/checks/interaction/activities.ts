// Surveys (调查征集) and interviews (在线访谈): the dates of their activities, and the pack-windowed
// judgement survey-inactive / interview-inactive (how many activities within the lookback).
import type { Finding } from '../../../shared/domain.js';
import type { SiteArtifacts } from '../../artifacts.js';
import type { CheckContext } from '../context.js';
import type { InteractionChannels } from '../content/lexicon.js';
import { makeFinding } from '../finding.js';
import { findChannels, type ChannelKind } from './channels.js';
import { datesIn, describePeriod, shiftDate, type Period } from './dates.js';

export interface ActivityFact {
  kind: 'survey' | 'interview';
  channel: string;
  title: string;
  url: string | null;
  /** The activity's date (its first date, e.g. the start of a 征集), or null when none is shown. */
  date: string | null;
  pageUrl: string;
}

export function activityFacts(artifacts: SiteArtifacts, rules: InteractionChannels): ActivityFact[] {
  const channels = findChannels(artifacts, rules).filter(
    (c): c is typeof c & { kind: ActivityFact['kind'] } => c.kind === 'survey' || c.kind === 'interview',
  );
  const seen = new Set<string>();
  const facts: ActivityFact[] = [];
  const add = (fact: ActivityFact) => {
    const key = `${fact.kind}\n${fact.url ?? fact.title}`;
    if (seen.has(key)) return;
    seen.add(key);
    facts.push(fact);
  };
  for (const channel of channels) {
    const listPage = artifacts.pages.find((p) => channel.url !== null && p.url === channel.url);
    const lists = [channel.block, ...(listPage?.blocks.filter((b) => b.kind === 'list-page') ?? [])];
    for (const block of lists) {
      for (const item of block?.items ?? []) {
        add({
          kind: channel.kind,
          channel: channel.name,
          title: item.title,
          url: item.url,
          date: datesIn(item.rowText)[0] ?? null,
          pageUrl: block === channel.block ? channel.pageUrl : (listPage?.url ?? channel.pageUrl),
        });
      }
    }
  }
  return facts;
}

export interface ActivityWindow {
  /** How far back activities count (2015/2019: 1 year). */
  lookback: Period;
  /** Fewer dated activities than this within the lookback is inactive (1 = "none held"). */
  minCount: number;
}

const LABEL: Record<ActivityFact['kind'], string> = { survey: '调查征集', interview: '在线访谈' };
const TYPE = { survey: 'survey-inactive', interview: 'interview-inactive' } as const;

export function judgeActivity(
  artifacts: SiteArtifacts,
  ctx: CheckContext,
  kind: Extract<ChannelKind, 'survey' | 'interview'>,
  window: ActivityWindow,
): Finding[] {
  const from = shiftDate(ctx.asOf, window.lookback, -1);
  const facts = activityFacts(artifacts, ctx.lexicons.interactionChannels).filter((f) => f.kind === kind);
  const recent = facts.filter((f) => f.date !== null && f.date >= from && f.date <= ctx.asOf);
  if (recent.length >= window.minCount) return [];
  const latest =
    facts
      .map((f) => f.date)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  const url = facts[0]?.pageUrl ?? artifacts.site.url;
  const shown =
    facts.length === 0 ? `未发现${LABEL[kind]}栏目或活动` : `最近一次活动日期为${latest ?? '（未注明日期）'}`;
  return [
    makeFinding({
      siteUrl: ctx.siteUrl,
      type: TYPE[kind],
      url,
      pageUrl: url,
      detail: `${LABEL[kind]}：监测时间点前${describePeriod(window.lookback)}内开展活动${recent.length}次（要求不少于${window.minCount}次），${shown}`,
      key: kind,
      data: { count: recent.length, minCount: window.minCount, latest, from, activities: facts },
    }),
  ];
}
