// The written report as PDF, printed by the headless browser from the HTML template. The page runs with
// JavaScript disabled and every request refused: the template is self-contained, so nothing may load.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { renderReportHtml } from './html-report.js';
import { defaultLayout, type Layout } from './layout.js';
import type { ReportModel } from './model.js';

export async function writePdfReport(
  model: ReportModel,
  outFile: string,
  browser: Browser,
  layout: Layout = defaultLayout(),
): Promise<void> {
  const html = await renderReportHtml(model, layout);
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const m = layout.document.marginsMm;
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: `${m.top}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm`, right: `${m.right}mm` },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      // 公文 page numbers: “— 1 —” centred in the bottom margin.
      footerTemplate:
        '<div style="width:100%;text-align:center;font-size:14pt;font-family:serif;margin-bottom:12mm">' +
        '— <span class="pageNumber"></span> —</div>',
    });
    fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
    const tmp = `${outFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, pdf);
    fs.renameSync(tmp, outFile);
  } finally {
    await context.close();
  }
}
