// Writes the ledger as 政府网站基本信息表: .xlsx for people (title row, frozen header, widths, print setup) or
// .csv for other tools (UTF-8 with BOM, which Excel needs to read Chinese). Every cell is neutralised, since
// names and URLs may come from audited sites; the file appears whole or not at all.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors.js';
import { neutraliseCell } from '../report/cell-safety.js';
import type { Workspace } from '../store/workspace.js';
import { formatCsv } from './csv.js';
import { ledgerSheet, type LedgerSheet } from './ledgerSheet.js';

export const LEDGER_SHEET_NAME = '政府网站基本信息表';
const UTF8_BOM = '\ufeff';

const THIN = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TITLE_STYLE: Partial<ExcelJS.Style> = {
  font: { name: '宋体', size: 16, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle' },
};
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: '宋体', size: 10, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  border: BORDER,
};
const CELL_STYLE: Partial<ExcelJS.Style> = {
  font: { name: '宋体', size: 10 },
  alignment: { vertical: 'top', wrapText: true },
  border: BORDER,
};

export async function exportSites(ws: Workspace, file: string): Promise<{ file: string; exported: number }> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') {
    throw new AppError(
      'bad-input',
      `${file}: export needs an .xlsx or .csv name`,
      '网站清单只能导出为 .xlsx 或 .csv 文件。',
    );
  }
  const sheet = ledgerSheet(ws.sites.list());
  const bytes = ext === '.xlsx' ? await xlsxBytes(sheet) : csvBytes(sheet);
  // Written beside the target and renamed, so an interrupted export never leaves a truncated file.
  const partial = `${file}.${process.pid}.partial`;
  try {
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { file, exported: sheet.rows.length };
}

function csvBytes(sheet: LedgerSheet): Buffer {
  const records = [sheet.headers, ...sheet.rows].map((r) => r.map(neutraliseCell));
  return Buffer.from(UTF8_BOM + formatCsv(records), 'utf8');
}

async function xlsxBytes(sheet: LedgerSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(LEDGER_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.pageSetup.printTitlesRow = '2:2';
  ws.columns = sheet.widths.map((width) => ({ width }));
  const last = sheet.headers.length;
  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = LEDGER_SHEET_NAME;
  title.style = TITLE_STYLE;
  ws.getRow(1).height = 30;
  const header = ws.addRow(sheet.headers.map(neutraliseCell));
  header.eachCell((cell) => (cell.style = HEADER_STYLE));
  for (const values of sheet.rows) {
    const row = ws.addRow(values.map(neutraliseCell));
    for (let c = 1; c <= last; c++) row.getCell(c).style = CELL_STYLE;
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: last } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
