// exceljs 4.4 packs a workbook with JSZip: UTF-8 encoding, CRC-32 and deflate in JavaScript on the main thread,
// which was most of the time and of the peak memory of writing 10,000 problems. This runs the steps of exceljs's
// own XLSX.write (lib/xlsx/xlsx.js), so every part is serialised by exceljs as before, and hands the parts to
// writeZipFile (native zlib, images stored).
import type ExcelJS from 'exceljs';
import { writeZipFile, type ZipEntry } from './zip-file.js';

/** What exceljs's part writers call on the zip they are given. */
interface PartSink {
  append(data: string | Buffer, options: { name: string; base64?: boolean }): void;
}

type PartWriter = (zip: PartSink, model: unknown) => unknown;

/** exceljs's XLSX writer steps, in the order its write() runs them. */
const PART_WRITERS = [
  'addContentTypes',
  'addOfficeRels',
  'addWorkbookRels',
  'addWorksheets',
  'addSharedStrings', // after the worksheets, which fill the shared strings
  'addDrawings',
  'addTables',
  'addThemes',
  'addStyles',
  'addMedia',
  'addApp',
  'addCore',
  'addWorkbook',
] as const;

interface XlsxInternals extends Record<(typeof PART_WRITERS)[number], PartWriter> {
  prepareModel(model: unknown, options: object): void;
}

function internalsOf(wb: ExcelJS.Workbook): XlsxInternals {
  const xlsx = wb.xlsx as unknown as Partial<XlsxInternals>;
  for (const step of ['prepareModel', ...PART_WRITERS] as const)
    if (typeof xlsx[step] !== 'function')
      throw new Error(`exceljs has no XLSX.${step}: the workbook writer needs exceljs 4.4's internals`);
  return xlsx as XlsxInternals;
}

// Already-compressed media gain nothing from deflate.
const STORED = /\.(jpe?g|png|gif)$/i;

/** Writes `wb` to `outFile` as .xlsx, deflating the XML parts at `level` (1 fastest … 9 smallest). */
export async function writeXlsxFile(wb: ExcelJS.Workbook, outFile: string, level: number): Promise<void> {
  const xlsx = internalsOf(wb);
  const entries: ZipEntry[] = [];
  const sink: PartSink = {
    append: (data, { name, base64 }) =>
      entries.push({
        name,
        data: typeof data === 'string' ? Buffer.from(data, base64 ? 'base64' : 'utf8') : data,
        store: STORED.test(name),
      }),
  };
  const { model } = wb;
  xlsx.prepareModel(model, {});
  for (const step of PART_WRITERS) await xlsx[step](sink, model);
  await writeZipFile(outFile, entries, { level, modified: new Date() });
}
