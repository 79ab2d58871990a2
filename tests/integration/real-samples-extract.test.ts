// The in-page extractor (src/main/gather/inPageExtract.ts) on the REAL deeper pages of 邯郸's 政府信息公开
// site in ../shared/samples/pages/02_hebei_handan_zfxxgk/, rendered in Chromium under their own host name
// (requests answered by the test: the saved page, 404 for everything else; nothing leaves the machine).
// real-samples.test.ts covers the home pages through the whole CLI.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDate } from '../../src/main/checks/dates/extractDate.js';
import { inPageExtract, type InPageExtract } from '../../src/main/gather/inPageExtract.js';
import { ROOT } from './cli-helpers.js';
import { launchTestChromium } from '../support/chromium.js';

const HANDAN = path.resolve(ROOT, '..', 'shared', 'samples', 'pages', '02_hebei_handan_zfxxgk');

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchTestChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Renders one saved page at `url` (scripts on) and runs the extractor as the gatherer does. */
async function extract(file: string, url: string): Promise<InPageExtract> {
  const page = await context.newPage();
  try {
    await page.route('**/*', (route) =>
      route.request().url() === url
        ? route.fulfill({ body: fs.readFileSync(path.join(HANDAN, file)), contentType: 'text/html' })
        : route.fulfill({ status: 404, body: '' }),
    );
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    return (await page.evaluate(inPageExtract({ isHome: false }))) as InPageExtract;
  } finally {
    await page.close();
  }
}

describe('邯郸 政府信息公开 deeper pages (hdzfxxgk.hd.gov.cn, saved Aug 2020)', () => {
  it('list.html: the dated table is the column list, not the ten-entry side menu beside it', async () => {
    const got = await extract('list.html', 'http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/');
    const lists = got.blocks.filter((b) => b.kind === 'list-page');
    expect(lists.map((b) => b.heading)).toEqual(['邯郸市政府信息公开']); // <meta name="ColumnName">
    expect(lists[0].items.map((i) => i.title)).toEqual([
      '邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知',
    ]);
    // The row also shows the 索引号 000014348/2020-35428: the date is the 发布日期 cell.
    const item = lists[0].items[0];
    expect(extractDate(item.rowText, { asOf: '2020-08-10', url: item.url, title: item.title })?.date).toBe(
      '2020-08-05',
    );
    // The page's own list is not also reported as a block under its <h1>近期信息公开</h1>.
    expect(got.blocks.filter((b) => b.kind === 'block')).toEqual([]);
  });

  it('gkzn.html: a 公开指南 with a directory of 44 departments has no column list', async () => {
    const got = await extract('gkzn.html', 'http://hdzfxxgk.hd.gov.cn/zfxxgkzn/');
    expect(got.blocks.filter((b) => b.kind !== 'nav')).toEqual([]);
  });

  it('details.html: an article (ArticleTitle meta) is not a column list', async () => {
    const got = await extract(
      'details.html',
      'http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html',
    );
    expect(got.meta['ArticleTitle']).toContain('全市教育系统安全专项整治三年行动实施方案');
    expect(got.blocks.filter((b) => b.kind !== 'nav')).toEqual([]);
  });
});
