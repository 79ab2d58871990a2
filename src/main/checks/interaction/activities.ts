// Surveys (调查征集) and interviews (在线访谈): the dates of their activities. Whether a site is inactive
// is the rule pack's judgement (scoring/derive.ts), not this module's.
import type { SiteArtifacts } from '../../artifacts.js';
import type { InteractionChannels } from '../content/lexicon.js';
import { findChannels } from './channels.js';
import { datesIn } from './dates.js';

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
