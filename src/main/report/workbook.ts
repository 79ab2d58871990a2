// The workbook sent to the province: 检查情况及整改台账. Plain (non-streaming) exceljs, because only the plain
// writer can hold images; thumbnails are small JPEGs, shared between rows that show the same screenshot, and
// bounded in number (the rest of the problems get a link only).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { legalSheetName, neutraliseCell } from './cell-safety.js';
import { makeThumbnail, mapLimited } from './images.js';
import { defaultLayout, type Layout, type SheetLayout, type TableLayout } from './layout.js';
import type { ReportModel } from './model.js';
import { ROW_SOURCES, type CellData, type ImageCell, type LinkCell, type RowContext } from './sheet-rows.js';

export interface WorkbookOptions {
  /**
   * Prefix for links to evidence files, relative to the workbook. Default: the workspace as seen from the
   * workbook's folder (`''` when the workbook sits in the workspace or at the root of package.zip).
   */
  linkBase?: string;
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

function cellValue(v: CellData): ExcelJS.CellValue {
  if (v === null || typeof v === 'number') return v;
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

interface PendingImage {
  ws: ExcelJS.Worksheet;
  row: number;
  col: number;
  cell: ImageCell;
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

/** Writes one table from `startRow`; returns its header row and its last row. */
function writeTable(
  ws: ExcelJS.Worksheet,
  table: TableLayout,
  ctx: RowContext,
  startRow: number,
  width: number,
  images: PendingImage[],
): { header: number; last: number } {
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
  const rows = ROW_SOURCES[table.source].rows(ctx);
  for (const data of rows) {
    r += 1;
    const row = ws.getRow(r);
    table.columns.forEach((col, c) => {
      const v = data[col.field] ?? null;
      const cell = row.getCell(c + 1);
      cell.value = cellValue(v);
      cell.style = isLink(v) || isImage(v) ? styles[c]!.link : styles[c]!.plain;
      if (isImage(v)) images.push({ ws, row: r, col: c + 1, cell: v });
    });
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

function writeSheet(
  wb: ExcelJS.Workbook,
  sheet: SheetLayout,
  name: string,
  ctx: RowContext,
  images: PendingImage[],
) {
  const width = columnCount(sheet);
  const ws = wb.addWorksheet(name, {
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
  writeHeading(ws, ctx.model, width);
  let next = 3;
  let firstHeader = 0;
  sheet.tables.forEach((table, i) => {
    const { header, last } = writeTable(ws, table, ctx, next, width, images);
    if (i === 0) firstHeader = header;
    next = last + 2;
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: firstHeader, topLeftCell: `A${firstHeader + 1}` }];
  // Repeat the header on every printed page; a sheet of stacked tables repeats only the title rows.
  ws.pageSetup.printTitlesRow = sheet.tables.length === 1 ? `1:${firstHeader}` : '1:2';
}

const EMU_PER_PX = 9525;
const EMU_PER_PT = 12700;
const PAD_PX = 3;

/** Pixel width Excel gives a column of `chars` characters (default font: 7 px per digit plus 5 px padding). */
function columnPx(chars: number): number {
  return Math.floor(chars * 7 + 5);
}

/**
 * Embeds the first `maxEmbedded` thumbnails, each made once per distinct screenshot and anchored inside its cell so it moves, hides and sorts with its row (Excel's "move and size with cells").
 */
async function embedThumbnails(
  wb: ExcelJS.Workbook,
  pending: PendingImage[],
  model: ReportModel,
  spec: Layout['thumbnails'],
): Promise<void> {
  const chosen = pending.slice(0, spec.maxEmbedded);
  const keyOf = (p: PendingImage) =>
    `${(p.cell.thumbnail ?? p.cell.source).sha256}|${JSON.stringify(p.cell.box)}`;
  const unique = [...new Map(chosen.map((p) => [keyOf(p), p])).values()];
  const media = new Map<string, { buffer: Buffer; width: number; height: number }>();
  await mapLimited(unique, 2, async (p) => {
    const file = path.join(model.workspaceDir, (p.cell.thumbnail ?? p.cell.source).path);
    try {
      const buffer = p.cell.thumbnail
        ? await fs.promises.readFile(file)
        : await makeThumbnail(file, p.cell.box, spec);
      const meta = await sharp(buffer).metadata();
      media.set(keyOf(p), {
        buffer,
        width: meta.width ?? spec.widthPx,
        height: meta.height ?? spec.heightPx,
      });
    } catch {
      // A missing or unreadable evidence file keeps its link (verify names it); the cell just has no picture.
    }
  });
  const rowPx = (spec.rowHeightPt * 4) / 3;
  for (const p of chosen) {
    const image = media.get(keyOf(p));
    if (!image) continue;
    p.ws.getRow(p.row).height = spec.rowHeightPt;
    const room = { w: columnPx(p.ws.getColumn(p.col).width ?? 8) - 2 * PAD_PX, h: rowPx - 2 * PAD_PX };
    const scale = Math.min(1, room.w / image.width, room.h / image.height);
    const at = (px: number) => Math.round(px * EMU_PER_PX);
    // One media entry per anchor: exceljs 4.4 mislinks an image reused by consecutive anchors that have hyperlinks.
    const id = wb.addImage({ buffer: image.buffer as unknown as ExcelJS.Buffer, extension: 'jpeg' });
    p.ws.addImage(id, {
      tl: { nativeCol: p.col - 1, nativeColOff: at(PAD_PX), nativeRow: p.row - 1, nativeRowOff: at(PAD_PX) },
      br: {
        nativeCol: p.col - 1,
        nativeColOff: at(PAD_PX + image.width * scale),
        nativeRow: p.row - 1,
        nativeRowOff: Math.min(at(PAD_PX + image.height * scale), Math.round(spec.rowHeightPt * EMU_PER_PT)),
      },
      editAs: 'twoCell',
      hyperlinks: { hyperlink: p.cell.link.href, tooltip: '打开完整截图' },
    } as unknown as ExcelJS.ImageRange);
  }
}

function defaultLinkBase(model: ReportModel, outFile: string): string {
  const rel = path.relative(path.dirname(path.resolve(outFile)), path.resolve(model.workspaceDir));
  return rel.split(path.sep).join('/');
}

export async function writeWorkbook(
  model: ReportModel,
  outFile: string,
  layout: Layout = defaultLayout(),
  options: WorkbookOptions = {},
): Promise<void> {
  const linkBase = options.linkBase ?? defaultLinkBase(model, outFile);
  const ctx: RowContext = {
    model,
    groups: layout.findingGroups,
    evidenceHref: (rel) => encodeURI(linkBase ? `${linkBase}/${rel}` : rel),
  };
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务网站检查工作站';
  wb.title = neutraliseCell(model.title);
  wb.created = new Date(model.run.finishedAt ?? model.run.startedAt);
  const images: PendingImage[] = [];
  const taken = new Set<string>();
  for (const sheet of layout.sheets) {
    const name = legalSheetName(sheet.name, taken);
    taken.add(name);
    writeSheet(wb, sheet, name, ctx, images);
  }
  await embedThumbnails(wb, images, model, layout.thumbnails);
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  // exceljs zips with JSZip (pure JS): the fastest deflate level halves the write time for a few % of size.
  await wb.xlsx.writeFile(tmp, { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } });
  fs.renameSync(tmp, outFile);
}
