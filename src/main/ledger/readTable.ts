// Reads a site list (.xlsx or .csv) into a header row and data rows of text. Everything that makes the file
// unusable as a whole (too big, not a spreadsheet, empty, no sheet with the ledger's headers) is an AppError;
// problems with single rows or columns are left to validate.ts, which lists them all.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../shared/errors.js';
import { parseCsv } from './csv.js';
import { fieldForHeader, LEDGER_FIELDS, REQUIRED_TARGETS } from './fields.js';

export const MAX_LEDGER_BYTES = 20 * 1024 * 1024;
/** A county ledger has tens to hundreds of sites; more rows than this is the wrong file. */
export const MAX_LEDGER_ROWS = 10_000;
/** Provincial templates put a title, 填报单位 and dates above the header; the header is within these rows. */
const HEADER_SCAN_ROWS = 10;

export interface LedgerRow {
  /** 1-based row number as the spreadsheet shows it (CSV: record number). */
  row: number;
  /** Cell text by column position, aligned with `LedgerTable.headers`. */
  cells: string[];
}

export interface LedgerTable {
  /** The worksheet read (CSV: the file name). */
  sheet: string;
  /** 1-based row number of the header row. */
  headerRow: number;
  /** Header text by column position ('' for a column without a header). */
  headers: string[];
  /** The rows below the header, blank ones included (validation skips them). */
  rows: LedgerRow[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const PDF_MAGIC = Buffer.from('%PDF');
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);

function badInput(english: string, chinese: string): AppError {
  return new AppError('bad-input', english, chinese);
}

export async function readTable(file: string): Promise<LedgerTable> {
  const ext = path.extname(file).toLowerCase();
  const name = path.basename(file);
  if (ext === '.xls') {
    throw badInput(
      `${file}: legacy .xls is not supported`,
      `“${name}”是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入。`,
    );
  }
  if (ext !== '.xlsx' && ext !== '.csv') {
    throw badInput(
      `${file}: not an .xlsx or .csv file`,
      `“${name}”不是 .xlsx 或 .csv 文件，网站清单只能从这两种格式导入。`,
    );
  }
  const stat = statOrThrow(file, name);
  if (stat.size > MAX_LEDGER_BYTES) {
    throw badInput(
      `${file}: ${stat.size} bytes, over the ${MAX_LEDGER_BYTES}-byte limit`,
      `“${name}”有 ${(stat.size / 1024 / 1024).toFixed(1)} MB，超过 20 MB 的上限，不像是网站清单，请检查是否选错了文件。`,
    );
  }
  if (stat.size === 0) throw badInput(`${file}: empty file`, `“${name}”是空文件。`);
  const bytes = fs.readFileSync(file);
  const found = ext === '.xlsx' ? await xlsxTable(bytes, file) : csvTable(bytes, file);
  if (found.rows.length > MAX_LEDGER_ROWS) {
    throw badInput(
      `${file}: ${found.rows.length} rows, over the ${MAX_LEDGER_ROWS}-row limit`,
      `“${name}”有 ${found.rows.length} 行，超过 ${MAX_LEDGER_ROWS} 行的上限，不像是网站清单。`,
    );
  }
  if (!found.rows.some((r) => r.cells.some((c) => c !== ''))) {
    throw badInput(`${file}: no data rows below the header`, `“${name}”只有表头，没有网站数据。`);
  }
  return found;
}

function statOrThrow(file: string, name: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    throw badInput(`${file}: ${(error as Error).message}`, `找不到或无法读取文件“${name}”。`);
  }
}

async function xlsxTable(bytes: Buffer, file: string): Promise<LedgerTable> {
  const name = path.basename(file);
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    const what = bytes.subarray(0, 4).equals(OLE2_MAGIC)
      ? '内容是旧版 .xls 或加密的工作簿，请另存为不加密的 .xlsx'
      : bytes.subarray(0, 4).equals(PDF_MAGIC)
        ? '内容是 PDF 文件'
        : '内容不是 Excel 工作簿（可能是改了扩展名的文本或其他文件）';
    throw badInput(
      `${file}: .xlsx extension but not a zip container`,
      `“${name}”的扩展名是 .xlsx，但${what}。`,
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw badInput(
      `${file}: exceljs could not read it: ${(error as Error).message}`,
      `无法读取 Excel 工作簿“${name}”，文件可能已损坏，或不是 Excel 保存的工作簿。`,
    );
  }
  const sheets = workbook.worksheets.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden');
  const grids = sheets.map((ws) => ({ sheet: ws.name, grid: worksheetGrid(ws) }));
  return pickTable(grids, file);
}

/** Every row of a worksheet as text, row numbers kept. */
function worksheetGrid(ws: ExcelJS.Worksheet): LedgerRow[] {
  const rows: LedgerRow[] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** The text a person sees in the cell: formulas as their cached result, rich text joined, dates as dates. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dateText(value);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue) || value.hyperlink.trim();
  if ('error' in value) return value.error;
  return '';
}

/** exceljs reads date cells as UTC instants of the wall-clock value typed in. */
function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function csvTable(bytes: Buffer, file: string): LedgerTable {
  const name = path.basename(file);
  const head = bytes.subarray(0, 4);
  if (head.equals(ZIP_MAGIC)) {
    throw badInput(
      `${file}: .csv extension but an xlsx/zip file`,
      `“${name}”的内容是 Excel 工作簿，请把扩展名改为 .xlsx 后再导入。`,
    );
  }
  const text = decodeCsv(bytes);
  if (text === null) {
    const what = head.equals(PDF_MAGIC)
      ? 'PDF 文件'
      : head.equals(OLE2_MAGIC)
        ? '旧版 Excel（.xls）文件'
        : '二进制文件';
    throw badInput(
      `${file}: .csv extension but binary content`,
      `“${name}”的扩展名是 .csv，但内容是${what}，不是表格文本。`,
    );
  }
  const grid = parseCsv(text).map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) }));
  return pickTable([{ sheet: name, grid }], file);
}

/** CSV text from UTF-8 (with or without BOM), UTF-16LE with BOM, or GBK/GB18030; null for binary content. */
export function decodeCsv(bytes: Buffer): string | null {
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) return bytes.subarray(3).toString('utf8');
  if (bytes.subarray(0, 2).equals(UTF16LE_BOM)) return iconv.decode(bytes.subarray(2), 'utf-16le');
  if (bytes.includes(0) || bytes.subarray(0, 4).equals(PDF_MAGIC)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Excel and WPS on Chinese Windows save CSV in the ANSI code page, i.e. GBK; GB18030 is its superset.
    return iconv.decode(bytes, 'gb18030');
  }
}

interface Grid {
  sheet: string;
  grid: LedgerRow[];
}

interface HeaderCandidate {
  index: number;
  complete: boolean;
}

/** The first row near the top naming a required column; `complete` when it names all of them. */
function headerCandidate(grid: LedgerRow[]): HeaderCandidate | null {
  let partial: HeaderCandidate | null = null;
  for (let i = 0; i < Math.min(grid.length, HEADER_SCAN_ROWS); i++) {
    const targets = new Set(grid[i].cells.map((c) => fieldForHeader(c)?.target));
    const named = REQUIRED_TARGETS.filter((t) => targets.has(t)).length;
    if (named === REQUIRED_TARGETS.length) return { index: i, complete: true };
    if (named > 0 && !partial) partial = { index: i, complete: false };
  }
  return partial;
}

/**
 * The first sheet whose header names every required column; failing that the first naming some of them (so
 * the missing column is reported by name); failing that an error listing the sheets looked at.
 */
function pickTable(grids: Grid[], file: string): LedgerTable {
  const candidates = grids.map((g) => ({ ...g, header: headerCandidate(g.grid) }));
  const chosen = candidates.find((c) => c.header?.complete) ?? candidates.find((c) => c.header);
  if (!chosen?.header) {
    const required = LEDGER_FIELDS.filter((f) => REQUIRED_TARGETS.includes(f.target)).map(
      (f) => `“${f.header}”`,
    );
    const sheetNames = grids.map((g) => `“${g.sheet}”`).join('、') || '（无）';
    throw badInput(
      `${file}: no sheet has a header row with the ledger's required columns`,
      `在“${path.basename(file)}”中没有找到政府网站基本信息表：工作表 ${sheetNames} 的前 ${HEADER_SCAN_ROWS} 行都没有 ${required.join('、')} 等表头。`,
    );
  }
  const headerRow = chosen.grid[chosen.header.index];
  const rows = chosen.grid.slice(chosen.header.index + 1);
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), headerRow.cells.length);
  const pad = (cells: string[]) => Array.from({ length: width }, (_, i) => cells[i] ?? '');
  return {
    sheet: chosen.sheet,
    headerRow: headerRow.row,
    headers: pad(headerRow.cells),
    rows: rows.map((r) => ({ row: r.row, cells: pad(r.cells) })),
  };
}
