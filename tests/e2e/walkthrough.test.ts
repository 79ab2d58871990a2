// The quarter's work done through the UI only (issue 7): the built renderer in Chromium, window.api
// bridged to the REAL engine service on a temporary workspace, auditing the generated county 示范县
// served on 127.0.0.1. Every step is asserted by what it changed in the workspace, not only on screen,
// and every screen is saved as a PNG and scanned for placeholder or untranslated text.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceCalendar } from '../../src/main/resources/checkEnvironment.js';
import { addWorkingDays, isWorkingDay } from '../../src/main/scoring/workCalendar.js';
import { createEngineService } from '../../src/main/service/engineService.js';
import { Workspace } from '../../src/main/store/workspace.js';
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
const portalManifest = () => county.manifest.sites.find((s) => s.name === PORTAL)!;
const AUDIT_TIMEOUT_MS = 240_000;

const county = generateCounty({ asOf: AS_OF });
const work = mkdtempSync(join(tmpdir(), 'e2e-walkthrough-'));
const workspaceDir = join(work, 'workspace');
/** Folders the UI asked the desktop shell to open (the test stands in for the shell). */
const openedFolders: string[] = [];
const screenTexts = new Map<string, string>();

let server: FixtureServer;
let site: { close(): Promise<void>; url: string };
let service: Awaited<ReturnType<typeof createEngineService>>;
let browser: Browser;
let page: Page;
let stopEvents: () => void;
/** Names of the portal's columns the inventory step changed, checked again after the re-check. */
let columnOverrides: { recategorised: string; historical: string };

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

async function siteIdOf(name: string): Promise<number> {
  return (await engine('listSites', {})).find((s) => s.name === name)!.id;
}

beforeAll(async () => {
  server = await startFixtureServer(county.sites);
  service = await createEngineService({
    workspaceDir,
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
  stopEvents = await bridgeApi(page, {
    dispatch: async (method, input) => {
      if (method !== 'openFolder') return service.dispatch(method, input);
      openedFolders.push((input as { path: string }).path);
      return { ok: true, value: { ok: true } };
    },
    onEvent: (listener) => service.onEvent(listener),
  });
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

  it('settings: the leader list, whitelists and lexicons, kept in the workspace', async () => {
    await openScreen('设置');
    // The lexicons the checks load, each with the version the report prints.
    const lexicons = await engine('listLexicons', {});
    const lexiconTable = page.getByRole('table', { name: '词库' });
    await eventually(() => lexiconTable.getByRole('row').count()).toBe(lexicons.length + 1);
    const typo = lexicons.find((l) => l.file === 'typo')!;
    expect(await lexiconTable.getByRole('row').filter({ hasText: '错别字词库' }).innerText()).toContain(
      typo.version,
    );

    // Edited in the app: one leader, stored where the content checks read it (settings 'leaders').
    const leaders = page.getByTestId('leader-list');
    await leaders.getByRole('button', { name: '添加一行' }).click();
    await leaders.getByLabel('第1行姓名').fill('周明远');
    await leaders.getByLabel('第1行职务').fill('县长');
    await leaders.getByLabel('第1行地区').fill('示范县');
    await leaders.getByLabel('第1行任职起').fill('2023-01-16');
    await leaders.getByRole('button', { name: '保存领导名单' }).click();
    await eventually(() => leaders.getByText('领导名单已保存（1 人）').isVisible()).toBe(true);
    const edited = await engine('getLeaders', {});
    expect(edited.stored).toBe(true);
    expect(edited.leaders).toEqual([
      { name: '周明远', title: '县长', region: '示范县', validFrom: '2023-01-16', validTo: null },
    ]);

    // Exported offline for another workstation, in the bundled file's format.
    const exported = join(work, '领导名单-导出.json');
    await leaders.getByLabel(/^领导名单文件/).fill(exported);
    await leaders.getByRole('button', { name: '导出到文件' }).click();
    await eventually(() => leaders.getByText('领导名单已导出到').isVisible()).toBe(true);
    expect(JSON.parse(readFileSync(exported, 'utf8'))).toMatchObject({
      version: edited.version,
      leaders: edited.leaders,
    });

    // Imported from the county's own file: replaces the list, keeping the file's version.
    const imported = join(work, '领导名单-县委办.json');
    writeFileSync(
      imported,
      JSON.stringify({
        version: '2026-q4',
        source: '示范县委办公室提供',
        leaders: [
          { name: '周明远', title: '县长', region: '示范县', validFrom: '2023-01-16', validTo: null },
          {
            name: '陈立群',
            title: '副县长',
            region: '示范县',
            validFrom: '2021-03-01',
            validTo: '2026-06-30',
          },
        ],
      }),
    );
    await leaders.getByLabel(/^领导名单文件/).fill(imported);
    await leaders.getByRole('button', { name: '从文件导入' }).click();
    await eventually(() => leaders.getByText('已导入领导名单（2 人，版本 2026-q4）').isVisible()).toBe(true);
    await eventually(() => leaders.getByLabel('第2行姓名').inputValue()).toBe('陈立群');
    expect(await engine('getLeaders', {})).toMatchObject({ version: '2026-q4', stored: true });

    // A malformed file is refused in plain Chinese and the stored list stays as it was.
    const malformed = join(work, '领导名单-有误.json');
    writeFileSync(malformed, JSON.stringify({ leaders: [{ name: '周' }] }));
    await leaders.getByLabel(/^领导名单文件/).fill(malformed);
    await leaders.getByRole('button', { name: '从文件导入' }).click();
    await eventually(() => leaders.getByText('领导名单格式不正确').isVisible()).toBe(true);
    expect((await engine('getLeaders', {})).leaders).toHaveLength(2);

    // Whitelists: global terms (blank lines and repeats dropped) and the portal's own.
    const whitelists = page.getByTestId('whitelists');
    await whitelists.getByLabel(/^全局白名单/).fill('青山镇\n\n示范县\n青山镇');
    await whitelists.getByRole('button', { name: '保存全局白名单' }).click();
    await eventually(() => whitelists.getByText('全局白名单已保存（2 个词）').isVisible()).toBe(true);
    const portalId = await siteIdOf(PORTAL);
    await whitelists.getByLabel('白名单所属网站').selectOption(String(portalId));
    await whitelists.getByLabel(/^该网站的白名单/).fill('龙泉湖');
    await whitelists.getByRole('button', { name: '保存网站白名单' }).click();
    await eventually(() => whitelists.getByText(`“${PORTAL}”的白名单已保存（1 个词）`).isVisible()).toBe(
      true,
    );
    await shoot('03a-settings-lists');
    const stored = await engine('getWhitelists', {});
    expect(stored.global).toEqual(['青山镇', '示范县']);
    expect(stored.sites.find((s) => s.siteId === portalId)?.terms).toEqual(['龙泉湖']);
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

  it('ledger: confirms the column inventory the run found, with an override and a 历史专题', async () => {
    const portalId = await siteIdOf(PORTAL);
    const found = await engine('listColumns', { siteId: portalId });
    expect(found.length).toBeGreaterThan(2);
    expect(found.every((c) => !c.confirmed)).toBe(true);
    // Columns whose name is unique, so their controls are found by label.
    const unique = found.filter((c) => found.filter((o) => o.name === c.name).length === 1);
    const recategorised = unique.find((c) => c.category !== 'interpretation')!;
    const historical = unique.find((c) => c !== recategorised)!;
    await openScreen('网站台账');
    await page
      .getByRole('table', { name: '网站台账' })
      .getByRole('button', { name: PORTAL, exact: true })
      .click();
    const inventory = page.getByRole('table', { name: '栏目清单' });
    await eventually(() => inventory.getByRole('row').count()).toBe(found.length + 1);
    await inventory.getByLabel(`${recategorised.name}的类别`).selectOption('interpretation');
    await inventory.getByLabel(`${recategorised.name}的级别`).selectOption('2');
    await eventually(() => inventory.getByLabel(`${recategorised.name}的级别`).inputValue()).toBe('2');
    // The box shows the change at once, before the engine has answered.
    await inventory.getByLabel(`${historical.name}为历史专题`).check();
    await eventually(() => inventory.getByLabel(`${historical.name}为历史专题`).isChecked()).toBe(true);
    await page.getByRole('button', { name: '全部确认' }).click();
    await eventually(() => page.getByText('栏目清单已确认').isVisible()).toBe(true);
    await shoot('06a-column-inventory');
    const saved = await engine('listColumns', { siteId: portalId });
    expect(saved.every((c) => c.confirmed)).toBe(true);
    expect(saved.find((c) => c.name === recategorised.name)).toMatchObject({
      category: 'interpretation',
      level: 2,
      excluded: false,
    });
    expect(saved.find((c) => c.name === historical.name)?.excluded).toBe(true);
    columnOverrides = { recategorised: recategorised.name, historical: historical.name };
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

  it('findings: records a manual finding with a screenshot taken from its address', async () => {
    const run = await latestRun();
    const column = portalManifest().columns[0];
    const detail = `人工核查发现“${column.name}”栏目页面标题与栏目名称不一致`;
    await openScreen('问题清单');
    await page.getByLabel('搜索问题').fill('');
    await page.getByRole('button', { name: '添加问题' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('问题类型').selectOption('page-tags-missing');
    await dialog.getByLabel(/^问题页面网址/).fill(column.url);
    await dialog.getByLabel('问题描述').fill(detail);
    await dialog.getByRole('button', { name: '保存问题' }).click();
    // The engine renders the page in its own browser: give it the time a page load takes here.
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 60_000 }).toBe(0);
    await eventually(() => page.getByTestId('finding-detail').innerText()).toContain(detail);
    await expect
      .poll(() => page.getByTestId('finding-detail').locator('.evidence img').count(), { timeout: 20_000 })
      .toBe(1);
    await shoot('08a-manual-finding');
    const confirmed = await engine('listFindings', { runId: run.id, status: 'confirmed' });
    const manual = confirmed.find((f) => f.detail === detail);
    expect(manual).toMatchObject({ type: 'page-tags-missing', url: column.url });
    expect(manual?.evidence.length).toBeGreaterThan(0);
    expect(manual?.review).toMatchObject({ action: 'confirm', reviewer: '王核查' });
  }, 90_000);

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

    // The raw log behind the figures: every probe the audit stored, with its time, result and latency.
    const log = await engine('listProbes', { siteId: await siteIdOf(PORTAL) });
    expect(log.length).toBeGreaterThan(0);
    const card = page
      .locator('.card')
      .filter({ has: page.getByRole('heading', { name: PORTAL, exact: true }) });
    await card.getByRole('button', { name: '查看探测日志' }).click();
    const rows = page.getByRole('table', { name: `${PORTAL}探测日志` }).getByTestId('probe-row');
    await eventually(() => rows.count()).toBe(log.length);
    expect(await rows.first().innerText()).toMatch(log[0].ok ? /正常/ : /失败/);
    await shoot('09a-monitor-probe-log');
  });

  it('export: writes the workbook, without the two sheets unticked, into the chosen folder', async () => {
    const outDir = join(work, '导出');
    const layoutSheets = await engine('listReportSheets', {});
    const leftOut = ['死链明细', '首页连通性'];
    await openScreen('报告导出');
    for (const name of leftOut) await page.getByRole('checkbox', { name, exact: true }).uncheck();
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
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
      layoutSheets.filter((name) => !leftOut.includes(name)),
    );
  }, 180_000);

  it(
    'rectification: the chosen problems are re-checked; the fixed one is shown as 已整改',
    async () => {
      const original = await latestRun();
      await openScreen('整改跟踪');
      await eventually(() => page.getByTestId('rect-row').count()).toBeGreaterThan(0);
      await shoot('11-rectification');
      server.setVariant(generateCounty({ asOf: AS_OF, variant: 'fixed' }).sites);
      const fixedUrl = county.manifest.fixedInVariant.url;
      const problems = await engine('listRectifications', { runId: original.id });
      const fixedProblem = problems.find((r) => r.url === fixedUrl)!;
      const stillBroken = problems.find((r) => r.type === 'broken-link' && r.url !== fixedUrl)!;
      const notChosen = problems.find((r) => r.type !== 'broken-link' && r.type !== 'unreachable')!;
      for (const chosen of [fixedProblem, stillBroken])
        await page
          .getByTestId('rect-row')
          .filter({ hasText: chosen.detail })
          .first()
          .getByRole('checkbox')
          .check();
      await page.getByRole('button', { name: '复查所选问题（2 个）' }).click();
      await expect
        .poll(() => page.getByText('复查已完成').isVisible(), { timeout: AUDIT_TIMEOUT_MS })
        .toBe(true);
      const recheck = await latestRun();
      expect(recheck.id).not.toBe(original.id);
      expect(recheck.recheckOf).toBe(original.id);
      const rows = await engine('listRectifications', { runId: recheck.id });
      const recheckOf = (fingerprint: string) => rows.find((r) => r.fingerprint === fingerprint)?.recheck;
      expect(recheckOf(fixedProblem.fingerprint)).toBe('已整改');
      expect(recheckOf(stillBroken.fingerprint)).toBe('未整改');
      expect(recheckOf(notChosen.fingerprint), 'a problem not chosen is not judged').toBeNull();
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

  it('results: compares the re-check with the original run, problem by fingerprint', async () => {
    const [recheck, original] = await engine('listRuns', {});
    expect(recheck.recheckOf).toBe(original.id);
    const prints = async (runId: string) =>
      new Set((await engine('getResults', { runId })).results.sites[0].findings.map((f) => f.fingerprint));
    const before = await prints(original.id);
    const after = await prints(recheck.id);
    const added = [...after].filter((p) => !before.has(p)).length;
    const removed = [...before].filter((p) => !after.has(p)).length;
    // The fixed home page link at least is gone.
    expect(removed).toBeGreaterThan(0);
    await openScreen('检查结果');
    const comparison = page.getByTestId('run-comparison');
    await comparison.getByLabel('对比基准（较早批次）').selectOption(original.id);
    await comparison.getByLabel('对比批次（较晚批次）').selectOption(recheck.id);
    await eventually(() => comparison.getByTestId('comparison-row').count()).toBe(1);
    const row = comparison.getByTestId('comparison-row');
    expect(await row.getByTestId('added').innerText()).toBe(String(added));
    expect(await row.getByTestId('removed').innerText()).toBe(String(removed));
    expect(await row.innerText()).toMatch(/合格|不合格|待确认/);
    await comparison.scrollIntoViewIfNeeded();
    await shoot('14-results-comparison');
  });

  it('ledger: the column overrides survive the re-check', async () => {
    const columns = await engine('listColumns', { siteId: await siteIdOf(PORTAL) });
    expect(columns.find((c) => c.name === columnOverrides.recategorised)).toMatchObject({
      category: 'interpretation',
      level: 2,
      confirmed: true,
    });
    expect(columns.find((c) => c.name === columnOverrides.historical)).toMatchObject({
      excluded: true,
      confirmed: true,
    });
  });

  it('settings: the data folder, a backup, a restore that brings back a removed site, the holiday calendar', async () => {
    await openScreen('设置');
    const folder = page.getByTestId('data-folder');
    await eventually(() => folder.innerText()).toContain(workspaceDir);
    await folder.getByRole('button', { name: '打开文件夹' }).click();
    await eventually(() => openedFolders).toEqual([workspaceDir]);

    // Every finished run left a backup; one more on demand, checked and listed first.
    const backups = page.getByTestId('backups');
    const before = await engine('listBackups', {});
    expect(before.length).toBeGreaterThan(0);
    await eventually(() => backups.getByTestId('backup-row').count()).toBe(before.length);
    await backups.getByRole('button', { name: '立即备份' }).click();
    await eventually(() => backups.getByText(/^已备份/).isVisible()).toBe(true);
    const withNew = await engine('listBackups', {});
    expect(withNew).toHaveLength(before.length + 1);
    expect(withNew[0]).toMatchObject({ intact: true });
    expect(existsSync(join(workspaceDir, 'backups', withNew[0].name))).toBe(true);

    // A site removed from the ledger afterwards…
    const names = county.manifest.sites.map((s) => s.name);
    const victim = names.find((n) => n !== PORTAL && names.every((o) => o === n || !o.includes(n)))!;
    await openScreen('网站台账');
    await page
      .getByRole('table', { name: '网站台账' })
      .getByRole('row')
      .filter({ hasText: victim })
      .getByRole('button', { name: '移除' })
      .click();
    await page.getByRole('button', { name: '确定移除' }).click();
    await eventually(async () => (await engine('listSites', {})).some((s) => s.name === victim)).toBe(false);

    // …comes back with that backup, after the confirmation says what is replaced and kept.
    await openScreen('设置');
    await backups.getByTestId('backup-row').first().getByRole('button', { name: '从此备份恢复' }).click();
    const dialog = page.getByRole('dialog', { name: '从备份恢复' });
    await eventually(() => dialog.innerText()).toContain('恢复前，程序会先把当前数据完整备份一次');
    await dialog.getByRole('button', { name: '确认恢复' }).click();
    await eventually(() => backups.getByText(/^已恢复到/).isVisible()).toBe(true);
    expect((await engine('listSites', {})).some((s) => s.name === victim)).toBe(true);
    // The state it replaced is kept twice: a new backup, and the old database file set aside.
    expect(await engine('listBackups', {})).toHaveLength(withNew.length + 1);
    expect(readdirSync(workspaceDir).some((f) => f.startsWith('audit.db.replaced-'))).toBe(true);

    // Next year's holidays, typed in: the engine's working days follow them.
    const calendar = page.getByTestId('holiday-calendar');
    await calendar.getByLabel('年份', { exact: true }).fill('2027');
    await calendar.getByLabel('放假通知（名称或文号）').fill('国务院办公厅关于2027年部分节假日安排的通知');
    await calendar.getByLabel(/^放假日期/).fill('2027-01-01\n2027-01-02\n2027-01-03');
    await calendar.getByLabel(/^调休上班日期/).fill('2027-02-20');
    await calendar.getByRole('button', { name: '保存该年份' }).click();
    await eventually(() =>
      calendar.getByText('2027 年节假日已保存（放假 3 天，调休上班 1 天）').isVisible(),
    ).toBe(true);
    const ws = Workspace.open(workspaceDir);
    try {
      const used = workspaceCalendar(ws, resolve('resources'));
      expect(addWorkingDays('2026-12-31', 1, used)).toBe('2027-01-04');
      expect(isWorkingDay('2027-02-20', used)).toBe(true);
    } finally {
      ws.close();
    }
    // And the year after, imported from a text file.
    const file = join(work, '2028年节假日.csv');
    writeFileSync(file, '通知,国务院办公厅关于2028年部分节假日安排的通知\n2028-01-01,放假\n');
    await calendar.getByLabel(/^从文件导入/).fill(file);
    await calendar.getByRole('button', { name: '从文件导入' }).click();
    await eventually(() => calendar.getByTestId('calendar-year').filter({ hasText: '2028' }).count()).toBe(1);
    expect((await engine('getCalendar', {})).find((y) => y.year === '2028')).toMatchObject({
      notice: '国务院办公厅关于2028年部分节假日安排的通知',
      holidays: ['2028-01-01'],
      source: 'workspace',
    });
    await shoot('14a-settings-calendar');
    await page.getByTestId('backups').scrollIntoViewIfNeeded();
    await shoot('14b-settings-data-backups');
  });

  it('new audit: a second run is paused, resumed and cancelled', async () => {
    await openScreen('新建检查');
    await page.getByRole('checkbox', { name: new RegExp(`^${PORTAL}`) }).check();
    await page.getByLabel('检查基准日').fill(AS_OF);
    await page.getByRole('button', { name: '开始检查' }).click();
    await expect
      .poll(() => page.getByTestId('site-progress').first().innerText(), { timeout: 60_000 })
      .toMatch(/已抓取 [1-9]\d* 页/);
    const run = await latestRun();
    expect(run.status).toBe('running');

    await page.getByRole('button', { name: '暂停', exact: true }).click();
    await eventually(async () => (await latestRun()).status).toBe('paused');
    await eventually(() => page.getByText('检查进度（已暂停）').isVisible()).toBe(true);
    await shoot('15-audit-paused');

    // A restore while the run is open is refused: nothing is backed up or replaced.
    const backupsWhilePaused = await engine('listBackups', {});
    await openScreen('设置');
    const backups = page.getByTestId('backups');
    await backups.getByTestId('backup-row').first().getByRole('button', { name: '从此备份恢复' }).click();
    await page.getByRole('dialog', { name: '从备份恢复' }).getByRole('button', { name: '确认恢复' }).click();
    await eventually(() => backups.getByText(/此时不能恢复备份/).isVisible()).toBe(true);
    expect(await engine('listBackups', {})).toEqual(backupsWhilePaused);
    expect((await latestRun()).status).toBe('paused');
    await openScreen('新建检查');
    await page.getByRole('button', { name: '继续', exact: true }).click();
    await eventually(async () => (await latestRun()).status).toBe('running');

    await page.getByRole('button', { name: '取消检查' }).click();
    await expect.poll(() => page.getByText('检查已取消').isVisible(), { timeout: 60_000 }).toBe(true);
    await shoot('16-audit-cancelled');
    const cancelled = await latestRun();
    expect(cancelled.id).toBe(run.id);
    expect(cancelled.status).toBe('cancelled');
  }, 120_000);

  it('every screen reads as finished Chinese: no placeholders, no untranslated labels', () => {
    expect(screenTexts.size).toBeGreaterThanOrEqual(20);
    const problems = [...screenTexts].flatMap(([name, text]) =>
      untranslatedText(text).map((p) => `${name}: ${p}`),
    );
    expect(problems).toEqual([]);
  });
});
