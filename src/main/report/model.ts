// The report layer's input, as plain data. It depends on nothing but the shared domain types, so the
// workbook, the written reports and the package can be produced from a stored run, a re-scored run or a test
// fixture alike. The lead's wiring fills it from the store (runs, findings, rectifications, probes, links).
import type {
  Box,
  DeductionResult,
  EvidenceRef,
  LinkOutcome,
  ManualResult,
  RunInfo,
  SiteResult,
  VetoResult,
} from '../../shared/domain.js';

export interface ReportModel {
  /** Workbook title, e.g. 示范县政府网站检查情况及整改台账（2026年第四季度）. */
  title: string;
  /** Title of the written report; defaults to 关于政府网站检查及整改情况的报告. */
  reportTitle?: string;
  /** 主送机关 of the written report, e.g. 市政府办公室 (omitted when absent). */
  recipient?: string;
  /** 填报单位 / 报送单位. */
  unit: string;
  /** 填报日期, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  run: RunInfo;
  /** Absolute workspace directory: every EvidenceRef.path is relative to it. */
  workspaceDir: string;
  /** Head of the run's evidence hash chain (printed in the written report). */
  chainHead: string;
  /** The chain's entries as the evidence module stores them; copied verbatim into the package manifest. */
  chainEntries?: ChainEntryData[];
  /** Every evidence file of the run (DOM snapshots included); findings' files are always packaged too. */
  evidenceFiles?: EvidenceRef[];
  rulePack: {
    id: string;
    version: string;
    /** e.g. 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）. */
    title: string;
    /** Rule item id → VERIFIED | VERIFIED-VENDOR | PARTIAL | UNVERIFIED (indicators.md labels). */
    itemStatus: Record<string, string>;
  };
  sites: ReportSite[];
}

/** Same shape as src/main/evidence/chain.ts ChainEntry (kept structural so this layer imports no store code). */
export interface ChainEntryData {
  seq: number;
  kind: string;
  ref: string;
  payloadHash: string;
  hash: string;
}

/**
 * One audited site: the results.json shape, with the scoring layer's richer veto/deduction/manual records and
 * what the report prints beyond results.json. Dismissed findings (误报) must already be left out.
 */
export interface ReportSite extends Omit<
  SiteResult,
  'vetoes' | 'deductions' | 'manual' | 'columns' | 'findings'
> {
  /** 主办单位. */
  sponsor: string | null;
  /** The rest of 政府网站基本信息表, keyed by its Chinese field name (主管单位, 网站类型, 负责人, 联系电话 …). */
  info: Record<string, string>;
  vetoes: VetoResult[];
  /** 扣分明细: one row per rule item with a deduction (group = 一级指标, title = 二级指标, rule = 评分细则). */
  deductionRows: DeductionResult[];
  manual: ManualResult[];
  columns: ReportColumn[];
  /** Home-page availability probes, oldest first (the raw probe log). */
  probes: ReportProbe[];
  /** 死链明细: links that did not end ok (broken and unchecked); ok and skipped ones are ignored if passed. */
  linkProblems: ReportLink[];
  findings: ReportFinding[];
}

export interface ReportColumn {
  name: string;
  url: string | null;
  category: SiteResult['columns'][number]['category'];
  level: number;
  latestDate: string | null;
  itemCount: number;
  blank: boolean;
  stale: boolean;
  /** The pack's update window for this column's category, null when the pack sets none. */
  windowDays: number | null;
  /** Days between latestDate and the run's as-of date; null without a date. */
  daysSinceUpdate: number | null;
}

export interface ReportProbe {
  /** ISO-8601 instant. */
  at: string;
  ok: boolean;
  latencyMs: number | null;
  status: number | null;
  error: string | null;
  /** False when every site failed at once (本机网络异常): shown, not counted. */
  counted?: boolean;
}

export interface ReportLink {
  url: string;
  outcome: LinkOutcome;
  status: number | null;
  pageUrl: string;
  pageTitle: string | null;
  linkText: string | null;
  error: string | null;
  /** The link sits on the home page (首页) rather than an inner page. */
  onHome?: boolean;
  /** ISO-8601 instant of the check. */
  checkedAt?: string;
}

export type RectificationState = '待整改' | '整改中' | '已整改' | '无需整改';
export type RecheckResult = '已整改' | '未整改' | '新增';

export interface ReportRectification {
  measure: string;
  owner: string;
  deadline: string | null;
  status: RectificationState;
  notes?: string;
  recheck: RecheckResult | null;
}

export interface ReportFinding {
  id: string;
  fingerprint: string;
  type: SiteResult['findings'][number]['type'];
  /** Chinese label of the type (FINDING_TYPE_LABELS unless the pack words it otherwise). */
  typeLabel: string;
  /** 对应指标, e.g. 单项否决·栏目不更新 or 功能设计·可用性. */
  indicator: string;
  url: string;
  pageUrl: string;
  /** Title of the page the problem is on (untrusted text from the audited site). */
  pageTitle?: string | null;
  detail: string;
  /** ISO-8601 instant the problem was found. */
  foundAt: string;
  needsConfirmation?: boolean;
  confirmed?: boolean;
  /** The offending element's box on the screenshot, used to centre thumbnails and report figures. */
  box?: Box | null;
  evidence: { path: string; sha256: string }[];
  /** The image shown and linked (full-page screenshot or the marked crop). */
  screenshot?: EvidenceRef;
  /**
   * ISO-8601 instant the page's screenshot was taken: with the page, or later for a page a crawl did not
   * shoot until a problem on it needed a picture (PageArtifact.screenshotTakenAt). Absent when unknown.
   */
  screenshotAt?: string;
  /** A ready-made small thumbnail; otherwise the report makes one from `screenshot`. */
  thumbnail?: EvidenceRef;
  rectification?: ReportRectification;
}
