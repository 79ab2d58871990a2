// The workbook sent to the province: 检查情况及整改台账. Plain (non-streaming) exceljs, because only the plain
// writer can hold images; thumbnails are small JPEGs, made while the sheets are filled, and bounded in number
// (the rest of the problems get a link only). exceljs builds the parts; writeXlsxFile zips them natively.
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { legalSheetName, neutraliseCell } from './cell-safety.js';
import { defaultLayout, selectSheets, type Layout, type SheetLayout, type TableLayout } from './layout.js';
import type { ReportModel } from './model.js';
import {
  ROW_SOURCES,
  type CellData,
  type ImageCell,
  type LinkCell,
  type Row,
  type RowContext,
} from './sheet-rows.js';
import { anchorThumbnails, makeThumbnails, type PlacedImage } from './workbook-thumbnails.js';
import { writeXlsxFile } from './xlsx-file.js';

export interface WorkbookOptions {
  /**
   * Prefix for links to evidence files, relative to the workbook. Default: the workspace as seen from the
   * workbook's folder (`''` when the workbook sits in the workspace or at the root of package.zip).
   */
  linkBase?: string;
  /** Sheets to write, by their names in the layout (kept in the layout's order); absent: all of them. */
  sheets?: readonly string[];
}

const THIN = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: '宋体', size: 10, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  border: BORDER,
};
const CAPTION_STYLE: Partial<ExcelJS.Style> = { font: { name: '宋体', size: 11, bold: true } };

function isLink(v: CellData): v is LinkCell {
  return typeof v === 'object' && v !== null && 'href' in v;
}

function isImage(v: CellData): v is ImageCell {
  return typeof v === 'object' && v !== null && 'source' in v;
}

function cellValue(v: NonNullable<CellData>): ExcelJS.CellValue {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return neutraliseCell(v);
  const link = isImage(v) ? v.link : v;
  return {
    text: neutraliseCell(link.text),
    hyperlink: link.href,
    tooltip: isImage(v) ? '打开完整截图' : undefined,
  };
}

/** One style object per column, shared by its cells (exceljs de-duplicates them when writing). */
function columnStyles(table: TableLayout): { plain: Partial<ExcelJS.Style>; link: Partial<ExcelJS.Style> }[] {
  return table.columns.map((col) => {
    const plain: Partial<ExcelJS.Style> = {
      font: { name: '宋体', size: 10 },
      alignment: { vertical: 'top', wrapText: true },
      border: BORDER,
      ...(col.numFmt ? { numFmt: col.numFmt } : {}),
    };
    return {
      plain,
      link: { ...plain, font: { name: '宋体', size: 10, color: { argb: 'FF0563C1' }, underline: true } },
    };
  });
}

function columnCount(sheet: SheetLayout): number {
  return Math.max(...sheet.tables.map((t) => t.columns.length), 2);
}

function writeHeading(ws: ExcelJS.Worksheet, model: ReportModel, width: number): void {
  ws.mergeCells(1, 1, 1, width);
  const title = ws.getCell(1, 1);
  title.value = neutraliseCell(model.title);
  title.style = {
    font: { name: '宋体', size: 16, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  };
  ws.getRow(1).height = 30;
  const half = Math.ceil(width / 2);
  ws.mergeCells(2, 1, 2, half);
  ws.mergeCells(2, half + 1, 2, width);
  const unit = ws.getCell(2, 1);
  unit.value = neutraliseCell(`填报单位：${model.unit}`);
  unit.style = { font: { name: '宋体', size: 11 }, alignment: { horizontal: 'left', vertical: 'middle' } };
  const date = ws.getCell(2, half + 1);
  date.value = neutraliseCell(`填报日期：${model.date}`);
  date.style = { font: { name: '宋体', size: 11 }, alignment: { horizontal: 'right', vertical: 'middle' } };
  ws.getRow(2).height = 20;
}

/** A table of the layout with its rows, computed before anything is written. */
interface FilledTable {
  table: TableLayout;
  rows: Row[];
}

interface FilledSheet {
  sheet: SheetLayout;
  tables: FilledTable[];
}

const EXCELJS_DEFAULT_COLUMN_WIDTH = 9;

// Rows written between two turns of the event loop, so the thumbnails made meanwhile keep coming.
const ROWS_PER_TURN = 100;

/** The screenshot cells to embed: the first `max` in workbook order (sheet, table, row, column). */
function cellsToEmbed(sheets: readonly FilledSheet[], max: number): ImageCell[] {
  const cells: ImageCell[] = [];
  for (const { tables } of sheets)
    for (const { table, rows } of tables)
      for (const row of rows)
        for (const col of table.columns) {
          if (cells.length >= max) return cells;
          const v = row[col.field];
          if (isImage(v)) cells.push(v);
        }
  return cells;
}

/** Writes one table from `startRow`; returns its header row and its last row. */
async function writeTable(
  ws: ExcelJS.Worksheet,
  { table, rows }: FilledTable,
  startRow: number,
  width: number,
  placed: PlacedImage[],
): Promise<{ header: number; last: number }> {
  let r = startRow;
  if (table.caption) {
    ws.mergeCells(r, 1, r, width);
    const caption = ws.getCell(r, 1);
    caption.value = neutraliseCell(table.caption);
    caption.style = CAPTION_STYLE;
    r += 1;
  }
  const header = r;
  const headerRow = ws.getRow(header);
  table.columns.forEach((col, c) => {
    const cell = headerRow.getCell(c + 1);
    cell.value = neutraliseCell(col.header);
    cell.style = HEADER_STYLE;
  });
  headerRow.height = 32;
  const styles = columnStyles(table);
  const fields = table.columns.map((col) => col.field);
  for (const [i, data] of rows.entries()) {
    if (i > 0 && i % ROWS_PER_TURN === 0) await nextTurn();
    r += 1;
    const row = ws.getRow(r);
    for (let c = 0; c < fields.length; c++) {
      const v = data[fields[c]!] ?? null;
      const cell = row.getCell(c + 1);
      // A new cell is already empty; only its border is needed.
      if (v !== null) cell.value = cellValue(v);
      cell.style = isLink(v) || isImage(v) ? styles[c]!.link : styles[c]!.plain;
      if (isImage(v)) placed.push({ ws, row: r, col: c + 1, cell: v });
    }
  }
  if (rows.length === 0) {
    r += 1;
    ws.mergeCells(r, 1, r, table.columns.length);
    const none = ws.getCell(r, 1);
    none.value = '（无）';
    none.style = { ...styles[0]!.plain, alignment: { horizontal: 'center' } };
  }
  if (table.autoFilter)
    ws.autoFilter = { from: { row: header, column: 1 }, to: { row: r, column: table.columns.length } };
  return { header, last: r };
}

async function writeSheet(
  wb: ExcelJS.Workbook,
  { sheet, tables }: FilledSheet,
  name: string,
  model: ReportModel,
  placed: PlacedImage[],
): Promise<void> {
  const width = columnCount(sheet);
  const ws = wb.addWorksheet(name, {
    // exceljs leaves columns of width 9 (its default) out of the sheet, and Excel's own default is 8.43: saying
    // the sheet's default is 9 keeps the layout's 9-wide columns at 9.
    properties: { defaultColWidth: EXCELJS_DEFAULT_COLUMN_WIDTH },
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  // Columns shared by stacked tables take the widest width any of them asks for.
  for (let c = 1; c <= width; c++) {
    ws.getColumn(c).width = Math.max(...sheet.tables.map((t) => t.columns[c - 1]?.width ?? 8));
  }
  writeHeading(ws, model, width);
  let next = 3;
  let firstHeader = 0;
  for (const [i, table] of tables.entries()) {
    const { header, last } = await writeTable(ws, table, next, width, placed);
    if (i === 0) firstHeader = header;
    next = last + 2;
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: firstHeader, topLeftCell: `A${firstHeader + 1}` }];
  // Repeat the header on every printed page; a sheet of stacked tables repeats only the title rows.
  ws.pageSetup.printTitlesRow = sheet.tables.length === 1 ? `1:${firstHeader}` : '1:2';
}

function defaultLinkBase(model: ReportModel, outFile: string): string {
  const rel = path.relative(path.dirname(path.resolve(outFile)), path.resolve(model.workspaceDir));
  return rel.split(path.sep).join('/');
}

// Deflate level of the XML parts: the fastest, a quarter of level 6's time for a file about 10% larger.
const DEFLATE_LEVEL = 1;

/**
 * The workbook in memory: the rows of every table, the thumbnails (made on libuv's threads while the main thread
 * fills the sheets) anchored in their cells. The rows die with this call, before the file is written.
 */
async function buildWorkbook(
  model: ReportModel,
  layout: Layout,
  linkBase: string,
): Promise<ExcelJS.Workbook> {
  const ctx: RowContext = {
    model,
    groups: layout.findingGroups,
    evidenceHref: (rel) => encodeURI(linkBase ? `${linkBase}/${rel}` : rel),
  };
  const filled: FilledSheet[] = layout.sheets.map((sheet) => ({
    sheet,
    tables: sheet.tables.map((table) => ({ table, rows: ROW_SOURCES[table.source].rows(ctx) })),
  }));
  const spec = layout.thumbnails;
  const pictures = makeThumbnails(cellsToEmbed(filled, spec.maxEmbedded), model.workspaceDir, spec);
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务网站检查工作站';
  wb.title = neutraliseCell(model.title);
  wb.created = new Date(model.run.finishedAt ?? model.run.startedAt);
  const placed: PlacedImage[] = [];
  const taken = new Set<string>();
  for (const sheet of filled) {
    const name = legalSheetName(sheet.sheet.name, taken);
    taken.add(name);
    await writeSheet(wb, sheet, name, model, placed);
  }
  anchorThumbnails(wb, placed.slice(0, spec.maxEmbedded), await pictures, spec);
  return wb;
}

/**
 * Writes the workbook of `model` to `outFile` (atomically: a temporary file renamed into place). Throws an
 * AppError (bad-input) when `options.sheets` names a sheet the layout does not have.
 */
export async function writeWorkbook(
  model: ReportModel,
  outFile: string,
  layout: Layout = defaultLayout(),
  options: WorkbookOptions = {},
): Promise<void> {
  const chosen = selectSheets(layout, options.sheets);
  const wb = await buildWorkbook(model, chosen, options.linkBase ?? defaultLinkBase(model, outFile));
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  try {
    await writeXlsxFile(wb, tmp, DEFLATE_LEVEL);
    fs.renameSync(tmp, outFile);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
