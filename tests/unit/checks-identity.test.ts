import { describe, expect, test } from 'vitest';
import { checkDomain, checkIpv6, ipv6Status } from '../../src/main/checks/identity/domain.js';
import { checkIdentity, extractSiteCode, footerIdentity } from '../../src/main/checks/identity/footer.js';
import {
  checkFindFault,
  checkSearch,
  checkSiteName,
  hasFindFaultEntry,
  lacksPageIdentity,
} from '../../src/main/checks/identity/functions.js';
import { checkPageTags } from '../../src/main/checks/identity/tags.js';
import { context, lexicons, page, samplePage, site } from './checks-content-fixtures.js';

const YICHUN_HOME = 'pages/01_jiangxi_yichun_wanzai/yichun_home_2023-10-11_1136.html';
const YICHUN_ARTICLE =
  'pages/01_jiangxi_yichun_wanzai/original_统计局/宜春市/2022/宜春市2022年国民经济和社会发展统计公报 _ 中国宜春.html';
const rules = () => lexicons().identity;

describe('footer identity (real footers)', () => {
  test('宜春: 网站标识码 3609000002, ICP, 公网安备, 主办, contact and the conac 党政机关 badge are all there', () => {
    const home = samplePage(YICHUN_HOME, 'https://www.yichun.gov.cn/', { isHome: true });
    expect(home.footerText).toContain('政府网站标识码：3609000002');
    expect(footerIdentity(home, rules())).toEqual({ missing: [], siteCode: '3609000002' });
    // The badge is an image link to bszs.conac.cn: without it the element is named as missing.
    const noBadge = { ...home, links: home.links.filter((l) => !l.url.includes('conac.cn')) };
    expect(footerIdentity(noBadge, rules()).missing).toEqual(['党政机关网站标识']);
  });

  test('邯郸: the conac badge link counts; 网站标识码 1304000009', () => {
    const home = samplePage('pages/02_hebei_handan_zfxxgk/index.html', 'http://hdzfxxgk.hd.gov.cn/', {
      isHome: true,
    });
    expect(footerIdentity(home, rules())).toEqual({ missing: [], siteCode: '1304000009' });
  });

  test('国务院公报: bm01000001 without a colon; 浙江发改委: the footer shows 3300000020', () => {
    const gov = samplePage(
      'pages/03_gne_fixtures/gov_cn_gongbao_2007_23.html',
      'https://www.gov.cn/gongbao/1.htm',
    );
    expect(footerIdentity(gov, rules()).siteCode).toBe('bm01000001');
    const zj = samplePage(
      'pages/03_gne_fixtures/zj_fgw_deqing_invest_2016.html',
      'http://www.zjdpc.gov.cn/art/1.html',
    );
    expect(footerIdentity(zj, rules()).siteCode).toBe('3300000020');
  });

  test('site codes must match ^(\\d{10}|bm\\d{8}|N\\d{9})$', () => {
    expect(extractSiteCode('网站标识码：N000000672', rules())).toBe('N000000672');
    expect(extractSiteCode('网站标识码：36090000', rules())).toBeNull();
    expect(extractSiteCode('网站标识码：bm5500000', rules())).toBeNull();
  });

  test('identity-missing names each missing element', () => {
    const bare = page({
      url: 'https://x.gov.cn/',
      isHome: true,
      footerText: '版权所有 主办单位：某县人民政府办公室',
    });
    const [finding] = checkIdentity(site([bare]), context());
    expect(finding.type).toBe('identity-missing');
    expect(finding.detail).toBe(
      '首页底部功能区未列明：党政机关网站标识、网站标识码、ICP备案编号、公安机关备案号、联系方式',
    );
  });
});

describe('functions and tags', () => {
  test('我为政府网站找错: the jiucuo.js script or the link text', () => {
    const yichun = samplePage(YICHUN_HOME, 'https://www.yichun.gov.cn/', { isHome: true });
    expect(hasFindFaultEntry(yichun, rules())).toBe(true);
    const none = page({
      url: 'https://x.gov.cn/a.html',
      links: [{ url: 'https://x.gov.cn/b', tag: 'a', text: '网站地图', box: null }],
    });
    const findings = checkFindFault(site([yichun, none]), context());
    expect(findings.map((f) => [f.url, f.detail])).toEqual([
      ['https://x.gov.cn/a.html', '页面底部功能区未添加“我为政府网站找错”入口'],
    ]);
  });

  test('search-missing only when the home page has no search form', () => {
    const home = page({ url: 'https://x.gov.cn/', isHome: true });
    expect(checkSearch(site([home]), context())[0].detail).toBe('首页未提供全站站内搜索功能');
    expect(checkSearch(site([{ ...home, hasSearchForm: true }]), context())).toEqual([]);
  });

  test('site-name-missing when the header shows neither the ledger name nor the SiteName tag', () => {
    const ok = page({ url: 'https://www.yichun.gov.cn/', headerText: '中国宜春 宜春市人民政府门户网站' });
    const missing = page({ url: 'https://www.yichun.gov.cn/b.html', headerText: '首页 新闻 政务公开' });
    const findings = checkSiteName(site([ok, missing]), context());
    expect(findings.map((f) => f.url)).toEqual(['https://www.yichun.gov.cn/b.html']);
    expect(findings[0].detail).toBe('页面头部区域未显著展示网站名称“中国宜春”');
  });

  test('lacksPageIdentity says, page by page, whether checkFindFault or checkSiteName will report it', () => {
    const yichun = samplePage(YICHUN_HOME, 'https://www.yichun.gov.cn/', { isHome: true });
    const headerless = {
      ...yichun,
      url: 'https://www.yichun.gov.cn/b.html',
      headerText: '首页 新闻',
      links: yichun.links.filter((l) => l.tag !== 'img'),
    };
    const noEntry = page({ url: 'https://www.yichun.gov.cn/c.html', headerText: '中国宜春' });
    const failed = {
      ...noEntry,
      url: 'https://www.yichun.gov.cn/d.html',
      error: 'net::ERR_CONNECTION_RESET',
    };
    const pages = [yichun, headerless, noEntry, failed];
    const reported = new Set(
      [...checkFindFault(site(pages), context()), ...checkSiteName(site(pages), context())].map(
        (f) => f.pageUrl,
      ),
    );
    for (const p of pages) expect(lacksPageIdentity(p, '中国宜春', rules()), p.url).toBe(reported.has(p.url));
    expect(reported.has(headerless.url) && reported.has(noEntry.url)).toBe(true);
    expect(reported.has(failed.url)).toBe(false);
  });

  test('page tags: 宜春 article complete; 浙江发改委 article has an empty SiteIDCode; a home page without tags', () => {
    const article = samplePage(YICHUN_ARTICLE, 'https://www.yichun.gov.cn/art/2023/5/16/art_1.html');
    const zj = samplePage(
      'pages/03_gne_fixtures/zj_fgw_deqing_invest_2016.html',
      'http://www.zjdpc.gov.cn/art/1.html',
    );
    const home = page({ url: 'https://x.gov.cn/', isHome: true, meta: { SiteName: '示例县人民政府' } });
    const findings = checkPageTags(site([article, zj, home]), context());
    expect(findings.map((f) => f.detail)).toEqual([
      '内容页缺少页面标签：SiteIDCode',
      '首页缺少页面标签：SiteDomain、SiteIDCode',
    ]);
  });

  test('column pages need the column tags', () => {
    const column = page({
      url: 'https://x.gov.cn/col/1.html',
      meta: { SiteName: 'a', SiteDomain: 'x.gov.cn', SiteIDCode: '3609000002', ColumnName: '通知公告' },
    });
    const [finding] = checkPageTags(
      site([column]),
      context({ pageKinds: { 'https://x.gov.cn/col/1.html': 'column' } }),
    );
    expect(finding.detail).toBe('栏目页缺少页面标签：ColumnDescription、ColumnKeywords、ColumnType');
  });
});

describe('domain and IPv6', () => {
  test('.gov.cn is standard; anything else is named', () => {
    expect(checkDomain(site([]), context())).toEqual([]);
    const [finding] = checkDomain(
      site([], { site: { id: 2, name: '某局', url: 'http://www.mouju.com/', siteCode: null } }),
      context(),
    );
    expect(finding.detail).toContain('“www.mouju.com”');
  });

  test('IPv6 is not checked offline and only a missing AAAA record is a finding', () => {
    expect(ipv6Status({ offline: true, hasAaaaRecord: false })).toBe('not-checked');
    expect(checkIpv6(site([]), context({ offline: true, hasAaaaRecord: false }))).toEqual([]);
    expect(checkIpv6(site([]), context({ offline: false, hasAaaaRecord: true }))).toEqual([]);
    expect(checkIpv6(site([]), context({ offline: false, hasAaaaRecord: false }))[0].type).toBe(
      'ipv6-missing',
    );
  });
});
