// severe-error, typo and prohibited-content: every page's title and text blocks through the scanner.
// Severe errors (including misspelt leader names) and prohibited content are candidates until a person
// confirms them (design.md: 待确认).
import type { Finding, FindingType } from '../../../shared/domain.js';
import type { PageArtifact, SiteArtifacts, TextBlock } from '../../artifacts.js';
import type { CheckContext } from '../context.js';
import { makeFinding } from '../finding.js';
import type { HitKind, TextHit } from './scanner.js';

const TYPE_OF: Record<HitKind, FindingType> = {
  severe: 'severe-error',
  leader: 'severe-error',
  prohibited: 'prohibited-content',
  typo: 'typo',
};

const POSITION_LABEL: Record<TextBlock['role'], string> = {
  title: '标题',
  heading: '标题',
  body: '正文',
  header: '页头',
  footer: '页脚',
  nav: '导航',
};

/** What to scan on a page: the text blocks when the gatherer split them, else title and whole text. */
function blocksOf(page: PageArtifact): TextBlock[] {
  const title: TextBlock = { text: page.title, role: 'title', box: null };
  if (page.textBlocks.length > 0) return [title, ...page.textBlocks];
  return [title, { text: page.text, role: 'body', box: null }];
}

function describe(hit: TextHit, position: string, count: number): string {
  const times = count > 1 ? `，本页共${count}处` : '';
  const where = `（位于${position}${times}）`;
  switch (hit.kind) {
    case 'severe':
      return `疑似严重表述错误：“${hit.wrong}”应为“${hit.right}”（${hit.category}）${where}。原句：${hit.sentence}`;
    case 'leader': {
      const who = hit.leader ? `${hit.leader.region}${hit.leader.title}` : '领导';
      return `疑似领导人姓名错误：“${hit.wrong}”应为“${hit.right}”（${who}）${where}。原句：${hit.sentence}`;
    }
    case 'prohibited':
      return `疑似违规内容：出现“${hit.wrong}”（${hit.category}类）${where}。原句：${hit.sentence}`;
    case 'typo':
      return `错别字：“${hit.wrong}”应为“${hit.right}”${where}。原句：${hit.sentence}`;
  }
}

export function checkPageText(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const page of artifacts.pages) {
    if (page.error !== null) continue;
    const onPage = new Map<string, { hit: TextHit; block: TextBlock; count: number }>();
    for (const block of blocksOf(page)) {
      if (block.text.trim() === '') continue;
      const inTitle = block.role === 'title' || block.role === 'heading';
      for (const hit of ctx.scanner.scan(block.text, { inTitle, siteWhitelist: ctx.siteWhitelist })) {
        const key = `${hit.kind}\n${hit.wrong}\n${hit.right}`;
        const seen = onPage.get(key);
        if (seen) seen.count++;
        else onPage.set(key, { hit, block, count: 1 });
      }
    }
    for (const { hit, block, count } of onPage.values()) {
      const type = TYPE_OF[hit.kind];
      findings.push(
        makeFinding({
          siteUrl: ctx.siteUrl,
          type,
          url: page.url,
          pageUrl: page.url,
          detail: describe(hit, POSITION_LABEL[block.role], count),
          key: `${hit.wrong}→${hit.right}`,
          needsConfirmation: type !== 'typo',
          box: block.box,
          data: {
            wrong: hit.wrong,
            right: hit.right,
            category: hit.category,
            sentence: hit.sentence,
            position: block.role === 'title' || block.role === 'heading' ? 'title' : 'body',
            role: block.role,
            count,
            source: hit.source,
            ...(hit.leader ? { leader: hit.leader } : {}),
          },
        }),
      );
    }
  }
  return findings;
}
