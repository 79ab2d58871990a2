// The engine behind the typed contract (src/shared/api.ts). The Electron main process wires it to IPC; the
// end-to-end tests call it through Playwright's exposeBinding. Every input is validated here, once.
import fs from 'node:fs';
import path from 'node:path';
import {
  API_INPUTS,
  SettingsSchema,
  type ApiEvent,
  type ApiMethod,
  type ApiOutputs,
  type ApiResult,
  type AuditProgress,
  type Settings,
  type ShellMethod,
} from '../../shared/api.js';
import { AppError, serializeError } from '../../shared/errors.js';
import { shanghaiToday } from '../checks/dates/civilDate.js';
import { discoverBrowser } from '../browser/discover.js';
import { assertAuditedHere } from '../audit/auditedHere.js';
import { RunControl } from '../audit/control.js';
import { finalizeSite } from '../audit/finalizeSite.js';
import { DEFAULT_LIMITS, type AuditOptions } from '../audit/options.js';
import { createRecheckRun } from '../audit/startRecheck.js';
import { createRun, runAudit } from '../audit/runAudit.js';
import { DEFAULT_RENDER } from '../gather/renderPage.js';
import { exportSites } from '../ledger/exportSites.js';
import { importSites } from '../ledger/importSites.js';
import { defaultNetworkOptions, type NetworkOptions } from '../net/options.js';
import { exportRun } from '../report/exportRun.js';
import { buildResultsJson } from '../report/resultsJson.js';
import { defaultLayout } from '../report/layout.js';
import { listRulePacks, loadRulePack } from '../resources/rulePacks.js';
import { Workspace } from '../store/workspace.js';
import * as backups from './backups.js';
import * as calendar from './calendar.js';
import { findingView, ledgerColumns, rectificationViews, runSummary, siteNames } from './views.js';
import { captureManualFinding } from './manualFinding.js';
import { monitorStatus } from './monitorStatus.js';
import * as lists from './lists.js';

export interface EngineOptions {
  workspaceDir: string;
  resourcesDir: string;
  /** Network overrides (tests: the fixture server's --map-host and --offline). */
  network?: Partial<NetworkOptions>;
  /** Shorter timeouts for tests; production keeps the defaults. */
  timeouts?: { pageMs?: number; linkMs?: number; probeMs?: number; probeIntervalMs?: number };
  log?: (line: string) => void;
}

export interface EngineService {
  dispatch(method: string, rawInput: unknown): Promise<ApiResult<ApiMethod>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Resolves when the given run's background task has finished (tests and the shell's quit handler). */
  waitForRun(runId: string): Promise<void>;
  close(): Promise<void>;
}

/** The shell answers OS dialogs itself; everything else is the engine's. */
type EngineMethod = Exclude<ApiMethod, ShellMethod>;
type Handlers = {
  [M in EngineMethod]: (
    input: import('zod').infer<(typeof API_INPUTS)[M]>,
  ) => Promise<ApiOutputs[M]> | ApiOutputs[M];
};

function zodMessage(error: import('zod').ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message))
    .join('；');
}

export async function createEngineService(opts: EngineOptions): Promise<EngineService> {
  // Replaced by a restore from a backup (the only time the workspace is reopened).
  let ws = Workspace.open(opts.workspaceDir);
  /** While a restore swaps the database, nothing else may touch it. */
  let restoring = false;
  const log = opts.log ?? (() => undefined);
  const listeners = new Set<(event: ApiEvent) => void>();
  const emit = (event: ApiEvent) => listeners.forEach((l) => l(event));
  const active = new Map<string, { control: RunControl; done: Promise<void> }>();
  const settings = (): Settings => SettingsSchema.parse(ws.settings.get('app', {}));

  const auditOptions = (
    input: import('zod').infer<typeof API_INPUTS.startAudit>,
    recheckOf: string | null,
  ): AuditOptions => {
    const s = settings();
    const t = opts.timeouts ?? {};
    const network = defaultNetworkOptions({
      proxy: s.proxy,
      caFile: s.caFile,
      ...opts.network,
      ...(t.linkMs ? { timeoutMs: t.linkMs } : {}),
    });
    return {
      siteIds: input.siteIds,
      rules: input.rulePack,
      asOf: input.asOf ?? shanghaiToday(),
      limits: {
        ...DEFAULT_LIMITS,
        maxPages: input.maxPages,
        maxDepth: input.maxDepth,
        concurrency: input.concurrency,
        perHost: input.perHost,
      },
      render: { ...DEFAULT_RENDER, navigationTimeoutMs: t.pageMs ?? DEFAULT_RENDER.navigationTimeoutMs },
      network,
      probes: {
        count: input.probes,
        intervalMs: t.probeIntervalMs ?? 10_000,
        timeoutMs: t.probeMs ?? 15_000,
      },
      linkTimeoutMs: network.timeoutMs,
      browserPath: s.browserPath,
      recheckOf,
    };
  };

  /** Starts a run in the background; progress goes to the event listeners. */
  const launch = (runId: string) => {
    const control = new RunControl();
    const done = runAudit(ws, runId, {
      resourcesDir: opts.resourcesDir,
      control,
      onProgress: (progress: AuditProgress) => emit({ type: 'progress', progress }),
      log,
    })
      .catch((error: unknown) =>
        log(`run ${runId} failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        active.delete(runId);
        emit({ type: 'run-finished', runId });
      });
    active.set(runId, { control, done });
  };

  const controlOf = (runId: string) => {
    const entry = active.get(runId);
    if (!entry) throw new AppError('bad-input', `run ${runId} is not running`, '该检查批次不在运行中。');
    return entry.control;
  };

  /** The latest run that audited a site: where a reviewer's decision is applied. */
  const latestRunOf = (siteId: number): string | null =>
    (
      ws.db
        .prepare(
          `SELECT r.id FROM runs r JOIN run_sites s ON s.run_id = r.id WHERE s.site_id = ? AND s.status = 'done' ORDER BY r.started_at DESC LIMIT 1`,
        )
        .get(siteId) as { id: string } | undefined
    )?.id ?? null;

  const rescoreSite = async (runId: string, siteId: number) => {
    const run = ws.runs.get(runId)!;
    await finalizeSite({
      ws,
      runId,
      siteId,
      pack: loadRulePack(run.rulePack, opts.resourcesDir),
      resourcesDir: opts.resourcesDir,
    });
  };

  const handlers: Handlers = {
    listSites: () => ws.sites.list(),
    saveSite: ({ id, ...record }) => {
      if (id === undefined) return ws.sites.upsert(record);
      if (!ws.sites.get(id)) throw new AppError('not-found', `site ${id} not found`, '台账中找不到该网站。');
      const other = ws.sites.byUrl(record.url);
      if (other && other.id !== id)
        throw new AppError(
          'bad-input',
          `url ${record.url} belongs to site ${other.id}`,
          `首页网址已属于台账中的“${other.name}”。`,
        );
      return ws.sites.update(id, record);
    },
    removeSite: ({ id }) => {
      const used = ws.db.prepare('SELECT COUNT(*) AS n FROM run_sites WHERE site_id = ?').get(id) as {
        n: number;
      };
      if (used.n > 0)
        throw new AppError(
          'bad-input',
          `site ${id} has audit runs`,
          '该网站已有检查记录，不能删除（检查记录需长期留存）。',
        );
      ws.sites.remove(id);
      return { ok: true };
    },
    importSites: ({ file }) => importSites(ws, file),
    exportSites: async ({ file }) => ({ file: (await exportSites(ws, file)).file }),
    listColumns: ({ siteId, runId }) => ledgerColumns(ws, siteId, runId),
    saveColumn: (input) => {
      ws.columns.upsert({ ...input });
      return ledgerColumns(ws, input.siteId, undefined).find(
        (c) => c.name === input.name && c.url === input.url,
      )!;
    },
    listRuns: () => ws.runs.list().map((r) => runSummary(ws, r.id)),
    startAudit: (input) => {
      for (const id of input.siteIds)
        if (!ws.sites.get(id))
          throw new AppError('bad-input', `site ${id} not found`, `台账中找不到网站（编号 ${id}）。`);
      const options = auditOptions(input, null);
      const runId = createRun(ws, options, loadRulePack(input.rulePack, opts.resourcesDir));
      launch(runId);
      return { runId };
    },
    pauseAudit: ({ runId }) => {
      controlOf(runId).pause();
      ws.runs.setStatus(runId, 'paused');
      return { ok: true };
    },
    resumeAudit: ({ runId }) => {
      const entry = active.get(runId);
      if (entry) {
        entry.control.resume();
        ws.runs.setStatus(runId, 'running');
      } else {
        // A run interrupted by a crash or a restart of the app continues from what is stored.
        if (!ws.runs.get(runId))
          throw new AppError('bad-input', `run ${runId} not found`, '找不到该检查批次。');
        launch(runId);
      }
      return { ok: true };
    },
    cancelAudit: ({ runId }) => {
      controlOf(runId).cancel();
      return { ok: true };
    },
    getResults: ({ runId }) => ({ summary: runSummary(ws, runId), results: buildResultsJson(ws, runId) }),
    listFindings: ({ runId, siteId, type, status }) => {
      const names = siteNames(ws);
      return ws.findings
        .list(runId, siteId)
        .filter((f) => !type || f.type === type)
        .map((f) => findingView(ws, f, names))
        .filter((f) => {
          const action = f.review?.action;
          if (status === 'dismissed') return action === 'dismiss';
          if (status === 'confirmed') return action === 'confirm';
          if (status === 'open') return action !== 'dismiss' && action !== 'confirm';
          return true;
        });
    },
    reviewFinding: async ({ runId, findingId, action, reason, reviewer }) => {
      const finding = ws.findings.get(runId, findingId);
      if (!finding) throw new AppError('not-found', `finding ${findingId} not found`, '找不到该问题。');
      if (action === 'dismiss' && !reason.trim())
        throw new AppError('bad-input', 'a dismissal needs a reason', '标记为误报时请填写理由。');
      assertAuditedHere(ws, runId);
      ws.reviews.add({
        siteId: finding.siteId,
        fingerprint: finding.fingerprint,
        action,
        reason,
        reviewer: reviewer || settings().reviewer,
      });
      await rescoreSite(runId, finding.siteId);
      const names = siteNames(ws);
      const updated = ws.findings
        .list(runId, finding.siteId)
        .find((f) => f.fingerprint === finding.fingerprint) ?? { ...finding };
      return findingView(ws, updated, names);
    },
    recordManual: async (input) => {
      if (!ws.sites.get(input.siteId))
        throw new AppError('bad-input', `site ${input.siteId} not found`, '台账中找不到该网站。');
      const runId = latestRunOf(input.siteId);
      if (runId) assertAuditedHere(ws, runId);
      ws.reviews.addManual({
        siteId: input.siteId,
        item: input.item,
        result: input.result,
        points: input.points,
        reviewer: input.reviewer,
        evidenceSha: null,
      });
      if (runId) await rescoreSite(runId, input.siteId);
      return { ok: true };
    },
    addManualFinding: async (input) => {
      const run = ws.runs.get(input.runId);
      if (!run || !ws.runs.sites(input.runId).some((s) => s.siteId === input.siteId)) {
        throw new AppError(
          'bad-input',
          `site ${input.siteId} is not in run ${input.runId}`,
          '该网站不在所选检查批次中。',
        );
      }
      assertAuditedHere(ws, input.runId);
      const finding = await captureManualFinding(ws, {
        ...input,
        resourcesDir: opts.resourcesDir,
        browserPath: settings().browserPath,
        network: (run.options as unknown as AuditOptions).network,
      });
      ws.reviews.add({
        siteId: input.siteId,
        fingerprint: finding.fingerprint,
        action: 'confirm',
        reason: '人工发现',
        reviewer: input.reviewer,
      });
      await rescoreSite(input.runId, input.siteId);
      const stored = ws.findings.list(input.runId, input.siteId).find((f) => f.id === finding.id)!;
      return findingView(ws, stored, siteNames(ws));
    },
    listRectifications: ({ runId }) => rectificationViews(ws, runId),
    updateRectification: ({ siteId, fingerprint, ...patch }) => {
      ws.rectifications.update(siteId, fingerprint, patch);
      const runId = latestRunOf(siteId);
      const view = runId
        ? rectificationViews(ws, runId).find((v) => v.fingerprint === fingerprint && v.siteId === siteId)
        : undefined;
      if (!view) throw new AppError('not-found', `problem ${fingerprint} not found`, '找不到该问题。');
      return view;
    },
    recheck: ({ runId, siteIds, problems }) => {
      const newRun = createRecheckRun(ws, opts.resourcesDir, runId, { siteIds, problems });
      launch(newRun);
      return { runId: newRun };
    },
    exportReport: async ({ runId, outDir, title, unit, date, sheets }) => {
      const files = await exportRun(ws, runId, {
        outDir,
        resourcesDir: opts.resourcesDir,
        browserPath: settings().browserPath,
        meta: { title, unit: unit || settings().unit, date },
        sheets,
      });
      return { files: Object.values(files), outDir: path.resolve(outDir) };
    },
    readEvidence: ({ path: rel }) => {
      const row = ws.db.prepare('SELECT sha256 FROM evidence WHERE path = ?').get(rel) as
        { sha256: string } | undefined;
      if (!row) throw new AppError('not-found', `evidence ${rel} not recorded`, '找不到该证据文件的记录。');
      const data = fs.readFileSync(ws.absolute(rel));
      const mime = rel.endsWith('.jpg')
        ? 'image/jpeg'
        : rel.endsWith('.png')
          ? 'image/png'
          : rel.endsWith('.json')
            ? 'application/json'
            : 'text/plain';
      return { dataUrl: `data:${mime};base64,${data.toString('base64')}`, sha256: row.sha256 };
    },
    getSettings: () => settings(),
    saveSettings: (input) => {
      ws.settings.set('app', input);
      return settings();
    },
    detectBrowser: async () => {
      try {
        const found = await discoverBrowser({
          setting: settings().browserPath,
          resourcesDir: opts.resourcesDir,
        });
        return {
          found: true,
          path: found.executablePath,
          source: found.source,
          message: `已找到浏览器：${found.executablePath}`,
        };
      } catch (error) {
        return { found: false, path: null, source: null, message: serializeError(error).userMessage };
      }
    },
    monitorStatus: () => monitorStatus(ws),
    listRulePacks: () =>
      listRulePacks(opts.resourcesDir).map((p) => ({ id: p.id, version: p.version, title: p.title })),
    listLexicons: () => lists.lexiconFiles(opts.resourcesDir),
    getLeaders: () => lists.leaderListView(ws, opts.resourcesDir),
    saveLeaders: ({ leaders }) => lists.saveLeaders(ws, opts.resourcesDir, leaders),
    importLeaders: ({ file }) => lists.importLeaders(ws, opts.resourcesDir, file),
    exportLeaders: ({ file }) => lists.exportLeaders(ws, opts.resourcesDir, file),
    getWhitelists: () => lists.whitelistsView(ws),
    saveWhitelist: ({ siteId, terms }) => lists.saveWhitelist(ws, siteId, terms),
    listProbes: ({ siteId, days }) => lists.probeLog(ws, siteId, days),
    getDataFolder: () => backups.dataFolder(ws),
    listBackups: () => backups.backupViews(ws),
    backupNow: () => backups.backupNow(ws),
    restoreBackup: async ({ name }) => {
      restoring = true;
      try {
        return await backups.restoreBackup(ws, name, [...active.keys()], (reopened) => {
          ws = reopened;
        });
      } finally {
        restoring = false;
      }
    },
    getCalendar: () => calendar.calendarView(ws, opts.resourcesDir),
    saveCalendarYear: (input) => calendar.saveCalendarYear(ws, opts.resourcesDir, input),
    removeCalendarYear: ({ year }) => calendar.removeCalendarYear(ws, opts.resourcesDir, year),
    importCalendar: ({ file }) => calendar.importCalendar(ws, opts.resourcesDir, file),
    listReportSheets: () => defaultLayout().sheets.map((s) => s.name),
  };

  return {
    async dispatch(method, rawInput) {
      if (!Object.hasOwn(handlers, method)) {
        return {
          ok: false,
          error: { code: 'bad-input', message: `unknown method ${method}`, userMessage: '不支持的操作。' },
        };
      }
      const m = method as EngineMethod;
      if (restoring) {
        return {
          ok: false,
          error: {
            code: 'workspace-busy',
            message: `${m} refused: a restore is in progress`,
            userMessage: '正在从备份恢复工作区，请稍候再试。',
          },
        };
      }
      const parsed = API_INPUTS[m].safeParse(rawInput ?? {});
      if (!parsed.success) {
        const message = zodMessage(parsed.error);
        return {
          ok: false,
          error: { code: 'bad-input', message: `${m}: ${message}`, userMessage: `输入有误：${message}` },
        };
      }
      try {
        const handler = handlers[m] as (input: unknown) => Promise<unknown> | unknown;
        return { ok: true, value: (await handler(parsed.data)) as ApiOutputs[typeof m] };
      } catch (error) {
        log(`${m} failed: ${error instanceof Error ? error.message : String(error)}`);
        return { ok: false, error: serializeError(error) };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async waitForRun(runId) {
      await active.get(runId)?.done;
    },
    async close() {
      for (const { control } of active.values()) control.cancel();
      await Promise.all([...active.values()].map((a) => a.done));
      ws.close();
    },
  };
}
