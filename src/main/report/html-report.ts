// The written report as one self-contained HTML page for the PDF: no scripts, no external requests, every
// string escaped (site names, titles and URLs come from audited sites), images inlined as data URLs.
import { buildReportDocument, type Block } from './document-content.js';
import { makeFigure } from './images.js';
import type { Layout } from './layout.js';
import type { ReportModel } from './model.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function fontFamily(families: string[]): string {
  return families
    .map((f) => (/^(serif|sans-serif|monospace)$/.test(f) ? f : `"${f.replace(/"/g, '')}"`))
    .join(', ');
}

function style(layout: Layout): string {
  const d = layout.document;
  return `
@page { size: A4; margin: ${d.marginsMm.top}mm ${d.marginsMm.right}mm ${d.marginsMm.bottom}mm ${d.marginsMm.left}mm; }
html { -webkit-print-color-adjust: exact; }
body { margin: 0; font-family: ${fontFamily(d.fonts.body)}; font-size: ${d.bodySizePt}pt; line-height: ${d.lineSpacingPt}pt; color: #000; }
h1 { font-family: ${fontFamily(d.fonts.title)}; font-size: ${d.titleSizePt}pt; font-weight: normal; text-align: center;
     line-height: ${d.titleSizePt * 1.5}pt; margin: 0 0 ${d.lineSpacingPt}pt; }
h2 { font-family: ${fontFamily(d.fonts.heading)}; font-size: ${d.bodySizePt}pt; font-weight: normal; margin: 0; text-indent: 2em; break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
p.recipient { text-indent: 0; }
p.literal { text-indent: 0; font-family: monospace; font-size: ${d.tableSizePt}pt; line-height: 1.5; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0; font-size: ${d.tableSizePt}pt; line-height: 1.35; }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; overflow-wrap: anywhere; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
figure { margin: 6pt 0; text-align: center; break-inside: avoid; }
figure img { max-width: 90%; border: 0.5pt solid #888; }
figcaption { font-family: ${fontFamily(d.fonts.subheading)}; font-size: ${d.tableSizePt + 1}pt; line-height: 1.5; }
.signature { margin-top: ${d.lineSpacingPt}pt; text-align: right; padding-right: 4em; }
.signature p { text-indent: 0; text-align: right; }
`;
}

async function blockHtml(block: Block, layout: Layout): Promise<string> {
  switch (block.kind) {
    case 'title':
      return `<h1>${escapeHtml(block.text)}</h1>`;
    case 'recipient':
      return `<p class="recipient">${escapeHtml(block.text)}</p>`;
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'literal':
      return `<p class="literal" style="text-align:${block.align}">${escapeHtml(block.text)}</p>`;
    case 'table': {
      const total = block.widths.reduce((a, b) => a + b, 0);
      const cols = block.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join('');
      const head = block.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
      const body = block.rows
        .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`)
        .join('');
      return `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    }
    case 'figure': {
      const caption = `<figcaption>${escapeHtml(block.caption)}</figcaption>`;
      try {
        const fig = await makeFigure(block.file, block.box, layout.document.figureWidthPx);
        return `<figure><img alt="" src="data:image/jpeg;base64,${fig.data.toString('base64')}">${caption}</figure>`;
      } catch {
        return `<figure><p>（证据截图无法读取，请运行 verify 核验证据。）</p>${caption}</figure>`;
      }
    }
    case 'signature':
      return `<div class="signature"><p>${escapeHtml(block.unit)}</p><p>${escapeHtml(block.date)}</p></div>`;
  }
}

export async function renderReportHtml(model: ReportModel, layout: Layout): Promise<string> {
  const content = buildReportDocument(model, layout);
  const parts: string[] = [];
  for (const block of content.blocks) parts.push(await blockHtml(block, layout));
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(content.title)}</title><style>${style(layout)}</style></head>
<body>${parts.join('\n')}</body></html>`;
}
