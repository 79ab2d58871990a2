// Facts about public messages in consultation channels (留言时间, 回复时间, 回复单位, status), read from
// the channels' list rows and from message detail pages. Which ones waited too long is the rule pack's
// judgement (scoring/derive.ts: consultation-unanswered).
import type { PageArtifact, SiteArtifacts } from '../../artifacts.js';
import type { InteractionChannels } from '../content/lexicon.js';
import { findChannels } from './channels.js';
import { datesIn, labelledDate } from './dates.js';

export interface MessageFact {
  title: string;
  url: string | null;
  channel: string;
  /** Where the facts were read: the list page, or the detail page when it was visited. */
  pageUrl: string;
  askedAt: string | null;
  repliedAt: string | null;
  replier: string | null;
  status: 'answered' | 'unanswered' | null;
}

function statusOf(text: string, rules: InteractionChannels): MessageFact['status'] {
  // "未回复" contains "回复": the waiting words are tested first.
  if (rules.unanswered.some((w) => text.includes(w))) return 'unanswered';
  if (rules.answered.some((w) => text.includes(w))) return 'answered';
  return null;
}

/** Every field label of a message page: where one field's value ends. */
function fieldLabels(rules: InteractionChannels): string[] {
  const { askedAt, repliedAt, replier, status } = rules.labels;
  return [...askedAt, ...repliedAt, ...replier, ...status, ...rules.labels.other];
}

/** The value after a label (colon or table cell), unless it is the next field's label. */
function labelledText(text: string, labels: readonly string[], rules: InteractionChannels): string | null {
  const stops = fieldLabels(rules);
  for (const label of labels) {
    const m = new RegExp(`${label}\\s*[:：]?\\s*([^\\s:：|｜]{2,30})`).exec(text);
    if (m && !stops.some((stop) => m[1].startsWith(stop))) return m[1];
  }
  return null;
}

/** A row of a message list: labelled dates, else the first date is the question's, the second the reply's. */
export function messageFromRow(
  row: { title: string; url: string | null; rowText: string },
  channel: string,
  pageUrl: string,
  rules: InteractionChannels,
): MessageFact {
  const text = row.rowText;
  const dates = datesIn(text);
  const askedAt = labelledDate(text, rules.labels.askedAt, fieldLabels(rules)) ?? dates[0] ?? null;
  const status = statusOf(text, rules);
  // A row marked as still waiting has no reply, whatever other date it shows (e.g. a 受理 date).
  const repliedAt =
    status === 'unanswered'
      ? null
      : (labelledDate(text, rules.labels.repliedAt, fieldLabels(rules)) ??
        (dates.length >= 2 ? dates[1] : null));
  return {
    title: row.title,
    url: row.url,
    channel,
    pageUrl,
    askedAt,
    repliedAt,
    replier: labelledText(text, rules.labels.replier, rules),
    status: status ?? (repliedAt ? 'answered' : null),
  };
}

/** A message detail page: only when it carries a question-date label. */
export function messageFromDetail(
  page: PageArtifact,
  channel: string,
  rules: InteractionChannels,
): MessageFact | null {
  const askedAt = labelledDate(page.text, rules.labels.askedAt, fieldLabels(rules));
  if (!askedAt) return null;
  const replied = labelledDate(page.text, rules.labels.repliedAt, fieldLabels(rules));
  const status =
    statusOf(labelledText(page.text, rules.labels.status, rules) ?? '', rules) ??
    (replied ? 'answered' : 'unanswered');
  const repliedAt = status === 'unanswered' ? null : replied;
  const title = page.textBlocks.find((b) => b.role === 'title' || b.role === 'heading')?.text ?? page.title;
  return {
    title: title.trim(),
    url: page.url,
    channel,
    pageUrl: page.url,
    askedAt,
    repliedAt,
    replier: labelledText(page.text, rules.labels.replier, rules),
    status,
  };
}

/** Every message of every consultation channel; a visited detail page overrides its list row. */
export function consultationMessages(artifacts: SiteArtifacts, rules: InteractionChannels): MessageFact[] {
  const channels = findChannels(artifacts, rules).filter((c) => c.kind === 'consultation');
  const byUrl = new Map<string, MessageFact>();
  const rows: MessageFact[] = [];
  const channelPages = new Map(channels.filter((c) => c.url).map((c) => [c.url as string, c.name]));
  const channelOfItem = new Map<string, string>();
  const collect = (fact: MessageFact) => {
    if (fact.url) byUrl.set(fact.url, fact);
    else rows.push(fact);
  };
  for (const channel of channels) {
    for (const item of channel.block?.items ?? []) {
      collect(messageFromRow(item, channel.name, channel.pageUrl, rules));
      if (item.url) channelOfItem.set(item.url, channel.name);
    }
  }
  for (const page of artifacts.pages) {
    const listOf = channelPages.get(page.url);
    for (const block of listOf ? page.blocks.filter((b) => b.kind === 'list-page') : []) {
      for (const item of block.items) {
        if (!item.url || !byUrl.has(item.url))
          collect(messageFromRow(item, listOf as string, page.url, rules));
        if (item.url) channelOfItem.set(item.url, listOf as string);
      }
    }
  }
  for (const page of artifacts.pages) {
    const channel = channelOfItem.get(page.url);
    const detail = channel ? messageFromDetail(page, channel, rules) : null;
    if (detail) byUrl.set(page.url, { ...byUrl.get(page.url), ...detail });
  }
  return [...byUrl.values(), ...rows];
}
