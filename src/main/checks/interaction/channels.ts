// Interaction channels by name: consultation (领导信箱, 咨询投诉, 留言 …), petition (网上信访, 纪检举报:
// never counted as consultation), survey and interview. Found in navigation, home-page blocks and links.
import type { Box, Finding } from '../../../shared/domain.js';
import type { ListBlock, SiteArtifacts } from '../../artifacts.js';
import type { CheckContext } from '../context.js';
import type { InteractionChannels } from '../content/lexicon.js';
import { makeFinding } from '../finding.js';

export type ChannelKind = 'consultation' | 'petition' | 'survey' | 'interview';

export interface Channel {
  kind: ChannelKind;
  name: string;
  /** The channel's own page (a 更多 link or the navigation entry), when known. */
  url: string | null;
  pageUrl: string;
  box: Box | null;
  /** The list block itself, when the channel is a block with items. */
  block: ListBlock | null;
}

// Petition names first: 举报投诉 must not pass for a consultation channel.
const ORDER: ChannelKind[] = ['petition', 'consultation', 'survey', 'interview'];

export function channelKind(name: string, rules: InteractionChannels): ChannelKind | null {
  const text = name.replace(/\s+/g, '');
  if (text === '' || text.length > 20) return null;
  return ORDER.find((kind) => rules[kind].names.some((n) => text.includes(n))) ?? null;
}

function flatten(blocks: readonly ListBlock[]): ListBlock[] {
  return blocks.flatMap((b) => [b, ...flatten(b.children ?? [])]);
}

/** A usable link target: `#` and `javascript:` entries are menu parents, not channels. */
function target(url: string | null): string | null {
  if (!url || /^javascript:/i.test(url)) return null;
  return url.replace(/#.*$/, '') === '' || url.endsWith('#') ? null : url;
}

function host(url: string | null): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

/**
 * Channels named like consultation but opening a petition system (the same URL as a 网上信访 entry, or
 * a 信访 host) are petition channels: 宜春's home page links 领导信箱 to wsxf.jx-xinfang.gov.cn.
 */
function reclassify(channels: Channel[], rules: InteractionChannels): Channel[] {
  const petitionUrls = new Set(channels.filter((c) => c.kind === 'petition' && c.url).map((c) => c.url));
  return channels.map((c) =>
    c.kind === 'consultation' &&
    c.url &&
    (petitionUrls.has(c.url) || rules.petitionHosts.some((h) => host(c.url).includes(h)))
      ? { ...c, kind: 'petition' }
      : c,
  );
}

export function findChannels(artifacts: SiteArtifacts, rules: InteractionChannels): Channel[] {
  const found = new Map<string, Channel>();
  const add = (channel: Channel) => {
    const key = `${channel.kind}\n${channel.url ?? channel.name}`;
    const seen = found.get(key);
    if (!seen || (!seen.block && channel.block)) found.set(key, channel);
  };
  for (const page of artifacts.pages) {
    if (page.error !== null) continue;
    for (const block of flatten(page.blocks)) {
      const kind = channelKind(block.heading, rules);
      const url = target(block.moreUrl ?? block.url);
      if (kind) add({ kind, name: block.heading.trim(), url, pageUrl: page.url, box: block.box, block });
    }
    for (const link of page.links) {
      if (link.tag !== 'a') continue;
      const kind = channelKind(link.text, rules);
      if (kind)
        add({
          kind,
          name: link.text.trim(),
          url: target(link.url),
          pageUrl: page.url,
          box: link.box,
          block: null,
        });
    }
  }
  return reclassify([...found.values()], rules);
}

/** A channel whose page could not be opened is no channel (the link check's outcome). */
function usable(channel: Channel, artifacts: SiteArtifacts): boolean {
  if (!channel.url) return true;
  const result = artifacts.links.find((l) => l.url === channel.url);
  return !result || result.outcome === 'ok' || result.outcome === 'unchecked' || result.outcome === 'skipped';
}

export function checkConsultationMissing(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  const rules = ctx.lexicons.interactionChannels;
  const consultation = findChannels(artifacts, rules).filter((c) => c.kind === 'consultation');
  if (consultation.some((c) => usable(c, artifacts))) return [];
  const home = artifacts.pages.find((p) => p.isHome)?.url ?? artifacts.site.url;
  const broken = consultation.map((c) => `“${c.name}”`);
  const detail =
    broken.length > 0
      ? `政务咨询类渠道${broken.join('、')}无法正常访问，网站未提供有效的网上咨询建言渠道`
      : `未发现政务咨询类渠道（如${rules.consultation.names.slice(0, 3).join('、')}等），网站未提供有效的网上咨询建言渠道（网上信访、纪检举报等专门渠道不计入）`;
  return [
    makeFinding({
      siteUrl: ctx.siteUrl,
      type: 'consultation-missing',
      url: home,
      pageUrl: home,
      detail,
      key: 'consultation',
      data: { unusable: consultation.map((c) => ({ name: c.name, url: c.url })) },
    }),
  ];
}
