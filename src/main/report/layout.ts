// Report layouts are data (resources/report-layouts/*.json): sheets, tables, headers, widths, which finding types
// each summary count covers, thumbnail sizes and the written report's typography. A province's variant is a
// new JSON file validated here.
import fs from 'node:fs';
import { z } from 'zod';
import { FINDING_TYPES } from '../../shared/domain.js';
import { AppError } from '../../shared/errors.js';
import defaultLayoutJson from '../../../resources/report-layouts/default.json' with { type: 'json' };
import { ROW_SOURCE_NAMES, isKnownField } from './sheet-rows.js';

const columnSchema = z.object({
  header: z.string().min(1),
  field: z.string().min(1),
  /** Excel column width in characters. */
  width: z.number().positive().max(255),
  /** Excel number format, e.g. 0.00%. */
  numFmt: z.string().optional(),
});

const tableSchema = z.object({
  source: z.enum(ROW_SOURCE_NAMES),
  /** A caption row above the header, for a second table on the same sheet. */
  caption: z.string().optional(),
  /** One table per sheet may carry the sheet's autofilter. */
  autoFilter: z.boolean().default(false),
  columns: z.array(columnSchema).min(1),
});

const sheetSchema = z.object({
  name: z.string().min(1),
  tables: z.array(tableSchema).min(1),
});

const fontList = z.array(z.string().min(1)).min(1);

export const layoutSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    sheets: z.array(sheetSchema).min(1),
    findingGroups: z.object({
      severe: z.array(z.enum(FINDING_TYPES)),
      interaction: z.array(z.enum(FINDING_TYPES)),
      service: z.array(z.enum(FINDING_TYPES)),
    }),
    thumbnails: z.object({
      /** At most this many thumbnails are embedded; further problems get a link only. */
      maxEmbedded: z.number().int().min(0),
      widthPx: z.number().int().min(16).max(800),
      heightPx: z.number().int().min(16).max(800),
      quality: z.number().int().min(20).max(95),
      /** Height of a row that holds a thumbnail, in points. */
      rowHeightPt: z.number().positive().max(409),
    }),
    document: z.object({
      /** 公文 margins in millimetres (GB/T 9704-2012: 37/35/28/26). */
      marginsMm: z.object({
        top: z.number().min(0),
        bottom: z.number().min(0),
        left: z.number().min(0),
        right: z.number().min(0),
      }),
      /** Font families, preferred first; the .docx names the first, the PDF lists them all. */
      fonts: z.object({ title: fontList, heading: fontList, subheading: fontList, body: fontList }),
      titleSizePt: z.number().positive(),
      bodySizePt: z.number().positive(),
      tableSizePt: z.number().positive(),
      lineSpacingPt: z.number().positive(),
      /** How many problems are shown with their screenshot in the written report. */
      maxFigures: z.number().int().min(0),
      /** How many unresolved problems the rectification table lists before referring to the workbook. */
      maxRectificationRows: z.number().int().min(0),
      figureWidthPx: z.number().int().min(200).max(2400),
    }),
  })
  .superRefine((layout, ctx) => {
    layout.sheets.forEach((sheet, s) => {
      if (sheet.tables.filter((t) => t.autoFilter).length > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['sheets', s, 'tables'],
          message: 'at most one autoFilter table per sheet',
        });
      sheet.tables.forEach((table, t) =>
        table.columns.forEach((col, c) => {
          if (!isKnownField(table.source, col.field))
            ctx.addIssue({
              code: 'custom',
              path: ['sheets', s, 'tables', t, 'columns', c, 'field'],
              message: `unknown field "${col.field}" for source ${table.source}`,
            });
        }),
      );
    });
  });

export type Layout = z.infer<typeof layoutSchema>;
export type SheetLayout = Layout['sheets'][number];
export type TableLayout = SheetLayout['tables'][number];

/** Validates layout JSON; the error names the failing field (e.g. sheets.3.tables.0.columns.2.field). */
export function parseLayout(json: unknown): Layout {
  const parsed = layoutSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid report layout at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

export function loadLayoutFile(file: string): Layout {
  return parseLayout(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/**
 * The layout with only the named sheets (names as in the layout), in the layout's order; all of them when
 * `names` is absent. An unknown name or an empty choice is the user's mistake, told in Chinese.
 */
export function selectSheets(layout: Layout, names?: readonly string[]): Layout {
  if (names === undefined) return layout;
  const known = new Set(layout.sheets.map((s) => s.name));
  const unknown = [...new Set(names.filter((n) => !known.has(n)))];
  if (unknown.length > 0)
    throw new AppError(
      'bad-input',
      `Unknown workbook sheet(s): ${unknown.join(', ')}`,
      `报表版式中没有工作表“${unknown.join('”“')}”。可选的工作表：${layout.sheets.map((s) => s.name).join('、')}。`,
    );
  if (names.length === 0)
    throw new AppError('bad-input', 'No workbook sheet chosen', '请至少选择一张工作表。');
  const wanted = new Set(names);
  return { ...layout, sheets: layout.sheets.filter((s) => wanted.has(s.name)) };
}

/** The bundled layout (resources/report-layouts/default.json). */
export function defaultLayout(): Layout {
  return parseLayout(defaultLayoutJson);
}
