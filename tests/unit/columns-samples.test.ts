// The real home pages in ../shared/samples/pages/ rendered in Chromium (no network: every request is
// refused), their dated blocks read with per-page selectors (a test-only stand-in for the gatherer),
// then turned into column facts by the product code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListBlock } from '../../src/main/artifacts.js';
import { deriveColumns, homeLatestDate } from '../../src/main/checks/columns/deriveColumns.js';
import { parseColumnDictionary } from '../../src/main/checks/columns/dictionary.js';
import { pageArtifact } from './columns-helpers.js';
import { launchTestChromium } from '../support/chromium.js';

const SAMPLES = fileURLToPath(new URL('../../../shared/samples/pages', import.meta.url));
const dict = parseColumnDictionary(
  JSON.parse(readFileSync(new URL('../../resources/columns/categories.json', import.meta.url), 'utf8')),
);

/** A tabbed box: tab i (its link is the column) ↔ panel i (the list rows). */
interface BoxSpec {
  container: string;
  tabs: string;
  panels: string;
  rows: string;
}

async function tabBlocks(page: Page, spec: BoxSpec): Promise<ListBlock[]> {
  return page.evaluate((s) => {
    const clean = (t: string | null | undefined) => (t ?? '').replace(/\s+/g, ' ').trim();
    const box = document.querySelector(s.container);
    if (!box) throw new Error(`no ${s.container}`);
    const tabs = [...box.querySelectorAll(s.tabs)];
    const panels = [...box.querySelectorAll(s.panels)];
    return tabs.map((tab, i) => ({
      heading: clean(tab.textContent),
      moreUrl: tab.getAttribute('href'),
      kind: 'block' as const,
      level: 1,
      url: null,
      box: null,
      items: [...(panels[i]?.querySelectorAll(s.rows) ?? [])].map((row) => {
        const a = row.querySelector('a');
        return {
          title: clean(a?.getAttribute('title') || a?.textContent),
          url: a?.getAttribute('href') ?? null,
          rowText: clean(row.textContent),
        };
      }),
    }));
  }, spec);
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchTestChromium();
  const context = await browser.newContext({ javaScriptEnabled: false });
  // Saved pages reference their sites' CSS/JS: nothing may leave the machine.
  await context.route('**/*', (route) => route.abort());
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

async function load(file: string) {
  await page.setContent(readFileSync(`${SAMPLES}/${file}`, 'utf8'), { waitUntil: 'domcontentloaded' });
}

describe('宜春 home page (yichun.gov.cn, as of 2023-10-11)', () => {
  const asOf = '2023-10-11';
  it('yields the latest date and category of every dated home-page column', async () => {
    await load('01_jiangxi_yichun_wanzai/yichun_home_2023-10-11_1136.html');
    const tabbed = (container: string) => ({
      container,
      tabs: '.hd li a',
      panels: '.bd > .item',
      rows: '.newsTt, li',
    });
    const blocks = [
      ...(await tabBlocks(page, tabbed('.home-ycyw'))),
      ...(await tabBlocks(page, tabbed('.home-gwyxx'))),
      ...(await tabBlocks(page, tabbed('.home-jxszc'))),
      ...(await tabBlocks(page, tabbed('.home-xsqdt'))),
      ...(await tabBlocks(page, tabbed('.home-zcwj'))),
      ...(await tabBlocks(page, {
        container: '.home-zxft',
        tabs: '.common-title h3 a',
        panels: '.txt',
        rows: 'li',
      })),
    ];
    const home = pageArtifact({ url: 'http://www.yichun.gov.cn/', isHome: true, blocks });
    const cols = deriveColumns([home], { asOf, dict });
    const facts = Object.fromEntries(cols.map((c) => [c.name, [c.category, c.latestDate, c.blank]]));
    expect(facts).toEqual({
      政务要闻: ['news', '2023-10-11', false],
      国务院信息: ['news', '2023-09-23', false],
      江西省政策: ['policy', '2023-10-07', false],
      县市区动态: ['news', '2023-10-11', false],
      部门信息: ['news', '2023-10-11', false],
      政府文件: ['policy', '2023-09-22', false],
      政策解读: ['interpretation', '2023-10-10', false],
      // Filled by script from the network in the real site; with nothing loaded it renders empty.
      在线访谈: ['interview', null, true],
    });
    expect(
      cols
        .find((c) => c.name === '政府文件')
        ?.items?.slice(0, 3)
        .map((i) => i.date),
    ).toEqual(['2023-09-22', '2023-09-19', '2023-09-18']);
    expect(homeLatestDate([home], asOf).latestDate).toBe('2023-10-11');
  });
});

describe('邯郸 政府信息公开 home page (hdzfxxgk.hd.gov.cn, as of 2020-08-03)', () => {
  const asOf = '2020-08-03';
  it('yields the latest date and category of every dated home-page column', async () => {
    await load('02_hebei_handan_zfxxgk/index.html');
    const blocks = [
      ...(await tabBlocks(page, {
        container: '.sx-c1-right',
        tabs: '.sx-c1-title > a:has(h1)',
        panels: 'ul.sx-c1-list',
        rows: 'li',
      })),
      ...(await tabBlocks(page, {
        container: '.sx-c2-right',
        tabs: 'a.s2r-as',
        panels: 'ul.list1',
        rows: 'li',
      })),
    ];
    const home = pageArtifact({ url: 'http://hdzfxxgk.hd.gov.cn/', isHome: true, blocks });
    const cols = deriveColumns([home], { asOf, dict });
    const facts = Object.fromEntries(cols.map((c) => [c.name, [c.category, c.latestDate, c.itemCount]]));
    expect(facts).toEqual({
      近期信息公开: ['policy', '2020-08-02', 13],
      市政府文件: ['policy', '2020-07-29', 12],
      市政府办公室文件: ['policy', '2020-07-27', 12],
      市政府令: ['policy', '2020-01-23', 12],
      修订废止: ['policy', '2020-04-24', 12],
    });
    expect(homeLatestDate([home], asOf).latestDate).toBe('2020-08-02');
  });
});
