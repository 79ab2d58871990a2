// Link findings: broken links, links that could not be checked, invalid certificates. One finding per
// URL (each URL is checked once per run), placed on the page that shows it best: the home page if it
// links there, otherwise the first page found linking to it.
import type { LinkResult, SiteArtifacts } from '../artifacts.js';
import { LINK_OUTCOME_LABELS, type Finding } from '../../shared/domain.js';
import { makeFinding } from './finding.js';

/**
 * Broken for the report: every failure class, and a TLS failure whose content did not load. A certificate
 * problem over content that loads is its own finding (tls-invalid), not a broken link; `unchecked` and
 * `skipped` are never broken.
 */
export function isBroken(result: Pick<LinkResult, 'outcome' | 'status'>): boolean {
  switch (result.outcome) {
    case 'ok':
    case 'unchecked':
    case 'skipped':
      return false;
    case 'tls-invalid':
      return result.status === null || result.status >= 400;
    default:
      return true;
  }
}

const TAG_LABELS: Record<string, string> = {
  a: '链接',
  area: '链接',
  img: '图片',
  srcset: '图片',
  script: '脚本',
  link: '样式表',
  iframe: '内嵌页面',
  source: '媒体',
  embed: '嵌入对象',
  object: '嵌入对象',
};

function why(result: LinkResult): string {
  const label = LINK_OUTCOME_LABELS[result.outcome];
  return result.status !== null && result.outcome === 'http-error' ? `${label} ${result.status}` : label;
}

export function linkFindings(artifacts: SiteArtifacts): Finding[] {
  const home = artifacts.pages.find((p) => p.isHome);
  const siteUrl = artifacts.site.url;
  const findings: Finding[] = [];
  const tlsHosts = new Set<string>();
  for (const result of artifacts.links) {
    const sources = artifacts.linkSources[result.url] ?? [];
    const onHome = home !== undefined && sources.some((s) => s.pageUrl === home.url);
    const source = (onHome ? sources.find((s) => s.pageUrl === home.url) : sources[0]) ?? null;
    const pageUrl = source?.pageUrl ?? siteUrl;
    const what = TAG_LABELS[source?.tag ?? 'a'] ?? '链接';
    const text = source?.text ? `“${source.text}”` : '';
    const data = {
      outcome: result.outcome,
      status: result.status,
      onHome,
      tag: source?.tag ?? null,
      linkText: source?.text ?? null,
      sourceCount: sources.length,
      error: result.error,
      via: result.via,
    };
    if (isBroken(result)) {
      findings.push(
        makeFinding({
          siteUrl,
          type: 'broken-link',
          url: result.url,
          pageUrl,
          detail: `${onHome ? '首页' : '页面'}${what}${text}无法正常访问：${why(result)}（共 ${sources.length} 个页面引用）`,
          key: 'broken',
          box: source?.box ?? null,
          data,
        }),
      );
    } else if (result.outcome === 'unchecked') {
      findings.push(
        makeFinding({
          siteUrl,
          type: 'link-unchecked',
          url: result.url,
          pageUrl,
          detail: `${what}${text}未能检查：网站持续限流或拦截自动检查（${result.error ?? result.status ?? ''}），不计为死链，请人工核实`,
          key: 'unchecked',
          box: source?.box ?? null,
          data,
        }),
      );
    }
    if (result.outcome === 'tls-invalid') {
      const host = new URL(result.url).host;
      if (tlsHosts.has(host)) continue;
      tlsHosts.add(host);
      findings.push(
        makeFinding({
          siteUrl,
          type: 'tls-invalid',
          url: `https://${host}/`,
          pageUrl,
          detail: `${host} 的 HTTPS 证书无效（${result.error ?? '证书校验失败'}）`,
          key: host,
          data,
        }),
      );
    }
  }
  return findings;
}
