// The workbook's layout promises (issue #6) and the choice of sheets, read back with exceljs and as raw XML:
// no browser needed.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readZip } from '../support/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRun } from '../../src/main/report/exportRun.js';
import { defaultLayout } from '../../src/main/report/layout.js';
import type { ReportModel } from '../../src/main/report/model.js';
import { writeWorkbook } from '../../src/main/report/workbook.js';
import type { Workspace } from '../../src/main/store/workspace.js';
import { AppError } from '../../src/shared/errors.js';
import { buildReportFixture } from './report-fixture.js';

const ROOT = path.resolve('.tmp', `report-sheets-${process.pid}`);
const WORKSPACE = path.join(ROOT, 'workspace');
const LEFT_OUT = ['单项否决情况', '死链明细'];

let model: ReportModel;
let full: ExcelJS.Workbook;
let partial: ExcelJS.Workbook;
let partialFile: string;

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

beforeAll(async () => {
  fs.rmSync(ROOT, { recursive: true, force: true });
  model = await buildReportFixture(WORKSPACE);
  const fullFile = path.join(ROOT, 'out', 'full.xlsx');
  partialFile = path.join(ROOT, 'out', 'partial.xlsx');
  await writeWorkbook(model, fullFile);
  const kept = defaultLayout()
    .sheets.map((s) => s.name)
    .filter((n) => !LEFT_OUT.includes(n))
    .reverse(); // the layout's order wins over the order asked
  await writeWorkbook(model, partialFile, defaultLayout(), { sheets: kept });
  full = await readBack(fullFile);
  partial = await readBack(partialFile);
});

afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

describe('workbook layout (issue #6)', () => {
  it('gives every sheet the layout widths, wrapped bordered cells, a filter and A4 landscape pages', () => {
    for (const sheet of defaultLayout().sheets) {
      const ws = full.getWorksheet(sheet.name)!;
      const table = sheet.tables[0]!;
      table.columns.forEach((col, c) => {
        const widest = Math.max(...sheet.tables.map((t) => t.columns[c]?.width ?? 8));
        // exceljs writes no <col> for a width of 9: such columns take the sheet's default width.
        const width = ws.getColumn(c + 1).width ?? ws.properties.defaultColWidth;
        expect(width, `${sheet.name} column ${c + 1}`).toBe(widest);
      });
      const first = ws.getRow(4).getCell(1);
      expect(first.alignment, sheet.name).toMatchObject({ wrapText: true, vertical: 'top' });
      expect(first.border?.left?.style, sheet.name).toBe('thin');
      expect(ws.getRow(3).getCell(1).font?.bold, sheet.name).toBe(true);
      expect(ws.pageSetup, sheet.name).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToWidth: 1,
      });
      const repeated = sheet.tables.length === 1 ? '1:3' : '1:2';
      expect(ws.pageSetup.printTitlesRow, sheet.name).toBe(repeated);
      if (sheet.tables.some((t) => t.autoFilter)) expect(ws.autoFilter, sheet.name).toBeTruthy();
    }
  });

  it('links every embedded thumbnail to its full evidence file', async () => {
    const parts = new Map(
      [...(await readZip(path.join(ROOT, 'out', 'full.xlsx')))].map(([name, data]) => [
        name,
        data.toString('utf8'),
      ]),
    );
    const drawingRels = [...parts.entries()].find(([name]) => /drawings\/_rels\/.+\.rels$/.test(name))![1];
    const shots = model.sites.flatMap((s) => s.findings).filter((f) => f.screenshot);
    for (const f of shots)
      expect(drawingRels).toContain(`evidence/${f.screenshot!.path.slice('evidence/'.length)}`);
    const media = [...parts.keys()].filter((n) => n.startsWith('xl/media/'));
    expect(media).toHaveLength(shots.length);
  });
});

describe('choice of sheets', () => {
  it('writes only the chosen sheets, in the layout order, each complete', () => {
    const expected = defaultLayout()
      .sheets.map((s) => s.name)
      .filter((n) => !LEFT_OUT.includes(n));
    expect(partial.worksheets.map((ws) => ws.name)).toEqual(expected);
    for (const name of LEFT_OUT) expect(partial.getWorksheet(name)).toBeUndefined();
    for (const name of expected) {
      const ws = partial.getWorksheet(name)!;
      const before = full.getWorksheet(name)!;
      expect(ws.getCell('A1').value).toBe(model.title);
      expect(ws.rowCount, name).toBe(before.rowCount);
      for (let r = 1; r <= ws.rowCount; r++)
        expect(ws.getRow(r).values, `${name} row ${r}`).toEqual(before.getRow(r).values);
    }
    const problems = partial.getWorksheet('问题清单（整改台账）')!;
    expect(problems.getImages()).toHaveLength(full.getWorksheet('问题清单（整改台账）')!.getImages().length);
  });

  it('refuses an unknown sheet with a Chinese message, before writing anything', async () => {
    const file = path.join(ROOT, 'out', 'unknown.xlsx');
    const attempt = writeWorkbook(model, file, defaultLayout(), { sheets: ['检查结果汇总表', '整改报告'] });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: 'bad-input',
      userMessage: expect.stringContaining('报表版式中没有工作表“整改报告”'),
    });
    expect(fs.existsSync(file)).toBe(false);

    const outDir = path.join(ROOT, 'export-refused');
    const run = exportRun({} as Workspace, 'run-1', {
      outDir,
      resourcesDir: path.resolve('resources'),
      sheets: ['问题清单'],
    });
    await expect(run).rejects.toMatchObject({
      code: 'bad-input',
      userMessage: expect.stringContaining('问题清单'),
    });
    expect(fs.existsSync(outDir)).toBe(false);
  });
});
