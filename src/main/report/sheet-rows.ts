// The rows behind every workbook table, keyed by field name. A layout (resources/report-layouts/*.json) picks
// fields, headers, order and widths from these, so a province's variant is data, not code.
import {
  COLUMN_CATEGORY_LABELS,
  LINK_OUTCOME_LABELS,
  type Box,
  type EvidenceRef,
  type FindingType,
} from '../../shared/domain.js';
import { percent, shanghaiDateTime, totalScore, verificationNote, yesNo } from './format.js';
import type { ReportFinding, ReportModel, ReportSite } from './model.js';

export interface LinkCell {
  text: string;
  href: string;
}

/** A screenshot cell: a thumbnail when the embedding budget allows, always a link to the full file. */
export interface ImageCell {
  source: EvidenceRef;
  thumbnail: EvidenceRef | null;
  box: Box | null;
  link: LinkCell;
}

export type CellData = string | number | null | LinkCell | ImageCell;
export type Row = Record<string, CellData>;

export interface FindingGroups {
  severe: FindingType[];
  interaction: FindingType[];
  service: FindingType[];
}

export interface RowContext {
  model: ReportModel;
  groups: FindingGroups;
  /** Hyperlink target of a workspace-relative evidence path, as seen from the workbook. */
  evidenceHref: (relPath: string) => string;
}

interface RowSource {
  fields: readonly string[];
  /** Fields matching this prefix are free-form keys (e.g. info.负责人). */
  openPrefix?: string;
  rows: (ctx: RowContext) => Row[];
}

/** A clickable cell for an http(s) URL from a site; anything else stays plain text. */
function urlCell(url: string | null): CellData {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return { text: url, href: parsed.href };
  } catch {
    // Not a URL: shown as the text it is.
  }
  return url;
}

function evidenceLink(ctx: RowContext, ref: { path: string }, text: string): LinkCell {
  return { text, href: ctx.evidenceHref(ref.path) };
}

function dateTime(iso: string | undefined | null): string | null {
  return iso ? shanghaiDateTime(iso) : null;
}

function eachSite<T>(model: ReportModel, f: (site: ReportSite) => T[]): T[] {
  return model.sites.flatMap(f);
}

function numbered(rows: Row[]): Row[] {
  return rows.map((row, i) => ({ seq: i + 1, ...row }));
}

/** Problems in workbook order: site by site, in the order scoring listed them. Their 序号 is the position. */
export function orderedFindings(
  model: ReportModel,
): { site: ReportSite; finding: ReportFinding; seq: number }[] {
  let seq = 0;
  return eachSite(model, (site) => site.findings.map((finding) => ({ site, finding, seq: ++seq })));
}

function countOf(site: ReportSite, types: FindingType[]): number {
  return site.findings.filter((f) => types.includes(f.type)).length;
}

function availabilityText(site: ReportSite): string {
  const a = site.availability;
  if (a.probes === 0) return '未监测';
  return `${percent(a.failureRate)}${a.insufficient ? '（监测不足）' : ''}`;
}

function vetoText(site: ReportSite): string {
  if (site.vetoes.length === 0) return '否';
  return site.vetoes.every((v) => !v.confirmed) ? '是（待确认）' : '是';
}

function findingDetail(f: ReportFinding): string {
  const pending = f.needsConfirmation && !f.confirmed && !f.detail.includes('机器初判');
  return pending ? `${f.detail}（机器初判，待人工确认）` : f.detail;
}

function findingPage(f: ReportFinding): string {
  return f.pageTitle ? `${f.pageTitle}\n${f.pageUrl}` : f.pageUrl;
}

function findingImage(ctx: RowContext, f: ReportFinding): CellData {
  const source = f.screenshot ?? f.thumbnail;
  if (!source) return null;
  return {
    source,
    thumbnail: f.thumbnail ?? null,
    box: f.box ?? null,
    link: evidenceLink(ctx, source, '查看截图'),
  };
}

const summary: RowSource = {
  fields: [
    'seq',
    'name',
    'siteCode',
    'url',
    'sponsor',
    'rulePack',
    'score',
    'bonus',
    'veto',
    'verdict',
    'unavailableRate',
    'brokenLinks',
    'uncheckedLinks',
    'blankColumns',
    'staleColumns',
    'severeErrors',
    'interactionProblems',
    'serviceProblems',
    'findings',
    'pages',
    'checkedAt',
  ],
  rows: ({ model, groups }) =>
    numbered(
      model.sites.map((site) => ({
        name: site.name,
        siteCode: site.siteCode,
        url: urlCell(site.url),
        sponsor: site.sponsor,
        rulePack: `${model.rulePack.title}（${model.rulePack.version}）`,
        score: totalScore(site.score, site.bonus) ?? '—',
        bonus: site.bonus,
        veto: vetoText(site),
        verdict: site.verdict,
        unavailableRate: availabilityText(site),
        brokenLinks: site.links.broken,
        uncheckedLinks: site.links.unchecked,
        blankColumns: site.columns.filter((c) => c.blank).length,
        staleColumns: site.columns.filter((c) => c.stale).length,
        severeErrors: countOf(site, groups.severe),
        interactionProblems: countOf(site, groups.interaction),
        serviceProblems: countOf(site, groups.service),
        findings: site.findings.length,
        pages: site.pages,
        checkedAt: dateTime(model.run.startedAt),
      })),
    ),
};

const vetoes: RowSource = {
  fields: ['seq', 'site', 'siteCode', 'item', 'reason', 'confirmed', 'evidence'],
  rows: (ctx) => {
    const seqOf = new Map(orderedFindings(ctx.model).map((o) => [o.finding.id, o]));
    return numbered(
      eachSite(ctx.model, (site) =>
        site.vetoes.map((veto) => {
          const related = veto.findings.map((id) => seqOf.get(id)).filter((o) => o !== undefined);
          const refText = related.length ? `见问题清单第${related.map((o) => o.seq).join('、')}项` : '';
          const shot = related.map((o) => o.finding.screenshot).find((s) => s !== undefined);
          return {
            site: site.name,
            siteCode: site.siteCode,
            item: veto.title + verificationNote(ctx.model.rulePack.itemStatus[veto.item]),
            reason: veto.reason,
            confirmed: veto.confirmed ? '是' : '否（机器初判）',
            evidence: shot ? evidenceLink(ctx, shot, refText) : refText,
          };
        }),
      ),
    );
  },
};

const deductions: RowSource = {
  fields: ['seq', 'site', 'siteCode', 'group', 'title', 'rule', 'count', 'points', 'cap'],
  rows: ({ model }) =>
    numbered(
      eachSite(model, (site) =>
        site.deductionRows.map((d) => ({
          site: site.name,
          siteCode: site.siteCode,
          group: d.group,
          title: d.title,
          rule: d.rule + verificationNote(model.rulePack.itemStatus[d.item]),
          count: d.count,
          points: d.points,
          cap: d.cap,
        })),
      ),
    ),
};

const manual: RowSource = {
  fields: ['seq', 'site', 'siteCode', 'title', 'status', 'result', 'points'],
  rows: ({ model }) =>
    numbered(
      eachSite(model, (site) =>
        site.manual.map((m) => ({
          site: site.name,
          siteCode: site.siteCode,
          title: m.title + verificationNote(model.rulePack.itemStatus[m.item]),
          status: m.status,
          result: [
            m.result,
            m.sample?.length ? `抽查样本：\n${m.sample.join('\n')}` : '',
            m.seed ? `（抽样种子：${m.seed}）` : '',
          ]
            .filter(Boolean)
            .join('\n'),
          points: m.points ?? null,
        })),
      ),
    ),
};

const findings: RowSource = {
  fields: [
    'seq',
    'site',
    'siteCode',
    'type',
    'indicator',
    'detail',
    'url',
    'page',
    'foundAt',
    'screenshot',
    'screenshotAt',
    'hash',
    'measure',
    'owner',
    'deadline',
    'status',
    'recheck',
    'notes',
    'fingerprint',
  ],
  rows: (ctx) =>
    orderedFindings(ctx.model).map(({ site, finding: f, seq }) => ({
      seq,
      site: site.name,
      siteCode: site.siteCode,
      type: f.typeLabel,
      indicator: f.indicator,
      detail: findingDetail(f),
      url: urlCell(f.url),
      page: findingPage(f),
      foundAt: dateTime(f.foundAt),
      screenshot: findingImage(ctx, f),
      screenshotAt: dateTime(f.screenshotAt),
      hash: (f.screenshot ?? f.evidence[0])?.sha256 ?? null,
      measure: f.rectification?.measure || null,
      owner: f.rectification?.owner || null,
      deadline: f.rectification?.deadline ?? null,
      status: f.rectification?.status ?? '待整改',
      recheck: f.rectification?.recheck ?? '未复查',
      notes: f.rectification?.notes || null,
      fingerprint: f.fingerprint,
    })),
};

const links: RowSource = {
  fields: [
    'seq',
    'site',
    'checkedAt',
    'url',
    'level',
    'linkText',
    'pageUrl',
    'pageTitle',
    'outcome',
    'status',
    'error',
  ],
  rows: ({ model }) =>
    numbered(
      eachSite(model, (site) =>
        site.linkProblems
          .filter((l) => l.outcome !== 'ok' && l.outcome !== 'skipped')
          .map((l) => ({
            site: site.name,
            checkedAt: dateTime(l.checkedAt),
            url: urlCell(l.url),
            level: l.onHome ? '首页' : '其他页面',
            linkText: l.linkText,
            pageUrl: urlCell(l.pageUrl),
            pageTitle: l.pageTitle,
            outcome: LINK_OUTCOME_LABELS[l.outcome],
            status: l.status,
            error: l.error,
          })),
      ),
    ),
};

const columns: RowSource = {
  fields: [
    'seq',
    'site',
    'name',
    'category',
    'level',
    'url',
    'latestDate',
    'daysSinceUpdate',
    'overdue',
    'blank',
    'windowDays',
    'itemCount',
  ],
  rows: ({ model }) =>
    numbered(
      eachSite(model, (site) =>
        site.columns.map((c) => ({
          site: site.name,
          name: c.name,
          category: COLUMN_CATEGORY_LABELS[c.category],
          level: c.level === 1 ? '一级栏目' : `${c.level}级栏目`,
          url: urlCell(c.url),
          latestDate: c.latestDate ?? '无日期',
          daysSinceUpdate: c.daysSinceUpdate,
          overdue: c.stale && c.windowDays !== null ? `是（超过${c.windowDays}天）` : yesNo(c.stale),
          blank: yesNo(c.blank),
          windowDays: c.windowDays,
          itemCount: c.itemCount,
        })),
      ),
    ),
};

const connectivity: RowSource = {
  fields: [
    'seq',
    'siteCode',
    'site',
    'url',
    'probes',
    'okCount',
    'failures',
    'failureRate',
    'coverage',
    'localNetworkFailures',
  ],
  rows: ({ model }) =>
    numbered(
      model.sites.map((site) => {
        const a = site.availability;
        return {
          siteCode: site.siteCode,
          site: site.name,
          url: urlCell(site.url),
          probes: a.probes,
          okCount: a.probes - a.failures,
          failures: a.failures,
          failureRate: a.probes ? a.failureRate : null,
          coverage: a.insufficient ? '监测不足' : '满足一周监测要求',
          localNetworkFailures: a.localNetworkFailures ?? 0,
        };
      }),
    ),
};

const probeLog: RowSource = {
  fields: ['seq', 'site', 'at', 'result', 'latencyMs', 'status', 'error', 'counted'],
  rows: ({ model }) =>
    numbered(
      eachSite(model, (site) =>
        site.probes.map((p) => ({
          site: site.name,
          at: shanghaiDateTime(p.at, true),
          result: p.ok ? '连通' : '不连通',
          latencyMs: p.latencyMs,
          status: p.status,
          error: p.error,
          counted: p.counted === false ? '否（本机网络异常）' : '是',
        })),
      ),
    ),
};

const siteInfo: RowSource = {
  fields: ['seq', 'name', 'siteCode', 'url', 'sponsor'],
  openPrefix: 'info.',
  rows: ({ model }) =>
    numbered(
      model.sites.map((site) => ({
        name: site.name,
        siteCode: site.siteCode,
        url: urlCell(site.url),
        sponsor: site.sponsor,
        ...Object.fromEntries(Object.entries(site.info).map(([k, v]) => [`info.${k}`, v])),
      })),
    ),
};

export const ROW_SOURCES = {
  summary,
  vetoes,
  deductions,
  manual,
  findings,
  links,
  columns,
  connectivity,
  probeLog,
  siteInfo,
} as const satisfies Record<string, RowSource>;

export type RowSourceName = keyof typeof ROW_SOURCES;
export const ROW_SOURCE_NAMES = Object.keys(ROW_SOURCES) as [RowSourceName, ...RowSourceName[]];

export function isKnownField(source: RowSourceName, field: string): boolean {
  const s: RowSource = ROW_SOURCES[source];
  return s.fields.includes(field) || (s.openPrefix !== undefined && field.startsWith(s.openPrefix));
}
