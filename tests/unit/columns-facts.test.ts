import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blankColumnFindings } from '../../src/main/checks/columns/blankColumns.js';
import { deriveColumns, homeLatestDate } from '../../src/main/checks/columns/deriveColumns.js';
import { parseColumnDictionary } from '../../src/main/checks/columns/dictionary.js';
import { listBlock, pageArtifact } from './columns-helpers.js';

const dict = parseColumnDictionary(
  JSON.parse(readFileSync(new URL('../../resources/columns/categories.json', import.meta.url), 'utf8')),
);
const asOf = '2023-10-11';
const HOME = 'http://www.example.gov.cn/';

describe('deriveColumns', () => {
  it('merges a home block with its list page (via 更多) and every page of the list', () => {
    const home = pageArtifact({
      url: HOME,
      isHome: true,
      blocks: [
        listBlock('通知公告', [['关于A的通知', '关于A的通知 09-30', '/tzgg/a.html']], {
          moreUrl: 'http://www.example.gov.cn/tzgg/index.html',
        }),
      ],
    });
    const page1 = pageArtifact({
      url: 'http://www.example.gov.cn/tzgg/',
      depth: 1,
      blocks: [
        listBlock(
          '通知公告',
          [
            ['关于A的通知', '关于A的通知 2023-09-30', '/tzgg/a.html'],
            ['关于B的通知', '关于B的通知 2023-08-01', '/tzgg/b.html'],
          ],
          {
            kind: 'list-page',
            url: 'http://www.example.gov.cn/tzgg/',
          },
        ),
      ],
    });
    const page2 = pageArtifact({
      url: 'http://www.example.gov.cn/tzgg/index_1.html',
      depth: 2,
      blocks: [
        listBlock('通知公告', [['关于C的通知', '关于C的通知 2023-03-01', '/tzgg/c.html']], {
          kind: 'list-page',
          url: 'http://www.example.gov.cn/tzgg/',
        }),
      ],
    });
    const cols = deriveColumns([home, page1, page2], { asOf, dict });
    expect(cols).toHaveLength(1);
    expect(cols[0]).toMatchObject({
      name: '通知公告',
      category: 'notice',
      level: 1,
      latestDate: '2023-09-30',
      itemCount: 3,
      blank: false,
      source: 'home-block',
    });
    expect(cols[0].items?.map((i) => i.date)).toEqual(['2023-09-30', '2023-08-01', '2023-03-01']);
  });

  it('counts an undated item as not updated and ignores dates after as-of', () => {
    const home = pageArtifact({
      url: HOME,
      isHome: true,
      blocks: [
        listBlock('工作动态', [
          ['无日期稿件', '无日期稿件'],
          ['未来稿件', '未来稿件 2023-12-01'],
          ['旧稿件', '旧稿件 2023-01-05'],
        ]),
        listBlock('部门动态', [['无日期稿件', '无日期稿件']]),
      ],
    });
    const [news, dept] = deriveColumns([home], { asOf, dict });
    expect(news.latestDate).toBe('2023-01-05');
    expect(dept.latestDate).toBeNull();
    expect(dept.blank).toBe(false);
  });

  it('marks a rendered list with no item as blank, and reports it as column-blank', () => {
    const home = pageArtifact({ url: HOME, isHome: true, blocks: [listBlock('在线访谈', [])] });
    const cols = deriveColumns([home], { asOf, dict });
    expect(cols[0]).toMatchObject({ category: 'interview', blank: true, itemCount: 0 });
    const findings = blankColumnFindings(cols, HOME);
    expect(findings.map((f) => f.type)).toEqual(['column-blank']);
    expect(findings[0].data).toMatchObject({ category: 'interview', level: 1 });
  });

  it('classifies navigation children, not the 政民互动 grouping, and does not judge unvisited entries', () => {
    const nav = listBlock('政民互动', [], {
      kind: 'nav',
      url: 'http://hdzfxxgk.hd.gov.cn/#',
      children: [
        listBlock('我要留言', [], { kind: 'nav', level: 2, url: 'http://hd.gov.cn/zmhd/wyly/' }),
        listBlock('意见征集', [], { kind: 'nav', level: 2, url: 'http://hd.gov.cn/zmhd/yjzj/' }),
      ],
    });
    const cols = deriveColumns([pageArtifact({ url: HOME, isHome: true, blocks: [nav] })], { asOf, dict });
    expect(cols.map((c) => [c.name, c.category, c.level, c.source, c.blank])).toEqual([
      ['我要留言', 'consultation', 2, 'nav', false],
      ['意见征集', 'survey', 2, 'nav', false],
    ]);
  });

  it('applies the ledger: category and level overrides, 历史专题 excluded, confirmed inventory, ledger-only columns', () => {
    const home = pageArtifact({
      url: HOME,
      isHome: true,
      blocks: [
        listBlock('最新发布', [['x', 'x 2023-10-01']], { moreUrl: 'http://www.example.gov.cn/zxfb/' }),
        listBlock('抗疫专题', [['y', 'y 2022-03-01']], { moreUrl: 'http://www.example.gov.cn/ky/' }),
      ],
    });
    const cols = deriveColumns([home], {
      asOf,
      dict,
      ledger: [
        {
          name: '最新发布',
          url: 'https://www.example.gov.cn/zxfb/index.html',
          category: 'notice',
          level: 2,
          confirmed: true,
        },
        { name: '抗疫专题', url: null, excluded: true, confirmed: true },
        { name: '规划计划', url: 'http://www.example.gov.cn/ghjh/', confirmed: true },
      ],
    });
    expect(cols.map((c) => [c.name, c.category, c.level, c.excluded, c.confirmed, c.source])).toEqual([
      ['最新发布', 'notice', 2, false, true, 'home-block'],
      ['抗疫专题', 'other', 1, true, true, 'home-block'],
      ['规划计划', 'planning', 1, false, true, 'ledger'],
    ]);
  });

  it('excludes a 历史栏目 by name (hdzfxxgk.hd.gov.cn nav) without a ledger', () => {
    const home = pageArtifact({
      url: HOME,
      isHome: true,
      blocks: [listBlock('历史栏目', [['z', 'z 2015-01-01']])],
    });
    expect(deriveColumns([home], { asOf, dict })[0].excluded).toBe(true);
  });
});

describe('homeLatestDate', () => {
  it('takes the newest dated item of the home page', () => {
    const home = pageArtifact({
      url: HOME,
      isHome: true,
      blocks: [listBlock('要闻', [['a', 'a 10-09']]), listBlock('通知', [['b', 'b 2023-10-10']])],
    });
    expect(homeLatestDate([home], asOf)).toEqual({
      latestDate: '2023-10-10',
      navigationOnly: false,
      pageUrls: [HOME],
    });
  });

  it('falls back to the second-level pages when the home page is only a navigation entry', () => {
    const home = pageArtifact({
      url: HOME,
      isHome: true,
      blocks: [
        listBlock('导航', [], { kind: 'nav', url: '/zwgk/' }),
        listBlock('图片', [['宣传画', '宣传画']]),
      ],
    });
    const second = pageArtifact({
      url: 'http://www.example.gov.cn/zwgk/',
      depth: 1,
      blocks: [listBlock('工作动态', [['c', 'c 2023-09-30']])],
    });
    const deeper = pageArtifact({
      url: 'http://www.example.gov.cn/zwgk/x/',
      depth: 2,
      blocks: [listBlock('动态', [['d', 'd 2023-10-11']])],
    });
    expect(homeLatestDate([home, second, deeper], asOf)).toEqual({
      latestDate: '2023-09-30',
      navigationOnly: true,
      pageUrls: ['http://www.example.gov.cn/zwgk/'],
    });
    const cols = deriveColumns([home, second, deeper], { asOf, dict });
    expect(cols.find((c) => c.name === '工作动态')?.level).toBe(1);
  });
});

describe('column identity', () => {
  it('merges a relative 更多 link with the absolute menu entry of the same column (yichun.gov.cn markup)', () => {
    const home = pageArtifact({
      url: 'http://www.yichun.gov.cn/',
      isHome: true,
      blocks: [
        listBlock('政务要闻', [['a', 'a 10-11']], { moreUrl: '/ycsrmzf/zwyw/list.shtml' }),
        listBlock('政务公开', [], {
          kind: 'nav',
          children: [
            listBlock('政务动态', [], {
              kind: 'nav',
              level: 2,
              url: 'http://www.yichun.gov.cn/ycsrmzf/zwyw/list.shtml',
            }),
          ],
        }),
      ],
    });
    const cols = deriveColumns([home], { asOf, dict });
    expect(cols).toHaveLength(1);
    expect(cols[0]).toMatchObject({
      name: '政务要闻',
      url: 'http://www.yichun.gov.cn/ycsrmzf/zwyw/list.shtml',
      // The menu puts it under 政务公开: a 二级栏目, although the home page shows a block of it.
      level: 2,
      source: 'home-block',
      latestDate: '2023-10-11',
    });
  });
});
