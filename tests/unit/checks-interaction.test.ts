import { describe, expect, test } from 'vitest';
import type { ListBlock } from '../../src/main/artifacts.js';
import { activityFacts } from '../../src/main/checks/interaction/activities.js';
import { checkConsultationMissing, findChannels } from '../../src/main/checks/interaction/channels.js';
import { consultationMessages } from '../../src/main/checks/interaction/messages.js';
import { context, lexicons, page, samplePage, site } from './checks-content-fixtures.js';

const rules = () => lexicons().interactionChannels;
const YICHUN_HOME = 'pages/01_jiangxi_yichun_wanzai/yichun_home_2023-10-11_1136.html';

function list(heading: string, url: string, rows: [string, string | null][]): ListBlock {
  return {
    heading,
    moreUrl: url,
    kind: 'list-page',
    items: rows.map(([rowText, itemUrl]) => ({ title: rowText.split(/\s+/)[0], url: itemUrl, rowText })),
    box: null,
    level: 1,
    url,
  };
}

describe('consultation channels', () => {
  test('宜春 home page: 我要写信 is consultation; 领导信箱 → the provincial 信访 platform counts as petition', () => {
    const home = samplePage(YICHUN_HOME, 'https://www.yichun.gov.cn/', { isHome: true });
    const channels = findChannels(site([home]), rules());
    expect(channels.map((c) => `${c.kind}:${c.name}`).sort()).toEqual([
      'consultation:我要写信',
      'interview:在线访谈',
      'petition:网上信访',
      'petition:领导信箱',
      'survey:民意征集',
    ]);
    expect(checkConsultationMissing(site([home]), context())).toEqual([]);
    // Without 我要写信 only petition channels remain: no valid consultation channel.
    const petitionOnly = { ...home, links: home.links.filter((l) => l.text !== '我要写信') };
    const [missing] = checkConsultationMissing(site([petitionOnly]), context());
    expect(missing.type).toBe('consultation-missing');
    expect(missing.detail).toContain('网上信访、纪检举报等专门渠道不计入');
  });

  test('邯郸 信息公开 home: 我要留言 is a consultation channel, 意见征集 a survey', () => {
    const home = samplePage('pages/02_hebei_handan_zfxxgk/index.html', 'http://hdzfxxgk.hd.gov.cn/', {
      isHome: true,
    });
    const channels = findChannels(site([home]), rules());
    expect(channels.find((c) => c.name === '我要留言')?.kind).toBe('consultation');
    expect(channels.find((c) => c.name === '意见征集')?.kind).toBe('survey');
    expect(checkConsultationMissing(site([home]), context())).toEqual([]);
  });

  test('a consultation channel whose page is broken is no channel', () => {
    const home = page({
      url: 'https://x.gov.cn/',
      isHome: true,
      links: [{ url: 'https://x.gov.cn/ldxx/', tag: 'a', text: '领导信箱', box: null }],
    });
    const broken = site([home], {
      links: [
        {
          url: 'https://x.gov.cn/ldxx/',
          outcome: 'http-error',
          status: 404,
          finalUrl: null,
          redirects: [],
          contentType: 'text/html',
          contentLength: 10,
          durationMs: 5,
          error: null,
          checkedAt: '2025-06-30T00:00:00Z',
          via: 'http',
          attempts: 1,
        },
      ],
    });
    expect(checkConsultationMissing(broken, context())[0].detail).toBe(
      '政务咨询类渠道“领导信箱”无法正常访问，网站未提供有效的网上咨询建言渠道',
    );
  });
});

// No real 领导信箱 list or reply pages are in the samples (samples/README: "Types not found"): the rows
// follow the common layouts (labelled fields, or 标题 | 留言时间 | 回复时间 | 状态 columns).
describe('consultation messages', () => {
  const listUrl = 'https://x.gov.cn/ldxx/';
  const home = page({
    url: 'https://x.gov.cn/',
    isHome: true,
    links: [{ url: listUrl, tag: 'a', text: '县长信箱', box: null }],
  });
  const listPage = page({
    url: listUrl,
    blocks: [
      list('县长信箱', listUrl, [
        [
          '关于小区停车难的问题 留言时间：2024-10-08 回复时间：2024-10-15 已回复',
          'https://x.gov.cn/ldxx/1.html',
        ],
        ['农村道路维修 2024-11-02 未回复', 'https://x.gov.cn/ldxx/2.html'],
        ['学校周边交通 2024年12月01日 2025年04月20日 已办结', 'https://x.gov.cn/ldxx/3.html'],
        ['供暖收费咨询 2023-03-01 未回复', 'https://x.gov.cn/ldxx/4.html'],
        ['路灯不亮 2025-05-20 处理中', 'https://x.gov.cn/ldxx/5.html'],
        ['噪音扰民 2025-01-10 2025-01-12 已受理', 'https://x.gov.cn/ldxx/6.html'],
      ]),
    ],
  });
  const detail = page({
    url: 'https://x.gov.cn/ldxx/1.html',
    title: '关于小区停车难的问题',
    text: '留言标题：关于小区停车难的问题\n留言时间：2024-10-08 09:12\n回复单位：县住建局\n回复时间：2025-02-10\n办理状态：已回复',
  });
  const artifacts = site([home, listPage, detail]);

  test('facts: dates from labels or columns, replier and status; the detail page overrides its row', () => {
    const messages = consultationMessages(artifacts, rules());
    const byUrl = Object.fromEntries(messages.map((m) => [m.url, m]));
    expect(byUrl['https://x.gov.cn/ldxx/1.html']).toMatchObject({
      askedAt: '2024-10-08',
      repliedAt: '2025-02-10',
      replier: '县住建局',
      status: 'answered',
      channel: '县长信箱',
    });
    expect(byUrl['https://x.gov.cn/ldxx/2.html']).toMatchObject({
      askedAt: '2024-11-02',
      repliedAt: null,
      status: 'unanswered',
    });
    // 已受理 is still waiting: its second date is not a reply.
    expect(byUrl['https://x.gov.cn/ldxx/6.html']).toMatchObject({
      askedAt: '2025-01-10',
      repliedAt: null,
      status: 'unanswered',
    });
    expect(byUrl['https://x.gov.cn/ldxx/3.html']).toMatchObject({
      askedAt: '2024-12-01',
      repliedAt: '2025-04-20',
      status: 'answered',
    });
  });
});

describe('surveys and interviews', () => {
  const home = page({
    url: 'https://x.gov.cn/',
    isHome: true,
    blocks: [
      {
        ...list('民意征集', 'https://x.gov.cn/myzj/', [
          ['关于城区公交线路优化的意见征集 2025-03-02', 'https://x.gov.cn/myzj/1.html'],
          ['2024年民生实事项目征集 2024-01-05', null],
        ]),
        kind: 'block',
      },
      {
        ...list('在线访谈', 'https://x.gov.cn/zxft/', [
          ['县医保局局长谈医保改革 2023-09-10', 'https://x.gov.cn/zxft/1.html'],
        ]),
        kind: 'block',
      },
    ],
  });

  test('activity dates are facts (the pack decides inactivity in scoring)', () => {
    const facts = activityFacts(site([home]), rules());
    expect(facts.map((f) => `${f.kind}:${f.date}`)).toEqual([
      'survey:2025-03-02',
      'survey:2024-01-05',
      'interview:2023-09-10',
    ]);
  });
});
