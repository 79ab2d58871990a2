// Domain vocabulary shared by the engine, the CLI, the desktop shell and the UI.
// Names here are part of the CLI contract (design.md): extend, never rename.

export const COLUMN_CATEGORIES = [
  'news',
  'notice',
  'policy',
  'interpretation',
  'personnel',
  'planning',
  'overview',
  'organization',
  'leaders',
  'consultation',
  'petition',
  'survey',
  'interview',
  'service',
  'data',
  'other',
] as const;
export type ColumnCategory = (typeof COLUMN_CATEGORIES)[number];

export const COLUMN_CATEGORY_LABELS: Record<ColumnCategory, string> = {
  news: '动态要闻',
  notice: '通知公告',
  policy: '政策文件',
  interpretation: '政策解读',
  personnel: '人事',
  planning: '规划计划',
  overview: '概况',
  organization: '机构职能',
  leaders: '领导信息',
  consultation: '政务咨询',
  petition: '信访举报',
  survey: '调查征集',
  interview: '在线访谈',
  service: '办事服务',
  data: '数据发布',
  other: '其他',
};

export const FINDING_TYPES = [
  'unreachable',
  'broken-link',
  'link-unchecked',
  'home-stale',
  'column-stale',
  'column-blank',
  'column-missing',
  'severe-error',
  'typo',
  'prohibited-content',
  'consultation-missing',
  'consultation-unanswered',
  'survey-inactive',
  'interview-inactive',
  'guide-elements-missing',
  'attachment-broken',
  'identity-missing',
  'findfault-missing',
  'search-missing',
  'site-name-missing',
  'page-tags-missing',
  'tls-invalid',
  'domain-nonstandard',
  'ipv6-missing',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export const FINDING_TYPE_LABELS: Record<FindingType, string> = {
  unreachable: '站点无法访问',
  'broken-link': '链接不可用',
  'link-unchecked': '链接未能检查',
  'home-stale': '首页不更新',
  'column-stale': '栏目不更新',
  'column-blank': '空白栏目',
  'column-missing': '栏目缺失',
  'severe-error': '严重表述错误',
  typo: '错别字',
  'prohibited-content': '违规内容',
  'consultation-missing': '无有效咨询渠道',
  'consultation-unanswered': '留言超期未回复',
  'survey-inactive': '调查征集不活跃',
  'interview-inactive': '在线访谈不活跃',
  'guide-elements-missing': '办事指南要素缺失',
  'attachment-broken': '附件无法下载',
  'identity-missing': '网站标识缺项',
  'findfault-missing': '缺少“我为政府网站找错”入口',
  'search-missing': '站内搜索缺失或不可用',
  'site-name-missing': '页面头部未展示网站名称',
  'page-tags-missing': '页面标签缺失',
  'tls-invalid': '证书无效',
  'domain-nonstandard': '域名不规范',
  'ipv6-missing': '未支持IPv6',
};

/** Finding types that only exist once a rule pack's windows are applied (design.md: marked *). */
export const PACK_DERIVED_TYPES: readonly FindingType[] = [
  'home-stale',
  'column-stale',
  'column-missing',
  'consultation-unanswered',
  'survey-inactive',
  'interview-inactive',
];

export type Verdict = '合格' | '不合格' | '待确认';

/** Network classes a link check ends in (the crawl issue's list). */
export const LINK_OUTCOMES = [
  'ok',
  'http-error',
  'dns',
  'refused',
  'reset',
  'timeout',
  'redirect-loop',
  'tls-invalid',
  'soft-404',
  'empty-attachment',
  'unchecked',
  'skipped',
] as const;
export type LinkOutcome = (typeof LINK_OUTCOMES)[number];

/** How reports and the UI name a link check's outcome. */
export const LINK_OUTCOME_LABELS: Record<LinkOutcome, string> = {
  ok: '正常',
  'http-error': 'HTTP错误',
  dns: '域名无法解析',
  refused: '连接被拒绝',
  reset: '连接被重置',
  timeout: '连接超时',
  'redirect-loop': '重定向循环',
  'tls-invalid': '证书无效',
  'soft-404': '页面不存在（软404）',
  'empty-attachment': '附件为空',
  unchecked: '未能检查（被拦截或限流）',
  skipped: '未检查（非网页链接）',
};

/** An element's box on the page, in CSS pixels of the full-page screenshot. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EvidenceRef {
  /** Relative to the workspace, e.g. `evidence/ab/abcdef….jpg`. */
  path: string;
  sha256: string;
  kind: 'screenshot' | 'crop' | 'thumbnail' | 'dom' | 'http' | 'other';
}

export interface SiteInput {
  name: string;
  url: string;
  siteCode?: string | null;
}

export interface Site extends SiteInput {
  id: number;
  siteCode: string | null;
  sponsor: string | null; // 主办单位
  supervisor: string | null; // 主管单位
  siteType: string | null; // 网站类型 (门户/部门)
  info: Record<string, string>; // the rest of 政府网站基本信息表
  /** Departments with no public services: the pack's 75 × 4/3 rule. */
  noPublicService: boolean;
  createdAt: string;
}

export interface ColumnFact {
  name: string;
  url: string | null;
  category: ColumnCategory;
  level: number;
  latestDate: string | null;
  itemCount: number;
  blank: boolean;
  /**
   * Where the facts came from: a home-page block, a list page, or only a navigation entry / the ledger
   * ('nav' and 'ledger': no list was rendered, so freshness and blankness are unknown, never judged).
   */
  source: 'home-block' | 'nav' | 'list-page' | 'ledger';
  /** Items with their dates, newest first, for the evidence and the consultation checks. */
  items?: { title: string; url: string | null; date: string | null; dateConfidence?: 'high' | 'low' }[];
  /** Excluded by the user (历史专题). */
  excluded?: boolean;
  /** The user confirmed the column inventory that contains this column. */
  confirmed?: boolean;
  box?: Box | null;
  pageUrl?: string;
}

export interface ColumnJudgement extends ColumnFact {
  stale: boolean;
  windowDays: number | null;
}

export interface Finding {
  id: string;
  fingerprint: string;
  type: FindingType;
  url: string;
  pageUrl: string;
  detail: string;
  /** Severe errors and similar are candidates until a person confirms them. */
  needsConfirmation: boolean;
  confirmed: boolean;
  box?: Box | null;
  /** Machine facts behind the finding, e.g. the link's status, the dates. */
  data?: Record<string, unknown>;
  evidence: EvidenceRef[];
}

export interface AvailabilitySummary {
  probes: number;
  failures: number;
  failureRate: number;
  insufficient: boolean;
  /** Probes where every site failed at once: the workstation's own network, not counted. */
  localNetworkFailures?: number;
}

/** How sure a rule pack item's encoding is (standard/indicators.md); reports print it beside the item. */
export type RuleStatus = 'VERIFIED' | 'VERIFIED-VENDOR' | 'PARTIAL' | 'UNVERIFIED';

export interface VetoResult {
  item: string;
  title: string;
  status?: RuleStatus;
  reason: string;
  confirmed: boolean;
  findings: string[];
}

export interface DeductionResult {
  item: string;
  group: string;
  title: string;
  status?: RuleStatus;
  rule: string;
  points: number;
  cap: number;
  count: number;
  findings: string[];
}

export interface ManualResult {
  item: string;
  title: string;
  ruleStatus?: RuleStatus;
  reviewer?: string;
  reviewedAt?: string;
  status: '需人工核查' | '已核查';
  result: string;
  sample?: string[];
  seed?: string;
  points?: number;
}

export interface SiteScore {
  verdict: Verdict;
  score: number | null;
  bonus: number;
  vetoes: VetoResult[];
  deductions: DeductionResult[];
  manual: ManualResult[];
  flags: string[];
}

export interface RunInfo {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  asOf: string;
  rulePack: string;
  rulePackVersion: string;
  status: 'running' | 'paused' | 'cancelled' | 'done' | 'failed';
  options: Record<string, unknown>;
  vantage: NetworkVantage;
}

export interface NetworkVantage {
  offline: boolean;
  mapHost: Record<string, string>;
  proxy: string | null;
  caFile: string | null;
  browser: string | null;
}

export interface SiteResult {
  name: string;
  url: string;
  siteCode: string | null;
  verdict: Verdict;
  score: number | null;
  bonus: number;
  vetoes: { item: string; reason: string; confirmed: boolean; findings: string[] }[];
  deductions: { item: string; points: number; findings: string[] }[];
  manual: { item: string; status: '需人工核查' | '已核查'; result: string }[];
  columns: {
    name: string;
    url: string | null;
    category: ColumnCategory;
    level: number;
    latestDate: string | null;
    itemCount: number;
    blank: boolean;
    stale: boolean;
  }[];
  availability: AvailabilitySummary;
  pages: number;
  links: { checked: number; broken: number; unchecked: number };
  findings: {
    id: string;
    fingerprint: string;
    type: FindingType;
    url: string;
    pageUrl: string;
    detail: string;
    evidence: { path: string; sha256: string }[];
  }[];
}

export interface ResultsJson {
  run: { id: string; startedAt: string; asOf: string; rulePack: string; rulePackVersion: string };
  sites: SiteResult[];
}
