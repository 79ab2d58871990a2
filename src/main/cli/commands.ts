// Report, ledger, verify, rescore and monitor modules (exceljs, docx, sharp, archiver, the checks) load on
// demand: the audit's first request should not wait for libraries it only needs at the end.
import path from 'node:path';
import type { AuditProgress } from '../../shared/api.js';
import { AppError } from '../../shared/errors.js';
import { RunControl } from '../audit/control.js';
import { DEFAULT_LIMITS, type AuditOptions } from '../audit/options.js';
import { createRun, runAudit } from '../audit/runAudit.js';
import { createRecheckRun } from '../audit/startRecheck.js';
import { shanghaiToday } from '../checks/dates/civilDate.js';
import { DEFAULT_RENDER } from '../gather/renderPage.js';
import { defaultNetworkOptions } from '../net/options.js';
import { loadLeaderList } from '../resources/lexicons.js';
import { loadRulePack } from '../resources/rulePacks.js';
import { Workspace } from '../store/workspace.js';
import type { AuditArgs, CliArgs, RecheckArgs } from './args.js';
import { summaryTable } from './summary.js';

export interface CliIo {
  resourcesDir: string;
  progress: (p: AuditProgress) => void;
  log: (line: string) => void;
  out: (line: string) => void;
  cwd: string;
}

function auditOptions(args: AuditArgs, siteIds: number[]): AuditOptions {
  return {
    siteIds,
    rules: args.rules,
    asOf: args.asOf ?? shanghaiToday(),
    limits: {
      ...DEFAULT_LIMITS,
      maxPages: args.maxPages,
      maxDepth: args.maxDepth,
      concurrency: args.concurrency,
      perHost: args.perHost,
    },
    render: { ...DEFAULT_RENDER, navigationTimeoutMs: args.pageTimeoutS * 1000 },
    network: defaultNetworkOptions({
      mapHost: args.mapHost,
      offline: args.offline,
      proxy: args.proxy,
      caFile: args.caFile,
      timeoutMs: args.linkTimeoutS * 1000,
    }),
    probes: {
      count: args.probes,
      intervalMs: args.probeIntervalS * 1000,
      timeoutMs: args.probeTimeoutS * 1000,
    },
    linkTimeoutMs: args.linkTimeoutS * 1000,
    browserPath: null,
    recheckOf: null,
    workers: args.workers,
  };
}

/** Ctrl-C once: stop after the pages in flight, keep everything, exit; the run can be resumed. */
function controlFromSignals(log: (line: string) => void): { control: RunControl; dispose: () => void } {
  const control = new RunControl();
  const onSignal = () => {
    if (control.cancelled) process.exit(130);
    log('interrupted: finishing pages in flight; resume later with --resume');
    control.cancel();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    control,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

async function importSiteList(ws: Workspace, file: string, io: CliIo): Promise<number[]> {
  const { importSites } = await import('../ledger/importSites.js');
  const report = await importSites(ws, file);
  if (report.errors.length) {
    for (const e of report.errors) io.log(`${file}: row ${e.row}, ${e.column}: ${e.message}`);
    throw new AppError(
      'bad-input',
      `${file}: ${report.errors.length} errors, nothing imported`,
      '网站清单有误，未导入。',
    );
  }
  return report.siteIds;
}

/** Runs (or resumes) a run, writes its exports to `out` and prints the summary. */
async function runAndReport(
  ws: Workspace,
  runId: string,
  out: string,
  control: RunControl,
  io: CliIo,
): Promise<void> {
  await runAudit(ws, runId, {
    resourcesDir: io.resourcesDir,
    control,
    onProgress: io.progress,
    log: io.log,
  });
  const { exportRun } = await import('../report/exportRun.js');
  const files = await exportRun(ws, runId, { outDir: out, resourcesDir: io.resourcesDir });
  for (const line of summaryTable(ws, runId)) io.out(line);
  io.out(`report: ${path.resolve(files.workbook)}`);
  io.out(`results: ${path.resolve(files.results)}`);
}

/** `recheck`: a re-check (复查) of an earlier run, of the problems named or of all its sites. */
async function recheck(args: RecheckArgs, io: CliIo): Promise<number> {
  const ws = Workspace.open(args.data);
  const { control, dispose } = controlFromSignals(io.log);
  try {
    const siteOf = new Map(ws.findings.list(args.run).map((f) => [f.fingerprint, f.siteId]));
    const unknown = args.problems.find((fp) => !siteOf.has(fp));
    if (unknown)
      throw new AppError(
        'bad-input',
        `problem ${unknown} is not in run ${args.run}`,
        '所选问题不属于该检查批次。',
      );
    const problems = args.problems.map((fingerprint) => ({ siteId: siteOf.get(fingerprint)!, fingerprint }));
    const runId = createRecheckRun(ws, io.resourcesDir, args.run, problems.length ? { problems } : {});
    io.log(
      `run ${runId}: re-check of ${args.run}${problems.length ? `, ${problems.length} problem(s)` : ''}`,
    );
    await runAndReport(ws, runId, args.out, control, io);
    return 0;
  } finally {
    dispose();
    ws.close();
  }
}

async function audit(args: AuditArgs, io: CliIo): Promise<number> {
  const ws = Workspace.open(args.data);
  const { control, dispose } = controlFromSignals(io.log);
  try {
    if (args.leaders) ws.settings.set('leaders', loadLeaderList(args.leaders));
    let runId: string;
    if (args.resume !== null) {
      const run = args.resume === true ? ws.runs.lastUnfinished() : ws.runs.get(args.resume);
      if (!run)
        throw new AppError(
          'bad-input',
          'no unfinished run to resume in this workspace',
          '工作区中没有可继续的检查批次。',
        );
      runId = run.id;
      io.log(`resuming run ${runId}`);
    } else {
      const fromFile = args.sitesFile ? await importSiteList(ws, args.sitesFile, io) : [];
      const ids = args.sites.map((s) => ws.sites.upsert(s).id);
      const siteIds = [...new Set([...ids, ...fromFile])];
      const pack = loadRulePack(args.rules, io.resourcesDir);
      runId = createRun(ws, auditOptions(args, siteIds), pack);
      io.log(
        `run ${runId}: ${siteIds.length} site(s), rule pack ${pack.id} ${pack.version}, as of ${auditOptions(args, siteIds).asOf}`,
      );
    }
    await runAndReport(ws, runId, args.out, control, io);
    return 0;
  } finally {
    dispose();
    ws.close();
  }
}

export async function runCliCommand(args: CliArgs, io: CliIo): Promise<number> {
  switch (args.command) {
    case 'audit':
      return audit(args, io);
    case 'recheck':
      return recheck(args, io);
    case 'verify': {
      const { verifyTarget } = await import('../evidence/verifyTarget.js');
      const report = await verifyTarget(args.target);
      for (const p of report.problems) io.out(`${p.kind}\t${p.runId ?? '-'}\t${p.ref}\t${p.detail}`);
      io.out(
        `verified ${report.files} files, ${report.findings} findings, ${report.runs.length} runs: ${report.problems.length ? `${report.problems.length} problems` : 'OK'}`,
      );
      return report.problems.length ? 1 : 0;
    }
    case 'rescore': {
      const ws = Workspace.open(args.data);
      try {
        const { rescoreRun } = await import('../audit/rescore.js');
        const diff = await rescoreRun(ws, args.run, args.rules, io.resourcesDir);
        for (const line of diff) io.out(line);
        return 0;
      } finally {
        ws.close();
      }
    }
    case 'monitor':
      return (await import('../monitor/runMonitor.js')).runMonitor(args, io);
    case 'sites': {
      const ws = Workspace.open(args.data);
      try {
        if (args.action === 'export') {
          const { exportSites } = await import('../ledger/exportSites.js');
          const exported = await exportSites(ws, args.file);
          io.out(`exported ${exported.exported} sites to ${exported.file}`);
          return 0;
        }
        const { importSites } = await import('../ledger/importSites.js');
        const report = await importSites(ws, args.file);
        for (const e of report.errors) io.out(`row ${e.row}\t${e.column}\t${e.message}`);
        io.out(
          report.errors.length
            ? `nothing imported: ${report.errors.length} errors`
            : `imported ${report.imported} sites`,
        );
        return report.errors.length ? 2 : 0;
      } finally {
        ws.close();
      }
    }
    case 'merge': {
      // Loaded on demand: the package reader's zip libraries stay out of every other command's start-up.
      const { formatOutcome, mergePackages } = await import('../merge/mergePackages.js');
      const ws = Workspace.open(args.data);
      try {
        const outcomes = await mergePackages(ws, args.packages);
        for (const o of outcomes) io.out(formatOutcome(o));
        return outcomes.every((o) => o.status === 'imported' || o.status === 'unchanged') ? 0 : 1;
      } finally {
        ws.close();
      }
    }
  }
}
