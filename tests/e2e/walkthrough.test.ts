// The quarter's work done through the UI only (issue 7): the built renderer in Chromium, window.api
// bridged to the REAL engine service on a temporary workspace, auditing the generated county 示范县
// served on 127.0.0.1. Every step is asserted by what it changed in the workspace, not only on screen,
// and every screen is saved as a PNG and scanned for placeholder or untranslated text.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineService } from '../../src/main/service/engineService.js';
import type { ApiInput, ApiMethod, ApiOutput } from '../../src/shared/api.js';
import { generateCounty } from '../fixtures/portal/generate.js';
import { startFixtureServer } from '../fixtures/server.js';
import type { FixtureServer } from '../fixtures/server.js';
import {
  bridgeApi,
  buildRenderer,
  captureScreen,
  CHROMIUM_ARGS,
  serveStatic,
  untranslatedText,
} from './harness.js';

const AS_OF = '2026-11-20';
const SHOTS_DIR = resolve(process.env.E2E_SHOTS_DIR ?? 'tests/e2e/__screenshots__');
const PORTAL = '示范县人民政府';
const AUDIT_TIMEOUT_MS = 240_000;

const county = generateCounty({ asOf: AS_OF });
const work = mkdtempSync(join(tmpdir(), 'e2e-walkthrough-'));
const screenTexts = new Map<string, string>();

let server: FixtureServer;
let site: { close(): Promise<void>; url: string };
let service: Awaited<ReturnType<typeof createEngineService>>;
let browser: Browser;
let page: Page;
let stopEvents: () => void;

/** Asks the engine directly, as the assertions' source of truth. */
async function engine<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await service.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as ApiOutput<M>;
}

/** Waits for the UI like a patient user: saving re-scores the site, which takes a moment on two cores. */
function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 20_000, interval: 100 });
}

async function openScreen(label: string): Promise<void> {
  // A dialog a failed step left open would block the navigation: close it as a user would.
  if (await page.getByRole('dialog').count()) await page.keyboard.press('Escape');
  await page
    .getByRole('navigation', { name: '功能导航' })
    .getByRole('button', { name: label, exact: true })
    .click();
  await eventually(() => page.locator('h1.screen-title').innerText()).toBe(label);
}

async function shoot(name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  screenTexts.set(name, await captureScreen(page, SHOTS_DIR, name));
}

async function latestRun() {
  const runs = await engine('listRuns', {});
  return runs[0];
}

beforeAll(async () => {
  server = await startFixtureServer(county.sites);
  service = await createEngineService({
    workspaceDir: join(work, 'workspace'),
    resourcesDir: resolve('resources'),
    network: { mapHost: server.mapHost(), offline: true },
    // The fixture's hanging link must not hold the run for the production timeouts.
    timeouts: { pageMs: 15_000, linkMs: 3_000, probeMs: 3_000, probeIntervalMs: 200 },
  });
  await buildRenderer(join(work, 'renderer'));
  site = await serveStatic(join(work, 'renderer'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({
    viewport: { width: 1366, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  page.on('pageerror', (error) => console.error(`renderer error: ${error.message}`));
  stopEvents = await bridgeApi(page, service);
  await page.goto(site.url);
}, 180_000);

afterAll(async () => {
  stopEvents?.();
  await browser?.close();
  await site?.close();
  await service?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('walk-through of a quarter’s inspection in the desktop UI', () => {
  it('starts on an empty ledger that says how to begin', async () => {
    await eventually(() => page.getByText('台账中还没有网站').isVisible()).toBe(true);
    await shoot('01-ledger-empty');
  });

  it('settings: detects the browser and saves the reviewer', async () => {
    await openScreen('设置');
    await page.getByRole('button', { name: '检测浏览器' }).click();
    await eventually(() => page.getByTestId('browser-info').isVisible()).toBe(true);
    await page.getByLabel('核查人（审核问题时记录）').fill('王核查');
    await page.getByLabel('报送单位').fill('示范县人民政府办公室');
    await page.getByRole('button', { name: '保存设置' }).click();
    await eventually(() => page.getByText('设置已保存').isVisible()).toBe(true);
    await shoot('02-settings');
    expect(await engine('getSettings', {})).toMatchObject({
      reviewer: '王核查',
      unit: '示范县人民政府办公室',
    });
    expect((await engine('detectBrowser', {})).found).toBe(true);
  });

  it('ledger: imports the 基本信息表 and shows every site', async () => {
    const csv = join(work, '政府网站基本信息表.csv');
    const rows = county.manifest.sites.map((s, i) =>
      [i + 1, s.name, s.siteCode ?? '', s.url, s.sponsor ?? '', s.siteType ?? ''].join(','),
    );
    writeFileSync(csv, ['序号,网站名称,网站标识码,首页网址,主办单位,网站类型', ...rows].join('\r\n'));
    await openScreen('网站台账');
    await page.getByRole('button', { name: '导入基本信息表' }).click();
    await page.getByLabel('要导入的文件').fill(csv);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect
      .poll(() => page.getByText(`已导入 ${county.manifest.sites.length} 个网站`).first().isVisible())
      .toBe(true);
    await page.getByRole('button', { name: '关闭' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: '网站台账' }).getByRole('row').count())
      .toBe(county.manifest.sites.length + 1);
    await shoot('03-ledger');
    const sites = await engine('listSites', {});
    expect(sites.map((s) => s.name).sort()).toEqual(county.manifest.sites.map((s) => s.name).sort());
    expect(sites.find((s) => s.name === PORTAL)?.siteCode).toBe(
      county.manifest.sites.find((s) => s.name === PORTAL)?.siteCode,
    );
  });

  it(
    'new audit: runs the portal with live progress until it finishes',
    async () => {
      await openScreen('新建检查');
      await page.getByRole('checkbox', { name: new RegExp(`^${PORTAL}`) }).check();
      await page.getByLabel('检查基准日').fill(AS_OF);
      await page.getByLabel('每个网站最多抓取页面数').fill('40');
      await page.getByLabel('最大抓取深度').fill('2');
      await page.getByRole('button', { name: '开始检查' }).click();
      await expect
        .poll(() => page.getByTestId('site-progress').count(), { timeout: 60_000 })
        .toBeGreaterThan(0);
      await expect
        .poll(() => page.getByTestId('site-progress').first().innerText(), { timeout: 60_000 })
        .toMatch(/已抓取 [1-9]\d* 页/);
      await shoot('04-audit-progress');
      await expect
        .poll(() => page.getByText('检查已完成').isVisible(), { timeout: AUDIT_TIMEOUT_MS })
        .toBe(true);
      await shoot('05-audit-done');
      const run = await latestRun();
      expect(run.status).toBe('done');
      expect(run.asOf).toBe(AS_OF);
      expect(run.sites.map((s) => s.name)).toEqual([PORTAL]);
      expect(run.sites[0].findingCount).toBeGreaterThan(0);
    },
    AUDIT_TIMEOUT_MS + 60_000,
  );

  it('results: shows the score card and records a manual check', async () => {
    await openScreen('检查结果');
    await eventually(() => page.getByTestId('score-card').count()).toBe(1);
    const card = page.getByTestId('score-card');
    await eventually(() => card.innerText()).toMatch(/合格|不合格|待确认/);
    await card.getByRole('button', { name: '录入核查结果' }).first().click();
    await page
      .getByRole('dialog')
      .getByRole('textbox', { name: /^核查结果/ })
      .fill('已逐项核对网站所列信息，内容准确。');
    await page.getByRole('button', { name: '保存核查结果' }).click();
    await eventually(() => page.getByText('核查结果。').first().isVisible()).toBe(true);
    await shoot('06-results');
    const run = await latestRun();
    const { summary } = await engine('getResults', { runId: run.id });
    const manual = summary.sites[0].score?.manual ?? [];
    expect(manual.some((m) => m.status === '已核查' && m.result.includes('内容准确'))).toBe(true);
  });

  it('findings: opens a finding’s evidence and dismisses another as 误报', async () => {
    await openScreen('问题清单');
    await eventually(() => page.getByTestId('finding-row').count()).toBeGreaterThan(0);
    // The planted 404 on the home page: its evidence is the home page screenshot with the link boxed.
    const fixedUrl = county.manifest.fixedInVariant.url;
    await page.getByLabel('搜索问题').fill(fixedUrl);
    await eventually(() => page.getByTestId('finding-row').count()).toBe(1);
    await page.getByTestId('finding-row').first().click();
    const detail = page.getByTestId('finding-detail');
    await eventually(() => detail.innerText()).toContain(fixedUrl);
    await expect.poll(() => detail.locator('.evidence img').count(), { timeout: 20_000 }).toBe(1);
    await eventually(() => detail.getByText('与入库记录一致').isVisible()).toBe(true);
    // The link's box is drawn over the home page screenshot.
    await eventually(() => detail.getByTestId('evidence-box').count()).toBe(1);
    await shoot('07-finding-evidence');

    await page.getByLabel('搜索问题').fill('');
    const run = await latestRun();
    const candidates = await engine('listFindings', { runId: run.id, status: 'open' });
    // One whose description names it alone, so the search shows exactly that row.
    const victim = candidates.find(
      (f) => f.url !== fixedUrl && candidates.filter((other) => other.detail.includes(f.detail)).length === 1,
    )!;
    await page.getByLabel('搜索问题').fill(victim.detail);
    await eventually(() => page.getByTestId('finding-row').count()).toBe(1);
    await page.getByTestId('finding-row').first().click();
    await page.getByRole('button', { name: '标记为误报' }).click();
    await page.getByLabel(/误报原因/).fill('经人工核实，该页面在办公网络可以正常访问。');
    await page.getByRole('button', { name: '确定为误报' }).click();
    await eventually(() => page.getByRole('dialog').count()).toBe(0);
    await eventually(() => page.getByTestId('finding-detail').innerText()).toContain('审核记录');
    await shoot('08-finding-dismissed');
    const dismissed = await engine('listFindings', { runId: run.id, status: 'dismissed' });
    const stored = dismissed.find((f) => f.id === victim.id);
    expect(stored?.review).toMatchObject({ action: 'dismiss', reviewer: '王核查' });
    expect(stored?.review?.reason).toContain('正常访问');
  });

  it('monitor: shows the probes taken for the audit', async () => {
    await openScreen('连通性监测');
    await expect
      .poll(() =>
        page
          .getByText(/后台监测/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await shoot('09-monitor');
    const status = await engine('monitorStatus', {});
    const probes = status.sites.flatMap((s) => s.days).reduce((sum, d) => sum + d.probes, 0);
    expect(probes).toBeGreaterThan(0);
  });

  it('export: writes the workbook into the chosen folder', async () => {
    const outDir = join(work, '导出');
    await openScreen('报告导出');
    await page.getByLabel('导出到文件夹').fill(outDir);
    await page.getByRole('button', { name: '导出报告' }).click();
    await expect.poll(() => page.getByTestId('export-result').isVisible(), { timeout: 120_000 }).toBe(true);
    await shoot('10-export');
    const workbookPath = join(outDir, 'report.xlsx');
    expect(existsSync(workbookPath)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(workbookPath);
    const cells = workbook.worksheets.flatMap((sheet) =>
      sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map((v) => String(v ?? '')) : [])),
    );
    expect(cells.some((text) => text.includes(PORTAL))).toBe(true);
  }, 180_000);

  it(
    'rectification: the fixed defect is re-checked and shown as 已整改',
    async () => {
      const original = await latestRun();
      await openScreen('整改跟踪');
      await eventually(() => page.getByTestId('rect-row').count()).toBeGreaterThan(0);
      await shoot('11-rectification');
      server.setVariant(generateCounty({ asOf: AS_OF, variant: 'fixed' }).sites);
      await page.getByRole('button', { name: '复查本批次问题' }).click();
      await expect
        .poll(() => page.getByText('复查已完成').isVisible(), { timeout: AUDIT_TIMEOUT_MS })
        .toBe(true);
      const recheck = await latestRun();
      expect(recheck.id).not.toBe(original.id);
      expect(recheck.recheckOf).toBe(original.id);
      const fixedUrl = county.manifest.fixedInVariant.url;
      const rows = await engine('listRectifications', { runId: recheck.id });
      expect(rows.find((r) => r.url === fixedUrl)?.recheck).toBe('已整改');
      expect(rows.some((r) => r.recheck === '未整改')).toBe(true);
      const fixedRow = page.getByTestId('rect-row').filter({ hasText: '已整改' }).first();
      await eventually(() => fixedRow.isVisible()).toBe(true);
      await fixedRow.getByRole('button').first().click();
      await eventually(() => page.getByTestId('rect-editor').isVisible()).toBe(true);
      await shoot('12-rectification-recheck');

      // A problem still open gets an owner and a deadline already past: it must stand out as overdue.
      const open = rows.find((r) => r.recheck === '未整改')!;
      await page
        .getByTestId('rect-row')
        .filter({ hasText: open.detail })
        .first()
        .getByRole('button')
        .first()
        .click();
      const editor = page.getByTestId('rect-editor');
      await editor.getByLabel('整改措施').fill('修复首页失效链接');
      await editor.getByLabel('责任人').fill('李整改');
      await editor.getByLabel('整改时限').fill('2026-11-01');
      await editor.getByRole('button', { name: '保存整改信息' }).click();
      await eventually(() => page.getByText('已逾期').first().isVisible()).toBe(true);
      await shoot('13-rectification-overdue');
      const saved = (await engine('listRectifications', { runId: recheck.id })).find(
        (r) => r.fingerprint === open.fingerprint,
      );
      expect(saved).toMatchObject({
        owner: '李整改',
        deadline: '2026-11-01',
        measure: '修复首页失效链接',
        overdue: true,
      });
    },
    AUDIT_TIMEOUT_MS + 60_000,
  );

  it('every screen reads as finished Chinese: no placeholders, no untranslated labels', () => {
    expect(screenTexts.size).toBeGreaterThanOrEqual(13);
    const problems = [...screenTexts].flatMap(([name, text]) =>
      untranslatedText(text).map((p) => `${name}: ${p}`),
    );
    expect(problems).toEqual([]);
  });
});
