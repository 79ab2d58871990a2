import { describe, expect, it } from 'vitest';
import { addMonths, addDays, shanghaiToday } from '../../src/main/checks/dates/civilDate.js';
import { extractDate } from '../../src/main/checks/dates/extractDate.js';

// Every case cites where the string was seen: a page in ../shared/samples/pages/, the standard
// (../shared/standard/indicators.md), issue 4's list of formats, or a named public site.
const YC = 'samples 01 yichun_home_2023-10-11_1136.html (yichun.gov.cn)';
const HD = 'samples 02 hebei_handan_zfxxgk';
interface Case {
  text: string;
  asOf: string;
  url?: string;
  title?: string;
  expected: string | null;
  confidence?: 'high' | 'low';
  seen: string;
}

const cases: Case[] = [
  // Home-page list rows as printed.
  { text: '2023-09-22', asOf: '2023-10-11', expected: '2023-09-22', seen: `${YC} 最新政府文件 span.time` },
  { text: '09-19', asOf: '2023-10-11', expected: '2023-09-19', seen: `${YC} 政府文件 MM-dd list` },
  { text: '10-11', asOf: '2023-10-11', expected: '2023-10-11', seen: `${YC} 政务要闻 MM-dd list` },
  {
    text: '严允：加速打造国家级新能源产业重要集聚区 10月9日至10日，市委书记严允围绕“推动宜春锂电新能源产业高质量发展”这一课题，深入到万载、宜丰、奉新实... 10-11',
    title: '严允：加速打造国家级新能源产业重要集聚区',
    asOf: '2023-10-11',
    expected: '2023-10-11',
    seen: `${YC} 政务要闻 headline with summary: the summary's 10月9日 is not the date`,
  },
  {
    text: '市政协召开五届十次常委会议 10-11 严允：加快建设绿色生态强市打造美丽江西“宜春样板” 10-08',
    title: '市政协召开五届十次常委会议',
    asOf: '2023-10-11',
    expected: '2023-10-11',
    seen: `${YC} 政务要闻: one <li> holding two items, first item`,
  },
  {
    text: '市政协召开五届十次常委会议 10-11 严允：加快建设绿色生态强市打造美丽江西“宜春样板” 10-08',
    title: '严允：加快建设绿色生态强市打造美丽江西“宜春样板”',
    asOf: '2023-10-11',
    expected: '2023-10-08',
    seen: `${YC} 政务要闻: one <li> holding two items, second item`,
  },
  {
    text: '2023年10月11日 星期三',
    asOf: '2023-10-11',
    expected: '2023-10-11',
    seen: `${YC} header span#date`,
  },
  {
    text: '宜春市人民政府关于印发宜春市制造业重点产业链现代化建设“869”行动计划（2023—2026年）的通知 09-18',
    asOf: '2023-10-11',
    expected: '2023-09-18',
    seen: `${YC} 政府文件 row: the year range in the title is not a date`,
  },
  {
    text: '邯郸市教育局关于印发《全市教育系统安全专项整治三年行动实施方案》的通知 2020-08-02',
    asOf: '2020-08-03',
    expected: '2020-08-02',
    seen: `${HD} index.html 近期信息公开`,
  },
  {
    text: '邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知 000014348/2020-35428 邯郸市教育局 2020-08-05',
    asOf: '2020-08-06',
    expected: '2020-08-05',
    seen: `${HD} list.html table row: 索引号 000014348/2020-35428 is not a date`,
  },
  {
    text: '邯郸市人民政府令第171号邯郸市货运车辆超限运输非现场执法规定 2018-10-08',
    asOf: '2020-08-03',
    expected: '2018-10-08',
    seen: `${HD} index.html 市政府令 tab`,
  },
  {
    text: '索引号 ：000014348/2020-35147 发布机构 ：邯郸市教育局 文号 ：无 成文日期 ：2020年08月02日 发布日期 ：2020年08月02日',
    asOf: '2020-08-03',
    expected: '2020-08-02',
    seen: `${HD} details.html metadata table`,
  },
  {
    text: '发布日期：2020年08月02日',
    asOf: '2020-08-03',
    expected: '2020-08-02',
    seen: `${HD} details.html`,
  },
  {
    text: '2020年08月02日',
    asOf: '2020-08-03',
    expected: '2020-08-02',
    seen: `${HD} details.html <meta name="PubDate">`,
  },
  {
    text: '成文日期：2020年08月02日',
    asOf: '2020-08-03',
    expected: '2020-08-02',
    seen: `${HD} details.html (commented-out row)`,
  },
  // <meta name="PubDate"> values and article headers.
  {
    text: '2023-08-16 10:33:59',
    asOf: '2023-10-11',
    expected: '2023-08-16',
    seen: 'samples 01 万载县2022年…统计公报 <meta name="PubDate">',
  },
  {
    text: '2022-04-24 10:00:43',
    asOf: '2023-10-11',
    expected: '2022-04-24',
    seen: 'samples 01 万载县2015年…统计公报 <meta name="PubDate">',
  },
  {
    text: '发布日期：2016-11-22',
    asOf: '2016-12-01',
    expected: '2016-11-22',
    seen: 'samples 03 zj_fgw_deqing_invest_2016.html',
  },
  {
    text: '2016-11-22 09:53',
    asOf: '2016-12-01',
    expected: '2016-11-22',
    seen: 'samples 03 zj_fgw_deqing_invest_2016.html <meta name="PubDate">',
  },
  {
    text: '时间：2019-09-18 06:23',
    asOf: '2019-10-01',
    expected: '2019-09-18',
    seen: 'samples 03 shanxi_gov_article.html',
  },
  {
    text: '发布日期: 2012-06-24',
    asOf: '2012-07-01',
    expected: '2012-06-24',
    seen: 'samples 03 cmse_press_release.html div.pubDate',
  },
  {
    text: '发布时间：2024-07-12',
    asOf: '2024-08-01',
    expected: '2024-07-12',
    seen: 'samples 04 nfra_penalty_jfjz_2024-36_rendered.html',
  },
  {
    text: '2025-06-03 11:18',
    asOf: '2025-07-01',
    expected: '2025-06-03',
    seen: 'samples 04 nfra_zhejiang_penalty_2024-52_rendered.html <meta name="PubDate">',
  },
  {
    text: '2023-05-16 12:34:05',
    asOf: '2023-10-11',
    expected: '2023-05-16',
    seen: 'samples 01 宜春市2022年…统计公报 <meta name="PubDate">',
  },
  // Formats listed in issue 4.
  { text: '2024-05-06', asOf: '2024-06-01', expected: '2024-05-06', seen: 'issue 4 format list' },
  { text: '2024/05/06', asOf: '2024-06-01', expected: '2024-05-06', seen: 'issue 4 format list' },
  { text: '2024.05.06', asOf: '2024-06-01', expected: '2024-05-06', seen: 'issue 4 format list' },
  { text: '2024年5月6日', asOf: '2024-06-01', expected: '2024-05-06', seen: 'issue 4 format list' },
  {
    text: '关于做好防汛工作的通知 [2024-05-06]',
    asOf: '2024-06-01',
    expected: '2024-05-06',
    seen: 'issue 4 format list',
  },
  {
    text: '关于做好防汛工作的通知 (05-06)',
    asOf: '2024-06-01',
    expected: '2024-05-06',
    seen: 'issue 4 format list',
  },
  {
    text: '05-06',
    asOf: '2024-05-01',
    expected: '2023-05-06',
    seen: 'issue 4: a month-day later than as-of is last year',
  },
  {
    text: '12-30',
    asOf: '2024-01-05',
    expected: '2023-12-30',
    seen: 'issue 4: month-day across the new year',
  },
  {
    text: '2024-02-29',
    asOf: '2024-03-01',
    expected: '2024-02-29',
    seen: 'issue 4 (2024 is a leap year; counterpart of 2024-02-30)',
  },
  // Impossible dates and numbers that are not dates.
  { text: '2024-02-30', asOf: '2024-03-01', expected: null, seen: 'issue 4: impossible date' },
  {
    text: '2023-02-29',
    asOf: '2023-03-01',
    expected: null,
    seen: 'issue 4: impossible date (not a leap year)',
  },
  { text: '2023-13-01', asOf: '2023-12-31', expected: null, seen: 'issue 4: impossible date' },
  { text: '国办发〔2015〕15号', asOf: '2015-04-01', expected: null, seen: 'standard §0: 文号 is not a date' },
  {
    text: '国办秘函〔2019〕19号',
    asOf: '2019-05-01',
    expected: null,
    seen: 'standard §0: 文号 is not a date',
  },
  {
    text: '国办函〔2016〕68号',
    asOf: '2016-08-01',
    expected: null,
    seen: 'standard S12: 文号 is not a date',
  },
  {
    text: '2007年第23号国务院公报',
    asOf: '2007-12-31',
    expected: null,
    seen: 'samples 03 gov_cn_gongbao_2007_23.html title',
  },
  { text: '冀ICP备05029117号-1', asOf: '2020-08-03', expected: null, seen: `${HD} footer` },
  { text: '冀公网安备 13042002000523号', asOf: '2020-08-03', expected: null, seen: `${HD} footer` },
  { text: '网站标识码 1304000009', asOf: '2020-08-03', expected: null, seen: `${HD} footer` },
  { text: 'QQ及时咨询 (2513807704)', asOf: '2023-10-11', expected: null, seen: `${YC} footer` },
  {
    text: 'http://222.222.245.73:99/',
    asOf: '2020-08-03',
    expected: null,
    seen: `${HD} index.html bare-IP link`,
  },
  {
    text: '快递业务10534.28万件，增长16.35%',
    asOf: '2023-10-11',
    expected: null,
    seen: 'samples 01 宜春市2022年…统计公报 body',
  },
  {
    text: 'antd v3.13.1',
    asOf: '2023-10-11',
    expected: null,
    seen: 'samples 01 original_统计局 *_files/index.html (bundled library banner)',
  },
  {
    text: 'DingTalkGzt_v2.8.0-Release.8',
    asOf: '2023-10-11',
    expected: null,
    seen: `${YC} footer download link`,
  },
  { text: '10:20', asOf: '2023-10-11', expected: null, seen: 'issue 4: a time is not a date' },
  {
    text: '0795-3999999',
    asOf: '2023-10-11',
    expected: null,
    seen: 'issue 4: a telephone number is not a date',
  },
  // URL fallback (low confidence) and its precedence.
  {
    text: '邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知',
    url: 'http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html',
    asOf: '2020-08-06',
    expected: '2020-08-05',
    confidence: 'low',
    seen: `${HD} list.html link`,
  },
  {
    text: '天宫一号与神舟九号载人交会对接任务第二场新闻发布会',
    url: 'http://www.cmse.gov.cn/ztbd/xwfbh/201206/t20120624_43188.html',
    asOf: '2012-07-01',
    expected: '2012-06-24',
    confidence: 'low',
    seen: 'samples 03 cmse_press_release.html canonical URL',
  },
  {
    text: '微信',
    url: 'https://www.gov.cn/home/2023-03/29/content_5748953.htm',
    asOf: '2023-10-11',
    expected: '2023-03-29',
    confidence: 'low',
    seen: `${YC} footer link to gov.cn`,
  },
  {
    text: '严允：加速打造国家级新能源产业重要集聚区',
    url: '/ycsrmzf/zwyw/202310/02264b867b4b4b6d91a3844f29b22154.shtml',
    asOf: '2023-10-11',
    expected: '2023-10-01',
    confidence: 'low',
    seen: `${YC} article URL with a month directory`,
  },
  {
    text: '2023-09-22',
    url: '/ycsrmzf/yfbfbanb/202309/ac0860133317424cadf100e1188ade75.shtml',
    asOf: '2023-10-11',
    expected: '2023-09-22',
    confidence: 'high',
    seen: `${YC} printed date beats the URL`,
  },
];

describe('extractDate', () => {
  it('covers at least 40 cited strings', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)(
    '$text (as of $asOf) → $expected [$seen]',
    ({ text, asOf, url, title, expected, confidence }) => {
      const got = extractDate(text, { asOf, url, title });
      expect(got?.date ?? null).toBe(expected);
      if (expected && confidence) expect(got?.confidence).toBe(confidence);
    },
  );

  it('reports the text it read the date from', () => {
    expect(extractDate('关于做好防汛工作的通知 (05-06)', { asOf: '2024-06-01' })?.raw).toBe('(05-06)');
    expect(extractDate('发布日期：2016-11-22', { asOf: '2016-12-01' })?.raw).toBe('发布日期：2016-11-22');
  });
});

describe('civil dates', () => {
  it('clamps month arithmetic to the last day of the month', () => {
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonths('2023-10-11', -12)).toBe('2022-10-11');
    expect(addDays('2023-10-11', -14)).toBe('2023-09-27');
  });

  it('gives today in Asia/Shanghai whatever the machine timezone', () => {
    // 2023-10-10T17:30Z is 01:30 on the 11th in Shanghai.
    expect(shanghaiToday(new Date('2023-10-10T17:30:00Z'))).toBe('2023-10-11');
  });
});
