// Facts + findings + a rule pack → vetoes, deductions, bonus, manual items, verdict (standard §1.4, §2.1).
import type {
  AvailabilitySummary,
  ColumnJudgement,
  DeductionResult,
  Finding,
  ManualResult,
  SiteScore,
  VetoResult,
} from '../../shared/domain.js';
import { PACK_DERIVED_TYPES } from '../../shared/domain.js';
import { parseCivilDate } from '../checks/dates/civilDate.js';
import { deriveFindings, judgeColumns, type DeriveInput } from './derive.js';
import { evaluateCondition, occurrences, selectFindings, type EvaluationContext } from './evaluate.js';
import { manualResult, type ManualReview } from './manual.js';
import type { DeductionItem, RulePack } from './rulePack.js';
import { WEEKDAYS_ONLY, type WorkCalendar } from './workCalendar.js';

export interface ScoringInput extends DeriveInput {
  /** Fact findings from the checks (broken-link, column-blank, severe-error, identity-missing …), dismissed ones removed. */
  findings: Finding[];
  availability: { probes: number; failures: number };
  manualReviews: ManualReview[];
  /** No public services (75 × 4/3 rule; 服务不实用 not checked). */
  noPublicService?: boolean;
  /** Recorded with the run: draws the manual samples. */
  seed: string;
  /** The holiday calendar (resources/calendar/cn-holidays.json); Monday–Friday without it. */
  calendar?: WorkCalendar;
  /** Fingerprints a person dismissed as 误报: pack-derived findings with them do not count either. */
  dismissed?: ReadonlySet<string>;
}

export interface ScoredSite {
  score: SiteScore;
  /** home-stale, column-stale, column-missing, consultation-unanswered, survey-inactive, interview-inactive. */
  derivedFindings: Finding[];
  columns: ColumnJudgement[];
  availability: AvailabilitySummary;
}

const round2 = (n: number) => Math.round(n * 100 + Number.EPSILON * 100) / 100;

export function summariseAvailability(
  availability: { probes: number; failures: number },
  pack: RulePack,
): AvailabilitySummary {
  const { probes, failures } = availability;
  return {
    probes,
    failures,
    failureRate: probes > 0 ? Math.round((failures / probes) * 10_000) / 10_000 : 0,
    insufficient: probes < pack.availability.weekProbes,
  };
}

function evaluateVetoes(pack: RulePack, ctx: EvaluationContext, input: ScoringInput): VetoResult[] {
  const inventoryConfirmed = input.columns.some((c) => c.confirmed);
  const out: VetoResult[] = [];
  for (const v of pack.vetoes) {
    if (v.skipWhenNoPublicService && input.noPublicService) continue;
    const r = evaluateCondition(v.condition, ctx);
    if (!r.hit) continue;
    const columnBased = ctx.findings.some(
      (f) => r.findings.includes(f.id) && ['column-stale', 'column-blank', 'column-missing'].includes(f.type),
    );
    const machine = columnBased && !inventoryConfirmed ? '（机器初判，栏目清单未确认）' : '';
    const pending = r.confirmed ? '' : '（候选问题待人工确认）';
    out.push({
      item: v.id,
      title: v.title,
      status: v.status,
      reason: `${v.reason}：${r.detail}${machine}${pending}`,
      confirmed: r.confirmed,
      findings: r.findings,
    });
  }
  return out;
}

function deductionFor(
  item: DeductionItem,
  ctx: EvaluationContext,
  manual: ManualResult[],
  pack: RulePack,
): DeductionResult | null {
  let points = 0;
  let count = 0;
  const fired: string[] = [];
  const ids: string[] = [];
  for (const rule of item.rules) {
    if (rule.select) {
      const picked = selectFindings(ctx.findings, rule.select, ctx.siteUrl);
      const n = occurrences(picked, rule.select);
      if (n === 0) continue;
      points += rule.per === 'once' ? rule.points : rule.points * n;
      count += n;
      ids.push(...picked.map((f) => f.id));
      fired.push(rule.per === 'once' ? rule.text : `${rule.text}（${n}处）`);
    } else if (rule.when && evaluateCondition(rule.when, ctx).hit) {
      points += rule.points;
      count += 1;
      fired.push(rule.text);
    }
  }
  for (const m of manual) {
    const def = pack.manual.find((x) => x.id === m.item);
    if (def?.kind !== 'deduction' || def.item !== item.id || !m.points) continue;
    points += m.points;
    count += 1;
    fired.push(`人工核查：${m.result}`);
  }
  if (points <= 0) return null;
  return {
    item: item.id,
    group: item.group,
    title: item.title,
    status: item.status,
    rule: fired.join('；'),
    points: round2(Math.min(item.cap, points)),
    cap: item.cap,
    count,
    findings: [...new Set(ids)],
  };
}

function bonusTotal(pack: RulePack, ctx: EvaluationContext, manual: ManualResult[]): number {
  let total = 0;
  for (const b of pack.bonuses) {
    let pts = 0;
    const scored = new Set<string>();
    for (const rule of b.rules) {
      if (rule.insteadOf && scored.has(rule.insteadOf)) continue;
      if (evaluateCondition(rule.when, ctx).hit) {
        pts += rule.points;
        scored.add(rule.id);
      }
    }
    for (const m of manual) {
      const def = pack.manual.find((x) => x.id === m.item);
      if (def?.kind === 'bonus' && def.item === b.id && m.points) pts += m.points;
    }
    total += Math.min(b.cap, pts);
  }
  return round2(Math.min(pack.scoring.bonusMax, total));
}

function calendarFlag(calendar: WorkCalendar, pack: RulePack, asOf: string): string | null {
  const usesWorkingDays = Object.values(pack.windows).some((w) => w.workingDays !== undefined);
  const year = parseCivilDate(asOf).year;
  if (!usesWorkingDays || calendar.years.includes(year)) return null;
  return `节假日日历未包含${year}年，工作日按周一至周五计算`;
}

export function scoreSite(input: ScoringInput, pack: RulePack): ScoredSite {
  const calendar = input.calendar ?? WEEKDAYS_ONLY;
  const judged = judgeColumns(input.columns, pack, input.asOf, calendar);
  const derived = deriveFindings(input, pack, calendar, judged).filter(
    (f) => !input.dismissed?.has(f.fingerprint),
  );
  // Pack-derived findings of another pack (a stored run) are re-derived, never reused.
  const facts = input.findings.filter((f) => !PACK_DERIVED_TYPES.includes(f.type));
  const ctx: EvaluationContext = {
    pack,
    siteUrl: input.siteUrl,
    asOf: input.asOf,
    calendar,
    findings: [...facts, ...derived],
    columns: input.columns,
    availability: input.availability,
    activities: { surveys: input.surveys, interviews: input.interviews },
  };
  const availability = summariseAvailability(input.availability, pack);
  const flags: string[] = [];
  if (availability.insufficient) {
    flags.push(
      `监测不足：首页可用性监测${availability.probes}次，少于标准要求的一周${pack.availability.weekProbes}次`,
    );
  }
  const calFlag = calendarFlag(calendar, pack, input.asOf);
  if (calFlag) flags.push(calFlag);
  if (!input.columns.some((c) => c.confirmed) && derived.some((f) => f.type === 'column-missing')) {
    flags.push('栏目清单未确认：栏目缺失为机器初判');
  }

  const vetoes = evaluateVetoes(pack, ctx, input);
  const excludedGroups = input.noPublicService ? (pack.scoring.noPublicService?.excludeGroups ?? []) : [];
  const inScope = (group: string) => !excludedGroups.includes(group);
  const manual = pack.manual
    .filter((m) => {
      const target = (m.kind === 'deduction' ? pack.deductions : pack.bonuses).find((t) => t.id === m.item);
      return target !== undefined && inScope(target.group);
    })
    .map((m) => manualResult(m, input.manualReviews, input.columns, input.seed));

  const columns = judged.map(({ rule: _rule, ...c }) => c);
  const result = (score: SiteScore): ScoredSite => ({
    score,
    derivedFindings: derived,
    columns,
    availability,
  });

  if (vetoes.some((v) => v.confirmed)) {
    // The standard stops scoring after a veto (不再对其他指标进行评分).
    return result({ verdict: '不合格', score: null, bonus: 0, vetoes, deductions: [], manual, flags });
  }

  const deductions = pack.deductions
    .filter((d) => inScope(d.group))
    .map((d) => deductionFor(d, ctx, manual, pack))
    .filter((d): d is DeductionResult => d !== null);
  const deducted = deductions.reduce((s, d) => s + d.points, 0);
  const { maxScore, passLine, passInclusive, bonusThreshold, noPublicService } = pack.scoring;
  let score: number;
  if (input.noPublicService && noPublicService) {
    score = round2(((noPublicService.scaleTo - deducted) * maxScore) / noPublicService.scaleTo);
    flags.push(
      `无对外服务职能：不检查${noPublicService.excludeGroups.join('、')}，以${noPublicService.scaleTo}分为满分，结果乘以${maxScore}/${noPublicService.scaleTo}（${noPublicService.status}）`,
    );
  } else {
    score = round2(maxScore - deducted);
  }
  if (manual.some((m) => m.status === '需人工核查')) flags.push('存在需人工核查项，得分为暂定');
  if (pack.deductions.some((d) => d.status === 'UNVERIFIED'))
    flags.push('本规则包扣分分值未经核实（UNVERIFIED），可在规则包中修改');

  const passes = passInclusive ? score >= passLine : score > passLine;
  const bonus = passes && score > bonusThreshold ? bonusTotal(pack, ctx, manual) : 0;
  // Only unconfirmed vetoes left: the score stands if the candidates are dismissed, so a person decides.
  const verdict = !passes ? '不合格' : vetoes.length > 0 ? '待确认' : '合格';
  return result({ verdict, score, bonus, vetoes, deductions, manual, flags });
}
