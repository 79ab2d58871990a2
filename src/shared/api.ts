// The one typed contract between the UI and the engine. The Electron main process (over IPC), the preload
// bridge and the end-to-end tests (over Playwright's exposeBinding) all go through `ApiSpec`: every input
// is validated with the zod schema below before the engine sees it.
import { z } from 'zod';
import type {
  ColumnCategory,
  Finding,
  ResultsJson,
  RunInfo,
  Site,
  SiteScore,
  ColumnJudgement,
  AvailabilitySummary,
} from './domain.js';
import { COLUMN_CATEGORIES, FINDING_TYPES } from './domain.js';
import type { SerializedError } from './errors.js';

const id = z.number().int().positive();
const runId = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((u) => {
    try {
      const parsed = new URL(u);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      return false;
    }
  }, '网址应以 http:// 或 https:// 开头');
const filePath = z.string().min(1).max(4096);
const text = (max: number) => z.string().max(max);

export const SiteInputSchema = z.object({
  /** Present when editing a site of the ledger; absent to add one. */
  id: id.optional(),
  name: text(200).min(1, '请填写网站名称'),
  url: httpUrl,
  siteCode: z
    .string()
    .regex(/^(\d{10}|bm\d{8}|N\d{9})$/, '网站标识码应为10位数字、bm加8位数字或N加9位数字')
    .nullable()
    .optional(),
  sponsor: text(200).nullable().optional(),
  supervisor: text(200).nullable().optional(),
  siteType: text(50).nullable().optional(),
  info: z.record(text(500)).optional(),
  noPublicService: z.boolean().optional(),
});

export const AuditRequestSchema = z.object({
  siteIds: z.array(id).min(1, '请至少选择一个网站').max(5000),
  rulePack: text(200).default('inspection-2019'),
  asOf: isoDate.optional(),
  maxPages: z.number().int().min(1).max(100_000).default(200),
  maxDepth: z.number().int().min(0).max(20).default(3),
  concurrency: z.number().int().min(1).max(16).default(4),
  perHost: z.number().int().min(1).max(16).default(4),
  probes: z.number().int().min(0).max(100).default(3),
});

export const ReviewSchema = z.object({
  runId,
  findingId: text(100).min(1),
  action: z.enum(['confirm', 'dismiss', 'reopen']),
  reason: text(2000).default(''),
  reviewer: text(100).default(''),
});

export const ManualReviewSchema = z.object({
  siteId: id,
  item: text(100).min(1),
  result: text(4000).min(1, '请填写核查结果'),
  points: z.number().min(0).max(100).nullable().default(null),
  reviewer: text(100).min(1, '请填写核查人'),
});

/** A problem a person found: the engine screenshots `url` now and files it as a confirmed finding. */
export const ManualFindingSchema = z.object({
  runId,
  siteId: id,
  url: httpUrl,
  type: z.enum(FINDING_TYPES),
  detail: text(2000).min(1, '请填写问题描述'),
  reviewer: text(100).min(1, '请填写核查人'),
});

export const RectificationSchema = z.object({
  siteId: id,
  fingerprint: text(128).min(1),
  measure: text(4000).optional(),
  owner: text(100).optional(),
  deadline: isoDate.nullable().optional(),
  status: z.enum(['待整改', '整改中', '已整改', '无需整改']).optional(),
  notes: text(4000).optional(),
});

/**
 * A re-check (复查) of an earlier run: whole sites (all of the run's, or `siteIds`), or only the chosen
 * problems, whose pages and links alone are visited again (a site-wide problem re-audits its site).
 */
export const RecheckSchema = z
  .object({
    runId,
    siteIds: z.array(id).min(1).optional(),
    problems: z
      .array(z.object({ siteId: id, fingerprint: text(128).min(1) }))
      .min(1, '请至少选择一个要复查的问题')
      .max(20_000)
      .optional(),
  })
  .refine((r) => !(r.siteIds && r.problems), { message: '复查整站与复查所选问题只能选其一' });

export const ColumnOverrideSchema = z.object({
  siteId: id,
  name: text(200).min(1),
  url: httpUrl.nullable(),
  category: z.enum(COLUMN_CATEGORIES).nullable(),
  level: z.number().int().min(1).max(5).nullable(),
  excluded: z.boolean(),
  confirmed: z.boolean(),
});

export const FindingFilterSchema = z.object({
  runId,
  siteId: id.optional(),
  type: z.enum(FINDING_TYPES).optional(),
  status: z.enum(['all', 'open', 'dismissed', 'confirmed']).default('all'),
});

export const ExportSchema = z.object({
  runId,
  outDir: filePath,
  title: text(200).optional(),
  unit: text(200).optional(),
  date: isoDate.optional(),
  /** Sheets of the report layout to put in the workbook, by name; absent: all of them. */
  sheets: z.array(text(100).min(1)).min(1, '请至少选择一张工作表').max(100).optional(),
});

export const SettingsSchema = z.object({
  browserPath: filePath.nullable().default(null),
  concurrency: z.number().int().min(1).max(16).default(4),
  perHost: z.number().int().min(1).max(16).default(4),
  proxy: z.string().max(500).nullable().default(null),
  caFile: filePath.nullable().default(null),
  unit: text(200).default(''),
  reviewer: text(100).default(''),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A leader as edited in the app; the engine validates the whole list again with the lexicon schema. */
export const LeaderSchema = z.object({
  name: text(50).trim().min(2, '领导姓名至少两个字'),
  title: text(100).trim().min(1, '请填写职务'),
  region: text(100).trim().default(''),
  validFrom: isoDate.nullable().default(null),
  validTo: isoDate.nullable().default(null),
});
export type LeaderEntry = z.infer<typeof LeaderSchema>;

/** Terms that silence content findings: global (siteId null) or for one site. */
export const WhitelistSchema = z.object({
  siteId: id.nullable(),
  terms: z.array(text(100)).max(10_000),
});

/** One year of the State Council's holiday notice, as entered in the app: days off and 调休 working days. */
const calendarYear = z.string().regex(/^\d{4}$/, '年份应为四位数字');
export const CalendarYearSchema = z.object({
  year: calendarYear,
  notice: text(300).trim().min(1, '请填写放假通知的名称或文号'),
  holidays: z.array(isoDate).max(366),
  workdays: z.array(isoDate).max(366),
});
export type CalendarYearInput = z.infer<typeof CalendarYearSchema>;

/** Method name → input schema. */
export const API_INPUTS = {
  listSites: z.object({}),
  saveSite: SiteInputSchema,
  removeSite: z.object({ id }),
  importSites: z.object({ file: filePath }),
  exportSites: z.object({ file: filePath }),
  listColumns: z.object({ siteId: id, runId: runId.optional() }),
  saveColumn: ColumnOverrideSchema,
  listRuns: z.object({}),
  startAudit: AuditRequestSchema,
  pauseAudit: z.object({ runId }),
  resumeAudit: z.object({ runId }),
  cancelAudit: z.object({ runId }),
  getResults: z.object({ runId }),
  listFindings: FindingFilterSchema,
  reviewFinding: ReviewSchema,
  recordManual: ManualReviewSchema,
  addManualFinding: ManualFindingSchema,
  listRectifications: z.object({ runId }),
  updateRectification: RectificationSchema,
  recheck: RecheckSchema,
  exportReport: ExportSchema,
  readEvidence: z.object({ path: z.string().regex(/^evidence\/[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{1,5}$/) }),
  getSettings: z.object({}),
  saveSettings: SettingsSchema,
  detectBrowser: z.object({}),
  monitorStatus: z.object({}),
  listRulePacks: z.object({}),
  listLexicons: z.object({}),
  getLeaders: z.object({}),
  saveLeaders: z.object({ leaders: z.array(LeaderSchema).max(5000) }),
  importLeaders: z.object({ file: filePath }),
  exportLeaders: z.object({ file: filePath }),
  getWhitelists: z.object({}),
  saveWhitelist: WhitelistSchema,
  listProbes: z.object({ siteId: id, days: z.number().int().min(1).max(31).default(7) }),
  getDataFolder: z.object({}),
  listBackups: z.object({}),
  backupNow: z.object({}),
  /** A backup of the workspace's own backups folder, by file name (never a path the renderer made up). */
  restoreBackup: z.object({ name: z.string().regex(/^[\w.-]{1,200}\.db$/, '备份文件名不正确') }),
  getCalendar: z.object({}),
  saveCalendarYear: CalendarYearSchema,
  removeCalendarYear: z.object({ year: calendarYear }),
  importCalendar: z.object({ file: filePath }),
  listReportSheets: z.object({}),
  // Answered by the desktop shell itself (src/main/ipc.ts), never by the engine: see SHELL_METHODS.
  chooseFile: z.object({
    mode: z.enum(['open', 'save', 'folder']),
    title: text(100),
    filters: z
      .array(z.object({ name: text(50), extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).max(10) }))
      .max(5)
      .default([]),
    defaultPath: filePath.optional(),
  }),
  openFolder: z.object({ path: filePath }),
} as const;

/** Methods the desktop shell answers (OS dialogs, the file manager); the engine service never sees them. */
export const SHELL_METHODS = [
  'chooseFile',
  'openFolder',
] as const satisfies readonly (keyof typeof API_INPUTS)[];
export type ShellMethod = (typeof SHELL_METHODS)[number];

export type ApiMethod = keyof typeof API_INPUTS;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API_INPUTS)[M]>;

export interface SiteRunSummary {
  siteId: number;
  name: string;
  url: string;
  status: 'pending' | 'crawling' | 'done' | 'failed';
  score: SiteScore | null;
  columns: ColumnJudgement[];
  availability: AvailabilitySummary | null;
  findingCount: number;
  error: string | null;
}

export interface RunSummary extends RunInfo {
  sites: SiteRunSummary[];
  chainHead: string | null;
  recheckOf: string | null;
}

export interface FindingView extends Finding {
  siteId: number;
  siteName: string;
  typeLabel: string;
  review: { action: 'confirm' | 'dismiss' | 'reopen'; reason: string; reviewer: string; at: string } | null;
}

export interface RectificationView {
  siteId: number;
  siteName: string;
  fingerprint: string;
  findingId: string;
  type: Finding['type'];
  typeLabel: string;
  detail: string;
  url: string;
  measure: string;
  owner: string;
  deadline: string | null;
  status: string;
  notes: string;
  recheck: '已整改' | '未整改' | '新增' | null;
  /** Found by this run (a later re-check can choose it); false for a problem this re-check found fixed. */
  inRun: boolean;
  overdue: boolean;
  before: Finding['evidence'];
  after: Finding['evidence'];
}

export interface LedgerColumnView {
  name: string;
  url: string | null;
  category: ColumnCategory | null;
  level: number | null;
  excluded: boolean;
  confirmed: boolean;
  /** What the last run found for it, if anything. */
  latestDate: string | null;
  stale: boolean | null;
  blank: boolean | null;
}

export interface BrowserInfo {
  found: boolean;
  path: string | null;
  source: string | null;
  message: string;
}

export interface MonitorStatus {
  running: boolean;
  sites: { siteId: number; name: string; days: { date: string; probes: number; failures: number }[] }[];
}

/** The leader list the content checks use: the workspace's own, else the bundled one. */
export interface LeaderListView {
  version: string;
  source: string;
  leaders: LeaderEntry[];
  /** false while the bundled list is in use (nothing edited or imported yet). */
  stored: boolean;
}

export interface WhitelistsView {
  global: string[];
  /** Every ledger site, with its own terms (possibly none). */
  sites: { siteId: number; name: string; terms: string[] }[];
}

/** One bundled lexicon file (resources/lexicon/<file>.json) and its version, as printed in reports. */
export interface LexiconFileView {
  file: string;
  version: string;
  source: string;
  /** Entries, leaders, terms, groups or (context model) judged characters it holds; null for rule files without a list. */
  size: number | null;
}

/** One raw availability probe as stored by the monitor or a run. */
export interface ProbeLogEntry {
  at: string;
  ok: boolean;
  latencyMs: number | null;
  status: number | null;
  error: string | null;
  /** Every site failed at that moment: the workstation's network, not counted against the site. */
  localNetwork: boolean;
  /** The run that took it (an audit's own probes); null for the background monitor. */
  runId: string | null;
}

export interface ImportReport {
  imported: number;
  /** The ledger ids of the imported sites (none when anything was wrong). */
  siteIds: number[];
  errors: { row: number; column: string; message: string }[];
}

/** The workspace folder and what takes room in it. */
export interface DataFolderView {
  path: string;
  /** audit.db with its write-ahead log. */
  databaseBytes: number;
  evidenceBytes: number;
  evidenceFiles: number;
  backupsBytes: number;
}

/** One backup in the workspace's backups folder, with the result of SQLite's integrity check on it. */
export interface BackupView {
  name: string;
  /** When it was taken (ISO-8601, UTC). */
  takenAt: string;
  bytes: number;
  /** true when PRAGMA integrity_check answered 'ok'. */
  intact: boolean;
  /** What the check found when it is not intact. */
  problem: string | null;
}

export interface RestoreReport {
  restored: BackupView;
  /** The copy of the state just before the restore (null only if that state itself failed the check). */
  safetyBackup: BackupView | null;
  /** Where the replaced database file was moved (beside audit.db), never deleted. */
  setAside: string | null;
  /** Evidence files the restored database does not record, moved to the set-aside evidence folder. */
  evidenceSetAside: number;
  /** Evidence files it records that came back from that folder. */
  evidenceReturned: number;
}

/** One year of the holiday calendar the scoring uses: bundled with the program or entered in the app. */
export interface CalendarYearView extends CalendarYearInput {
  source: 'bundled' | 'workspace';
  /** An entered year that takes the place of the bundled one for that year. */
  replacesBundled: boolean;
}

export interface ApiOutputs {
  listSites: Site[];
  saveSite: Site;
  removeSite: { ok: true };
  importSites: ImportReport;
  exportSites: { file: string };
  listColumns: LedgerColumnView[];
  saveColumn: LedgerColumnView;
  listRuns: RunSummary[];
  startAudit: { runId: string };
  pauseAudit: { ok: true };
  resumeAudit: { ok: true };
  cancelAudit: { ok: true };
  getResults: { summary: RunSummary; results: ResultsJson };
  listFindings: FindingView[];
  reviewFinding: FindingView;
  recordManual: { ok: true };
  addManualFinding: FindingView;
  listRectifications: RectificationView[];
  updateRectification: RectificationView;
  recheck: { runId: string };
  exportReport: { files: string[]; outDir: string };
  readEvidence: { dataUrl: string; sha256: string };
  getSettings: Settings;
  saveSettings: Settings;
  detectBrowser: BrowserInfo;
  monitorStatus: MonitorStatus;
  listRulePacks: { id: string; version: string; title: string }[];
  listLexicons: LexiconFileView[];
  getLeaders: LeaderListView;
  saveLeaders: LeaderListView;
  importLeaders: LeaderListView;
  exportLeaders: { file: string };
  getWhitelists: WhitelistsView;
  saveWhitelist: WhitelistsView;
  /** Newest first. */
  listProbes: ProbeLogEntry[];
  getDataFolder: DataFolderView;
  /** Newest first. */
  listBackups: BackupView[];
  backupNow: BackupView;
  restoreBackup: RestoreReport;
  /** Oldest year first. */
  getCalendar: CalendarYearView[];
  saveCalendarYear: CalendarYearView[];
  removeCalendarYear: CalendarYearView[];
  importCalendar: CalendarYearView[];
  /** The sheet names of the report layout, in workbook order. */
  listReportSheets: string[];
  /** null when the user cancelled the dialog. */
  chooseFile: { path: string | null };
  openFolder: { ok: true };
}

export type ApiOutput<M extends ApiMethod> = ApiOutputs[M];

/** Progress of a running audit, pushed to the UI and the CLI's progress bar. */
export interface AuditProgress {
  runId: string;
  siteId: number;
  siteName: string;
  phase: 'crawl' | 'links' | 'probes' | 'checks' | 'done' | 'failed' | 'paused' | 'cancelled';
  pagesDone: number;
  pagesQueued: number;
  linksChecked: number;
  linksTotal: number;
  /** Pages per second over the run so far. */
  rate: number;
  etaSeconds: number | null;
  currentUrl: string | null;
  message?: string;
}

export type ApiEvent =
  { type: 'progress'; progress: AuditProgress } | { type: 'run-finished'; runId: string };

export type ApiResult<M extends ApiMethod> =
  { ok: true; value: ApiOutput<M> } | { ok: false; error: SerializedError };

/** What the preload exposes as window.api, and what e2e tests bridge to the real engine. */
export interface WindowApi {
  invoke<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export { API_CHANNEL, EVENT_CHANNEL } from './channels.js';
