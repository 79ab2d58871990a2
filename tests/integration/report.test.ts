// The reports end to end: a realistic model → workbook, .docx, PDF (real Chromium) and package.zip, then read
// back with exceljs / yauzl and checked cell by cell. PNG pages for a person to look at go to .tmp/report-shots/.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { readZip } from '../support/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDocxReport } from '../../src/main/report/docx-report.js';
import { renderReportHtml } from '../../src/main/report/html-report.js';
import { defaultLayout } from '../../src/main/report/layout.js';
import type { ReportModel } from '../../src/main/report/model.js';
import { readPackage, writePackage } from '../../src/main/report/package.js';
import { writePdfReport } from '../../src/main/report/pdf-report.js';
import { writeWorkbook } from '../../src/main/report/workbook.js';
import { EVIL_TITLE, HTML_PROBE, buildReportFixture } from './report-fixture.js';
import { launchTestChromium } from '../support/chromium.js';

const ROOT = path.resolve('.tmp', `report-test-${process.pid}`);
const WORKSPACE = path.join(ROOT, 'workspace');
const OUT = path.join(ROOT, 'out');
const SHOTS = path.resolve('.tmp', 'report-shots');
const files = {
  workbook: path.join(OUT, 'report.xlsx'),
  docx: path.join(OUT, 'report.docx'),
  pdf: path.join(OUT, 'report.pdf'),
};

let model: ReportModel;
let browser: Browser;
let wb: ExcelJS.Workbook;

function which(cmd: string): string | null {
  try {
    return execFileSync('which', [cmd], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function headerTexts(ws: ExcelJS.Worksheet, row: number): string[] {
  const out: string[] = [];
  ws.getRow(row).eachCell({ includeEmpty: false }, (cell) => out.push(String(cell.value)));
  return out;
}

/** Rows of a sheet's first table as objects keyed by header (header on row 3). */
function tableRows(ws: ExcelJS.Worksheet): Record<string, ExcelJS.Cell>[] {
  const headers = headerTexts(ws, 3);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  for (let r = 4; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (typeof row.getCell(1).value !== 'number') break;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1)])));
  }
  return rows;
}

function text(cell: ExcelJS.Cell | undefined): string {
  const v = cell?.value;
  if (v && typeof v === 'object' && 'text' in v) return String(v.text);
  return v === null || v === undefined ? '' : String(v);
}

beforeAll(async () => {
  fs.rmSync(ROOT, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  model = await buildReportFixture(WORKSPACE);
  browser = await launchTestChromium();
  await writeWorkbook(model, files.workbook);
  await writeDocxReport(model, files.docx);
  await writePdfReport(model, files.pdf, browser);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(files.workbook);
});

afterAll(async () => {
  await browser?.close();
  fs.rmSync(ROOT, { recursive: true, force: true });
});

describe('workbook', () => {
  it('has the eight sheets in order, each with the layout headers, title, unit and date', () => {
    const layout = defaultLayout();
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(layout.sheets.map((s) => s.name));
    for (const sheet of layout.sheets) {
      const ws = wb.getWorksheet(sheet.name)!;
      expect(headerTexts(ws, 3)).toEqual(sheet.tables[0]!.columns.map((c) => c.header));
      expect(ws.getCell('A1').value).toBe(model.title);
      expect(ws.getCell('A2').value).toBe('填报单位：示范县人民政府办公室');
      expect(headerTexts(ws, 2)).toContain('填报日期：2026-12-20');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
    }
    expect(headerTexts(wb.getWorksheet('问题清单（整改台账）')!, 3)).toEqual([
      '序号',
      '网站名称',
      '网站标识码',
      '问题类型',
      '对应指标',
      '问题描述',
      '问题网址',
      '所在页面',
      '发现时间',
      '截图',
      '截图时间',
      '证据哈希',
      '整改措施',
      '整改责任人',
      '整改时限',
      '整改状态',
      '复查结果',
    ]);
    expect(wb.getWorksheet('问题清单（整改台账）')!.autoFilter).toBeTruthy();
    expect(wb.getWorksheet('检查结果汇总表')!.pageSetup.printTitlesRow).toBe('1:3');
  });

  it('summarises each site with its verdict, score and counts', () => {
    const rows = tableRows(wb.getWorksheet('检查结果汇总表')!);
    expect(rows.map((r) => text(r['网站名称']))).toEqual(['示范县人民政府', '示范县教育局', '示范县审计局']);
    const [portal, edu, clean] = rows;
    expect(text(portal!['结论'])).toBe('不合格');
    expect(text(portal!['得分'])).toBe('—');
    expect(text(portal!['是否单项否决'])).toBe('是');
    expect(text(portal!['首页不连通率'])).toBe('6.67%（监测不足）');
    expect(portal!['死链数']!.value).toBe(3);
    expect(portal!['空白栏目数']!.value).toBe(1);
    expect(portal!['严重错误数']!.value).toBe(1);
    expect(text(portal!['检查依据'])).toContain('国办秘函〔2019〕19号');
    expect(text(portal!['检查时间'])).toBe('2026-12-01 10:00'); // 02:00Z in Asia/Shanghai
    expect(edu!['得分']!.value).toBe(82.5);
    expect(text(edu!['结论'])).toBe('合格');
    expect(clean!['得分']!.value).toBe(100);
  });

  it('lists every problem with a thumbnail linked to its evidence file, its hash and its rectification', () => {
    const ws = wb.getWorksheet('问题清单（整改台账）')!;
    const rows = tableRows(ws);
    const all = model.sites.flatMap((s) => s.findings);
    expect(rows).toHaveLength(all.length);
    const shotCol = headerTexts(ws, 3).indexOf('截图');
    const images = ws.getImages();
    const withShot = all.filter((f) => f.screenshot);
    expect(images).toHaveLength(withShot.length);
    rows.forEach((row, i) => {
      const f = all[i]!;
      expect(text(row['问题描述'])).toContain(f.detail);
      expect(text(row['截图时间'])).toBe(f.screenshot ? '2026-12-01 10:10' : ''); // 02:10Z in Asia/Shanghai
      if (!f.screenshot) return;
      const image = images.find((im) => Math.floor(im.range.tl.nativeRow) === Number(row['序号']!.row) - 1);
      expect(image, `thumbnail for row ${i + 1}`).toBeTruthy();
      expect(Math.floor(image!.range.tl.nativeCol)).toBe(shotCol);
      const link = (row['截图']!.value as ExcelJS.CellHyperlinkValue).hyperlink;
      expect(fs.existsSync(path.resolve(OUT, decodeURI(link)))).toBe(true);
      expect(path.resolve(OUT, decodeURI(link))).toBe(path.join(WORKSPACE, f.screenshot.path));
      expect(text(row['证据哈希'])).toBe(f.screenshot.sha256);
      const media = wb.getImage(Number(image!.imageId));
      expect(media.extension).toBe('jpeg');
      expect((media.buffer as unknown as Buffer).length).toBeLessThan(12_000); // a few KB, not the screenshot
    });
    const fixed = rows.find((r) => text(r['问题描述']).includes('市教育局'))!;
    expect(text(fixed['整改状态'])).toBe('已整改');
    expect(text(fixed['复查结果'])).toBe('已整改');
    expect(text(fixed['整改责任人'])).toBe('李四');
    const open = rows.find(
      (r) => text(r['问题描述']).includes('banner') || text(r['问题网址']).includes('banner'),
    )!;
    expect(text(open['复查结果'])).toBe('未整改');
    const severe = rows.find((r) => text(r['问题类型']) === '严重表述错误')!;
    expect(text(severe['问题描述'])).toContain('待人工确认');
  });

  it('keeps hostile site text inert: no formula anywhere, neutralised prefixes, cut long text, no control chars', () => {
    let cells = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          cells += 1;
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
          const t = text(cell);
          expect(t.length).toBeLessThanOrEqual(32_767);
          expect(
            /^[=+\-@\t\r]/.test(t),
            `${ws.name}!${cell.address} starts like a formula: ${t.slice(0, 30)}`,
          ).toBe(false);
          // eslint-disable-next-line no-control-regex
          expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(t)).toBe(false);
        }),
      );
    }
    expect(cells).toBeGreaterThan(200);
    const links = tableRows(wb.getWorksheet('死链明细')!);
    const evil = links.find((r) => text(r['父页面标题']).includes('HYPERLINK'))!;
    expect(text(evil['父页面标题'])).toBe(`'${EVIL_TITLE}`);
    expect(text(evil['链接标题'])).toBe("'@SUM(1+1)");
    const long = links.find((r) => text(r['错误类型']) === '附件为空')!;
    expect(text(long['错误描述'])).toHaveLength(32_767);
    expect(text(long['错误描述']).endsWith('（内容过长，已截断）')).toBe(true);
    expect(text(long['链接标题'])).toBe("'+cmd|' /C calc'!A0");
    expect(text(long['父页面标题'])).toBe('政务公开');
    expect(links.map((r) => text(r['错误类型']))).not.toContain('正常');
    const problems = tableRows(wb.getWorksheet('问题清单（整改台账）')!);
    expect(problems.some((r) => text(r['所在页面']).startsWith(`'${EVIL_TITLE}`))).toBe(true);
  });

  it('shows vetoes with their evidence, deductions with manual items, columns, probes and the site ledger', () => {
    const vetoes = tableRows(wb.getWorksheet('单项否决情况')!);
    expect(vetoes.map((r) => text(r['否决指标']))).toEqual(['栏目不更新', '安全、泄密事故等严重问题']);
    expect(text(vetoes[0]!['是否已人工确认'])).toBe('是');
    expect(text(vetoes[1]!['是否已人工确认'])).toBe('否（机器初判）');
    expect(text(vetoes[0]!['证据'])).toBe('见问题清单第1、2项');
    expect((vetoes[0]!['证据']!.value as ExcelJS.CellHyperlinkValue).hyperlink).toMatch(/evidence\/.+\.jpg$/);

    const ded = wb.getWorksheet('扣分明细')!;
    const deductions = tableRows(ded);
    expect(deductions.map((r) => text(r['二级指标']))).toEqual(['可用性', '页面标签', '解读比例']);
    expect(text(deductions[2]!['评分细则'])).toContain('（依据部分核实）');
    const values: string[] = [];
    ded.eachRow((row) => row.eachCell((c) => values.push(text(c))));
    expect(values).toContain('需人工核查事项');
    expect(values).toContain('需人工核查');
    expect(values.some((v) => v.includes('抽样种子：run-20261201'))).toBe(true);

    const columns = tableRows(wb.getWorksheet('栏目更新情况')!);
    const notice = columns.find((r) => text(r['栏目名称']) === '通知公告')!;
    expect(text(notice['是否逾期'])).toBe('是（超过183天）');
    expect(notice['未更新天数']!.value).toBe(256);
    expect(text(columns.find((r) => text(r['栏目名称']) === '政策解读')!['是否空白'])).toBe('是');

    const conn = wb.getWorksheet('首页连通性')!;
    const summary = tableRows(conn);
    expect(text(summary[0]!['监测情况'])).toBe('监测不足');
    expect(summary[0]!['不连通率']!.numFmt).toBe('0.00%');
    let logRows = 0;
    conn.eachRow((row) => {
      if (row.getCell(4).value === '不连通' || row.getCell(4).value === '连通') logRows += 1;
    });
    expect(logRows).toBe(36);

    const info = tableRows(wb.getWorksheet('网站基本信息表')!);
    expect(text(info[0]!['ICP备案号'])).toBe('赣ICP备05000001号');
    expect(text(info[1]!['负责人'])).toBe('赵六');
  });

  it('renders in LibreOffice to PNG pages when LibreOffice is installed', async (ctx) => {
    const soffice = which('soffice') ?? which('libreoffice');
    if (!soffice || !which('pdftoppm')) return ctx.skip();
    const dir = path.join(ROOT, 'lo');
    execFileSync(
      soffice,
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        files.workbook,
      ],
      {
        timeout: 120_000,
      },
    );
    const pdf = path.join(dir, 'report.pdf');
    expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-l', '12', pdf, path.join(SHOTS, 'workbook')]);
    expect(fs.readdirSync(SHOTS).filter((f) => f.startsWith('workbook')).length).toBeGreaterThan(3);
  });
});

describe('written report', () => {
  it('writes a .docx typeset as a 公文 with the summary, vetoes, figures and the chain head', async () => {
    const entries = await readZip(files.docx);
    const xml = entries.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('关于政府网站检查及整改情况的报告');
    expect(xml).toContain('市人民政府办公室：');
    expect(xml).toContain('栏目不更新');
    expect(xml).toContain('截图时间 2026-12-01 10:10');
    expect(xml).toContain(model.chainHead);
    expect(xml).toContain('自采集以来未被改动');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // 公文 margins 37/35/28/26 mm in twips (1 mm = 56.7 twips).
    expect(/<w:pgMar [^>]*>/.exec(xml)?.[0]).toMatch(
      /w:top="2097" w:right="1474" w:bottom="1984" w:left="1587"/,
    );
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('方正小标宋简体');
    expect([...entries.keys()].filter((k) => k.startsWith('word/media/')).length).toBeGreaterThanOrEqual(3);
  });

  it('prints the PDF from an escaped, script-free HTML template', async () => {
    const pdf = fs.readFileSync(files.pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(50_000);
    const html = await renderReportHtml(model, defaultLayout());
    expect(html).not.toContain(HTML_PROBE);
    expect(html).toContain(HTML_PROBE.replace('<', '&lt;').replace('>', '&gt;'));
    expect(html).not.toMatch(/<script|https?:\/\/[^"<\s]*"\s*>|src="http/);
    // A PNG of the same template for a person to look at (pdftoppm renders the PDF itself when present).
    const page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 794, height: 1123 } });
    await page.setContent(html);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS, 'report-html.png'), fullPage: true });
    await page.close();
    if (which('pdftoppm'))
      execFileSync('pdftoppm', ['-png', '-r', '50', files.pdf, path.join(SHOTS, 'report-pdf')]);
  });
});

describe('package', () => {
  it('packs the reports and every evidence file with SHA-256 hashes that match on unpacking', async () => {
    const zip = path.join(OUT, 'package.zip');
    const manifest = await writePackage(model, files, zip);
    const result = await readPackage(zip, path.join(ROOT, 'unpacked'));
    expect(result).toMatchObject({ missing: [], altered: [], extra: [] });
    expect(result.manifest).toEqual(manifest);
    const evidence = manifest.files.filter((f) => f.role === 'evidence');
    // 4 screenshots + 1 DOM snapshot, each once however many findings point to it.
    expect(evidence).toHaveLength(5);
    for (const f of manifest.files) {
      const bytes = fs.readFileSync(path.join(result.dir, f.path));
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
    const xlsx = manifest.files.find((f) => f.role === 'workbook')!;
    expect(xlsx.sha256).toBe(
      crypto.createHash('sha256').update(fs.readFileSync(files.workbook)).digest('hex'),
    );
    expect(manifest.chain.head).toBe(model.chainHead);
    expect(manifest.run.id).toBe('run-20261201-0001');
    expect(manifest.sites.map((s) => s.verdict)).toEqual(['不合格', '合格', '合格']);
  });

  it('refuses to package evidence that no longer matches its recorded hash', async () => {
    const copy = structuredClone(model);
    copy.evidenceFiles = copy.evidenceFiles!.map((ev) => ({ ...ev, sha256: '0'.repeat(64) }));
    await expect(writePackage(copy, files, path.join(OUT, 'bad.zip'))).rejects.toThrow(
      /differs from the one recorded/,
    );
    expect(fs.existsSync(path.join(OUT, 'bad.zip'))).toBe(false);
  });
});
