// domain-nonstandard (.gov.cn for government sites) and the IPv6 fact (an AAAA record, looked up
// outside the checks; "not checked" under --offline, which never looks names up).
import type { Finding } from '../../../shared/domain.js';
import type { SiteArtifacts } from '../../artifacts.js';
import type { CheckContext } from '../context.js';
import { makeFinding } from '../finding.js';

export function checkDomain(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  let host: string;
  try {
    host = new URL(artifacts.site.url).hostname.toLowerCase();
  } catch {
    return [];
  }
  if (ctx.lexicons.identity.governmentDomainSuffixes.some((suffix) => host.endsWith(suffix))) return [];
  return [
    makeFinding({
      siteUrl: ctx.siteUrl,
      type: 'domain-nonstandard',
      url: artifacts.site.url,
      pageUrl: artifacts.site.url,
      detail: `网站域名“${host}”不符合规范，政府网站应使用以“${ctx.lexicons.identity.governmentDomainSuffixes.join('”或“')}”结尾的域名`,
      key: host,
      data: { host },
    }),
  ];
}

export type Ipv6Status = 'not-checked' | 'supported' | 'missing';

export function ipv6Status(ctx: Pick<CheckContext, 'offline' | 'hasAaaaRecord'>): Ipv6Status {
  if (ctx.offline || ctx.hasAaaaRecord === undefined || ctx.hasAaaaRecord === null) return 'not-checked';
  return ctx.hasAaaaRecord ? 'supported' : 'missing';
}

export function checkIpv6(artifacts: SiteArtifacts, ctx: CheckContext): Finding[] {
  if (ipv6Status(ctx) !== 'missing') return [];
  return [
    makeFinding({
      siteUrl: ctx.siteUrl,
      type: 'ipv6-missing',
      url: artifacts.site.url,
      pageUrl: artifacts.site.url,
      detail: '网站域名未配置IPv6地址（无AAAA记录），未完成IPv6改造',
      key: 'ipv6',
    }),
  ];
}
