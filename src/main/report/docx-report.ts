// The editable written report (.docx): the office edits it, prints it and stamps it. Typeset as a 公文
// (GB/T 9704-2012): A4, margins 37/35/28/26 mm, 二号 小标宋 title, 三号 仿宋 body at a fixed 28.95 pt line
// (22 lines a page), 黑体 section headings, page numbers as “— 1 —”. A .docx names one font per run: it names the
// layout's first choice and the word processor substitutes what it has.
import fs from 'node:fs';
import path from 'node:path';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { stripXmlIllegal } from './cell-safety.js';
import { buildReportDocument, type Block } from './document-content.js';
import { makeFigure } from './images.js';
import { defaultLayout, type Layout } from './layout.js';
import type { ReportModel } from './model.js';

const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
const PX_PER_MM = 96 / 25.4;

type Fonts = Layout['document']['fonts'];

function font(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

function run(text: string, family: string, sizePt: number, bold = false): TextRun {
  return new TextRun({ text: stripXmlIllegal(text), font: font(family), size: Math.round(sizePt * 2), bold });
}

function cellParagraph(text: string, fonts: Fonts, sizePt: number, bold: boolean): Paragraph[] {
  // Line breaks inside a cell become separate lines.
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: Math.round(sizePt * 1.3 * 20), lineRule: LineRuleType.AT_LEAST },
        children: [run(line, fonts.body[0]!, sizePt, bold)],
      }),
  );
}

function table(block: Extract<Block, { kind: 'table' }>, doc: Layout['document']): Table {
  const total = block.widths.reduce((a, b) => a + b, 0);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: ((block.widths[i] ?? 10) / total) * 100, type: WidthType.PERCENTAGE },
            borders: { top: border, bottom: border, left: border, right: border },
            children: cellParagraph(text, doc.fonts, doc.tableSizePt, header),
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(block.header, true), ...block.rows.map((r) => row(r, false))],
  });
}

async function render(block: Block, layout: Layout): Promise<(Paragraph | Table)[]> {
  const doc = layout.document;
  const { fonts } = doc;
  const body = (text: string, indent = true) =>
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: indent ? { firstLine: Math.round(doc.bodySizePt * 2 * 20) } : undefined,
      children: [run(text, fonts.body[0]!, doc.bodySizePt)],
    });
  switch (block.kind) {
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: {
            after: Math.round(doc.lineSpacingPt * 20),
            line: Math.round(doc.titleSizePt * 1.5 * 20),
          },
          children: [run(block.text, fonts.title[0]!, doc.titleSizePt)],
        }),
      ];
    case 'recipient':
      return [body(block.text, false)];
    case 'heading':
      return [
        new Paragraph({
          indent: { firstLine: Math.round(doc.bodySizePt * 2 * 20) },
          keepNext: true,
          children: [run(block.text, fonts.heading[0]!, doc.bodySizePt)],
        }),
      ];
    case 'paragraph':
      return [body(block.text)];
    case 'literal':
      return [
        new Paragraph({
          alignment: block.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { line: Math.round(doc.tableSizePt * 1.5 * 20), lineRule: LineRuleType.AT_LEAST },
          children: [run(block.text, 'Courier New', doc.tableSizePt)],
        }),
      ];
    case 'table':
      return [table(block, doc)];
    case 'figure': {
      const widthPx = Math.round((210 - doc.marginsMm.left - doc.marginsMm.right) * PX_PER_MM * 0.9);
      let picture: Paragraph;
      try {
        const fig = await makeFigure(block.file, block.box, doc.figureWidthPx);
        picture = new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: 240, lineRule: LineRuleType.AUTO },
          keepNext: true,
          children: [
            new ImageRun({
              type: 'jpg',
              data: fig.data,
              transformation: { width: widthPx, height: Math.round((widthPx * fig.height) / fig.width) },
              altText: { name: block.caption, description: block.caption, title: block.caption },
            }),
          ],
        });
      } catch {
        picture = body(`（证据截图 ${path.basename(block.file)} 无法读取，请运行 verify 核验证据。）`);
      }
      return [
        picture,
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(block.caption, fonts.subheading[0]!, doc.tableSizePt + 1)],
        }),
      ];
    }
    case 'signature':
      return [
        new Paragraph({ children: [] }),
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          indent: { right: Math.round(doc.bodySizePt * 4 * 20) },
          children: [run(block.unit, fonts.body[0]!, doc.bodySizePt)],
        }),
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          indent: { right: Math.round(doc.bodySizePt * 4 * 20) },
          children: [run(block.date, fonts.body[0]!, doc.bodySizePt)],
        }),
      ];
  }
}

export async function writeDocxReport(
  model: ReportModel,
  outFile: string,
  layout: Layout = defaultLayout(),
): Promise<void> {
  const doc = layout.document;
  const content = buildReportDocument(model, layout);
  const children: (Paragraph | Table)[] = [];
  for (const block of content.blocks) children.push(...(await render(block, layout)));
  const document = new Document({
    title: content.title,
    creator: model.unit,
    styles: {
      default: {
        document: {
          run: { font: font(doc.fonts.body[0]!), size: Math.round(doc.bodySizePt * 2) },
          paragraph: { spacing: { line: Math.round(doc.lineSpacingPt * 20), lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: convertMillimetersToTwip(doc.marginsMm.top),
              bottom: convertMillimetersToTwip(doc.marginsMm.bottom),
              left: convertMillimetersToTwip(doc.marginsMm.left),
              right: convertMillimetersToTwip(doc.marginsMm.right),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: font('宋体'),
                    size: 28,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, buffer);
  fs.renameSync(tmp, outFile);
}
