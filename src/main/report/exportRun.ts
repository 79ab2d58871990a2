import fs from 'node:fs';
import path from 'node:path';
import { discoverBrowser } from '../browser/discover.js';
import { launchBrowser } from '../browser/launch.js';
import { loadRulePack } from '../resources/rulePacks.js';
import type { Workspace } from '../store/workspace.js';
import { writeDocxReport } from './docx-report.js';
import { buildReportModel, type ReportMeta } from './fromWorkspace.js';
import { defaultLayout, selectSheets } from './layout.js';
import { writePackage } from './package.js';
import { writePdfReport } from './pdf-report.js';
import { buildResultsJson } from './resultsJson.js';
import { writeWorkbook } from './workbook.js';

export interface ExportedFiles {
  results: string;
  workbook: string;
  docx: string;
  pdf: string;
  package: string;
}

export interface ExportOptions {
  outDir: string;
  resourcesDir: string;
  browserPath?: string | null;
  meta?: ReportMeta;
  /** Sheets of the workbook, by their names in the report layout; absent: all of them. */
  sheets?: readonly string[];
}

/**
 * Writes every output of the CLI contract for a stored run into outDir: results.json, report.xlsx,
 * report.docx, report.pdf (printed by the headless browser, offline) and package.zip. An unknown sheet name
 * is refused (AppError bad-input) before anything is written.
 */
export async function exportRun(ws: Workspace, runId: string, opts: ExportOptions): Promise<ExportedFiles> {
  const layout = selectSheets(defaultLayout(), opts.sheets);
  fs.mkdirSync(opts.outDir, { recursive: true });
  const out = (name: string) => path.join(opts.outDir, name);
  const results = buildResultsJson(ws, runId);
  const resultsFile = out('results.json');
  fs.writeFileSync(`${resultsFile}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(`${resultsFile}.tmp`, resultsFile);
  const run = ws.runs.get(runId)!;
  const model = buildReportModel(ws, runId, loadRulePack(run.rulePack, opts.resourcesDir), opts.meta);
  const files: ExportedFiles = {
    results: resultsFile,
    workbook: out('report.xlsx'),
    docx: out('report.docx'),
    pdf: out('report.pdf'),
    package: out('package.zip'),
  };
  await writeWorkbook(model, files.workbook, layout);
  await writeDocxReport(model, files.docx);
  const found = await discoverBrowser({ setting: opts.browserPath ?? null, resourcesDir: opts.resourcesDir });
  const browser = await launchBrowser(found, { mapHost: {}, offline: true, proxy: null });
  try {
    await writePdfReport(model, files.pdf, browser);
  } finally {
    await browser.close();
  }
  await writePackage(
    model,
    { workbook: files.workbook, docx: files.docx, pdf: files.pdf, results: resultsFile },
    files.package,
  );
  return files;
}
