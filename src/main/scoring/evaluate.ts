// Generic evaluators parameterised by pack data: which findings a selector picks, whether a condition holds.
import type { ColumnFact, Finding } from '../../shared/domain.js';
import type { Condition, RulePack, Selector, ValueMatch } from './rulePack.js';
import type { WorkCalendar } from './workCalendar.js';
import { isWithin } from './windows.js';

export interface EvaluationContext {
  pack: RulePack;
  siteUrl: string;
  asOf: string;
  calendar: WorkCalendar;
  findings: Finding[];
  columns: ColumnFact[];
  availability: { probes: number; failures: number };
  activities: { surveys?: { date: string }[]; interviews?: { date: string }[] };
}

export interface ConditionResult {
  hit: boolean;
  /** Holds on findings nobody still has to confirm (severe-error candidates do not count here). */
  confirmed: boolean;
  findings: string[];
  /** What was counted, for the reason shown to the user. */
  detail: string;
}

function sameUrl(a: string, b: string): boolean {
  const n = (u: string) =>
    u
      .replace(/#.*$/, '')
      .replace(/^https?:\/\//i, '')
      .replace(/\/(index\.s?html?)?$/i, '');
  return n(a).toLowerCase() === n(b).toLowerCase();
}

function fieldValue(f: Finding, field: string, siteUrl: string): unknown {
  const v = f.data?.[field];
  // Page checks say isHome; otherwise the page a problem was seen on says it.
  if (v === undefined && field === 'onHome') return f.data?.isHome ?? sameUrl(f.pageUrl, siteUrl);
  return v;
}

function matchesValue(value: unknown, match: ValueMatch): boolean {
  if (Array.isArray(match)) return match.some((m) => m === value);
  if (typeof value !== 'number') return false;
  return (
    (match.gte === undefined || value >= match.gte) &&
    (match.gt === undefined || value > match.gt) &&
    (match.lte === undefined || value <= match.lte) &&
    (match.lt === undefined || value < match.lt)
  );
}

export function selectFindings(findings: Finding[], select: Selector, siteUrl: string): Finding[] {
  return findings.filter(
    (f) =>
      select.types.includes(f.type) &&
      Object.entries(select.where ?? {}).every(([k, m]) => matchesValue(fieldValue(f, k, siteUrl), m)) &&
      !Object.entries(select.exclude ?? {}).some(([k, m]) => matchesValue(fieldValue(f, k, siteUrl), m)),
  );
}

/** Occurrences a finding stands for: 1, or the size of its weight field (e.g. a guide's missing elements). */
function weightOf(f: Finding, select: Selector): number {
  if (!select.weightField) return 1;
  const v = f.data?.[select.weightField];
  if (Array.isArray(v)) return v.length;
  return typeof v === 'number' && v >= 0 ? v : 1;
}

/** Occurrences the picked findings stand for under the selector (weights, or distinct values). */
export function occurrences(picked: Finding[], select: Selector): number {
  if (select.distinctBy) {
    const field = select.distinctBy;
    return new Set(picked.flatMap((f) => [f.data?.[field] ?? f.id].flat())).size;
  }
  return picked.reduce((s, f) => s + weightOf(f, select), 0);
}

const isCandidate = (f: Finding) => f.needsConfirmation && !f.confirmed;

export function evaluateCondition(c: Condition, ctx: EvaluationContext): ConditionResult {
  switch (c.kind) {
    case 'count': {
      const picked = selectFindings(ctx.findings, c.select, ctx.siteUrl);
      const total = occurrences(picked, c.select);
      const definite = occurrences(
        picked.filter((f) => !isCandidate(f)),
        c.select,
      );
      return {
        hit: total >= c.min,
        confirmed: definite >= c.min,
        findings: picked.map((f) => f.id),
        detail: `${total}处（否决线${c.min}）`,
      };
    }
    case 'availability': {
      const { probes, failures } = ctx.availability;
      // Compare counts, not floats: 7 of 140 is exactly 5%.
      const hit = probes > 0 && failures >= c.minFailureRate * probes - 1e-9;
      const rate = probes > 0 ? ((failures / probes) * 100).toFixed(1) : '0';
      return { hit, confirmed: hit, findings: [], detail: `不可用${failures}/${probes}次，${rate}%` };
    }
    case 'anyOf': {
      const results = c.conditions.map((sub) => evaluateCondition(sub, ctx));
      const hits = results.filter((r) => r.hit);
      return {
        hit: hits.length > 0,
        confirmed: hits.some((r) => r.confirmed),
        findings: [...new Set(hits.flatMap((r) => r.findings))],
        detail: hits.map((r) => r.detail).join('；'),
      };
    }
    case 'columnFresh': {
      const window = ctx.pack.windows[c.window];
      const fresh = ctx.columns.filter(
        (col) =>
          !col.excluded &&
          c.categories.includes(col.category) &&
          (c.maxLevel === undefined || col.level <= c.maxLevel) &&
          isWithin(col.latestDate, ctx.asOf, window, ctx.calendar),
      );
      return {
        hit: fresh.length > 0,
        confirmed: fresh.length > 0,
        findings: [],
        detail: fresh.map((col) => `${col.name}（${col.latestDate}）`).join('、'),
      };
    }
    case 'activityCount': {
      const window = ctx.pack.windows[c.window];
      const n = (ctx.activities[c.input] ?? []).filter((a) =>
        isWithin(a.date.slice(0, 10), ctx.asOf, window, ctx.calendar),
      ).length;
      return { hit: n >= c.min, confirmed: n >= c.min, findings: [], detail: `${n}次` };
    }
  }
}
