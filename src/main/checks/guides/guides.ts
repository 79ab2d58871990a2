// 办事指南: guide-elements-missing (the ten key elements of the 2019 indicators, with their common
// synonyms, kept in resources/lexicon/guide-elements.json) and attachment-broken (forms and attachments
// linked from a guide must download: non-empty and a file, not an HTML error page).
import type { Finding } from '../../../shared/domain.js';
import type { LinkResult, PageArtifact, SiteArtifacts } from '../../artifacts.js';
import type { CheckContext } from '../context.js';
import type { GuideElements } from '../content/lexicon.js';
import { makeFinding } from '../finding.js';
import { pageKind } from '../identity/page-kind.js';

function headings(page: PageArtifact): string[] {
  return [
    page.title,
    page.meta.ArticleTitle ?? '',
    ...page.textBlocks.filter((b) => b.role === 'title' || b.role === 'heading').map((b) => b.text),
  ];
}

/** A guide is a content page whose heading says so; the 办事指南 column's list page is not one. */
export function isGuidePage(
  page: PageArtifact,
  rules: GuideElements,
  ctx: Pick<CheckContext, 'pageKinds'>,
): boolean {
  if (page.error !== null || pageKind(page, ctx) === 'column' || pageKind(page, ctx) === 'home') return false;
  return headings(page).some((h) => rules.guideMarkers.some((m) => h.includes(m)));
}

/** The guide's name: its heading without the 办事指南 marker (“最低生活保障申请”). */
export function guideName(page: PageArtifact, rules: GuideElements): string {
  const heading = headings(page).find((h) => rules.guideMarkers.some((m) => h.includes(m))) ?? page.title;
  const name = rules.guideMarkers
    .reduce((h, m) => h.replace(m, ''), heading)
    .replace(/\s+/g, ' ')
    .trim();
  return name || heading.trim();
}

/** The guide's own text: page furniture (a footer's 联系电话) must not stand in for a missing element. */
export function guideText(page: PageArtifact): string {
  const own = page.textBlocks.filter((b) => b.role === 'body' || b.role === 'heading' || b.role === 'title');
  if (own.length > 0) return own.map((b) => b.text).join('\n');
  return [page.headerText, page.footerText]
    .filter((furniture) => furniture.trim() !== '')
    .reduce((text, furniture) => text.replace(furniture, ''), page.text);
}

export function missingGuideElements(text: string, rules: GuideElements): string[] {
  const compact = text.replace(/\s+/g, '');
  return rules.elements.filter((e) => !e.synonyms.some((s) => compact.includes(s))).map((e) => e.name);
}

export function checkGuideElements(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  const rules = ctx.lexicons.guideElements;
  return artifacts.pages
    .filter((page) => isGuidePage(page, rules, ctx))
    .flatMap((page) => {
      const missing = missingGuideElements(guideText(page), rules);
      if (missing.length === 0) return [];
      const name = guideName(page, rules);
      return [
        makeFinding({
          siteUrl: ctx.siteUrl,
          type: 'guide-elements-missing',
          url: page.url,
          pageUrl: page.url,
          detail: `办事指南“${name}”缺少重点要素${missing.length}类：${missing.join('、')}`,
          key: missing.join('、'),
          data: { guide: name, missing, missingCount: missing.length },
        }),
      ];
    });
}

function extensionOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    const dot = path.lastIndexOf('.');
    return dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
  } catch {
    return '';
  }
}

/** Why an attachment does not download, in Chinese, or null when it does (or was not checked). */
export function attachmentProblem(result: LinkResult): string | null {
  switch (result.outcome) {
    case 'ok':
      if (result.contentLength === 0) return '文件为空';
      if (result.contentType && /text\/html/i.test(result.contentType)) return '返回的是网页而不是文件';
      return null;
    case 'empty-attachment':
      return '文件为空';
    case 'soft-404':
      return '返回的是错误提示页面而不是文件';
    case 'http-error':
      return `服务器返回 HTTP ${result.status ?? '错误'}`;
    case 'unchecked':
    case 'skipped':
      return null;
    default:
      return '无法访问';
  }
}

export function checkGuideAttachments(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  const rules = ctx.lexicons.guideElements;
  const results = new Map(artifacts.links.map((l) => [l.url, l]));
  const findings: Finding[] = [];
  for (const page of artifacts.pages.filter((p) => isGuidePage(p, rules, ctx))) {
    const attachments = page.links.filter(
      (l) => l.tag === 'a' && rules.attachmentExtensions.includes(extensionOf(l.url)),
    );
    for (const link of attachments) {
      const result = results.get(link.url);
      const problem = result ? attachmentProblem(result) : null;
      if (!result || !problem) continue;
      const name = link.text.trim() || link.url.split('/').pop() || link.url;
      findings.push(
        makeFinding({
          siteUrl: ctx.siteUrl,
          type: 'attachment-broken',
          url: link.url,
          pageUrl: page.url,
          detail: `办事指南“${guideName(page, rules)}”中的附件“${name}”无法下载：${problem}`,
          key: problem,
          box: link.box,
          data: {
            outcome: result.outcome,
            status: result.status,
            contentType: result.contentType,
            contentLength: result.contentLength,
          },
        }),
      );
    }
  }
  return findings;
}
