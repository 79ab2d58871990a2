import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ColumnCategory, ColumnFact, Finding, FindingType } from '../../src/shared/domain.js';
import { blankColumnFindings } from '../../src/main/checks/columns/blankColumns.js';
import { parseRulePack } from '../../src/main/scoring/rulePack.js';
import { scoreSite, type ScoringInput } from '../../src/main/scoring/score.js';
import { parseWorkCalendar } from '../../src/main/scoring/workCalendar.js';

const json = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../resources/${path}`, import.meta.url), 'utf8'));
const P2019 = parseRulePack(json('rules/inspection-2019.json'));
const P2015 = parseRulePack(json('rules/census-2015.json'));
const calendar = parseWorkCalendar(json('calendar/cn-holidays.json'));
const SITE = 'http://www.example.gov.cn/';
const AS_OF = '2023-10-11';

function col(
  name: string,
  category: ColumnCategory,
  latestDate: string | null,
  extra: Partial<ColumnFact> = {},
): ColumnFact {
  return {
    name,
    url: `${SITE}${encodeURIComponent(name)}/`,
    category,
    level: 1,
    latestDate,
    itemCount: latestDate ? 1 : 0,
    blank: false,
    source: 'home-block',
    items: latestDate
      ? [{ title: `${name}稿件`, url: `${SITE}${encodeURIComponent(name)}/1.html`, date: latestDate }]
      : [],
    ...extra,
  };
}

/** A healthy site: every required column present and fresh, a full week of probes. */
function healthyColumns(): ColumnFact[] {
  return [
    col('本地要闻', 'news', '2023-10-10'),
    col('通知公告', 'notice', '2023-09-01'),
    col('政策文件', 'policy', '2023-08-01', {
      items: ['甲', '乙', '丙', '丁', '戊'].map((t, i) => ({
        title: `${t}文件`,
        url: `${SITE}zcwj/${i}.html`,
        date: '2023-08-01',
      })),
    }),
    col('政策解读', 'interpretation', '2023-09-15'),
    col('人事信息', 'personnel', '2023-03-01'),
    col('规划计划', 'planning', '2023-01-10'),
    col('政府领导', 'leaders', '2023-06-01'),
    col('机构职能', 'organization', '2023-02-01'),
    col('县情概况', 'overview', '2023-04-01'),
    col('办事服务', 'service', null, { source: 'nav' }),
    col('领导信箱', 'consultation', '2023-10-01'),
  ];
}

function input(extra: Partial<ScoringInput> = {}): ScoringInput {
  return {
    siteUrl: SITE,
    asOf: AS_OF,
    columns: healthyColumns(),
    homeLatestDate: '2023-10-10',
    findings: [],
    availability: { probes: 140, failures: 0 },
    manualReviews: [],
    seed: 'run-1',
    calendar,
    ...extra,
  };
}

let n = 0;
function fact(type: FindingType, data: Record<string, unknown> = {}, extra: Partial<Finding> = {}): Finding {
  n += 1;
  return {
    id: `${type}-${n}`,
    fingerprint: `fp-${n}`,
    type,
    url: `${SITE}x/${n}.html`,
    pageUrl: SITE,
    detail: type,
    needsConfirmation: false,
    confirmed: true,
    data,
    evidence: [],
    ...extra,
  };
}
const many = (k: number, f: () => Finding) => Array.from({ length: k }, f);
const review = (item: string, points: number) => ({
  item,
  result: `扣${points}分`,
  points,
  reviewer: '张三',
  date: '2023-10-12',
});
const vetoIds = (r: ReturnType<typeof scoreSite>) => r.score.vetoes.map((v) => v.item);

describe('scoreSite under inspection-2019', () => {
  it('scores a healthy site 100, 合格, with manual items pending', () => {
    const r = scoreSite(input(), P2019);
    expect(r.score).toMatchObject({ verdict: '合格', score: 100, vetoes: [], deductions: [] });
    expect(r.derivedFindings).toEqual([]);
    expect(r.score.manual.every((m) => m.status === '需人工核查')).toBe(true);
    expect(r.score.flags).toContain('存在需人工核查项，得分为暂定');
    expect(r.availability).toEqual({ probes: 140, failures: 0, failureRate: 0, insufficient: false });
  });

  it('column veto (a): 4 stale 2-week/6-month level-1 columns pass, 5 veto', () => {
    const stale = (k: number) => [
      ...healthyColumns().filter((c) => c.category !== 'news'),
      ...Array.from({ length: k }, (_, i) => col(`乡镇动态${i}`, 'news', '2023-09-26')),
    ];
    const four = scoreSite(input({ columns: stale(4) }), P2019);
    expect(vetoIds(four)).toEqual([]);
    expect(four.derivedFindings.filter((f) => f.type === 'column-stale')).toHaveLength(4);
    expect(four.score.deductions.find((d) => d.item === 'news')?.points).toBe(5);
    const five = scoreSite(input({ columns: stale(5) }), P2019);
    expect(vetoIds(five)).toEqual(['column-stale']);
    expect(five.score).toMatchObject({ verdict: '不合格', score: null, deductions: [] });
    expect(five.score.vetoes[0].findings).toHaveLength(5);
    expect(five.score.vetoes[0].reason).toContain('机器初判');
  });

  it('the 14-day window includes its first day (2023-09-27 fresh, 2023-09-26 stale)', () => {
    const r = scoreSite(
      input({ columns: [...healthyColumns(), col('部门动态', 'news', '2023-09-27')] }),
      P2019,
    );
    expect(r.columns.find((c) => c.name === '部门动态')).toMatchObject({ stale: false, windowDays: 14 });
    const s = scoreSite(
      input({ columns: [...healthyColumns(), col('部门动态', 'news', '2023-09-26')] }),
      P2019,
    );
    expect(s.columns.find((c) => c.name === '部门动态')?.stale).toBe(true);
  });

  it('column veto (b): 9 should-update columns stale pass, 10 veto', () => {
    const cols = (k: number) => [
      ...healthyColumns(),
      ...Array.from({ length: k }, (_, i) => col(`人事任免${i}`, 'personnel', '2022-10-10')),
    ];
    expect(vetoIds(scoreSite(input({ columns: cols(9) }), P2019))).toEqual([]);
    expect(vetoIds(scoreSite(input({ columns: cols(10) }), P2019))).toEqual(['column-stale']);
  });

  it('column veto (c): 4 blank columns pass (其他栏目 capped at 4), 5 veto', () => {
    const blanks = (k: number) =>
      Array.from({ length: k }, (_, i) => col(`专栏${i}`, 'other', null, { blank: true }));
    const run = (k: number) => {
      const columns = [...healthyColumns(), ...blanks(k)];
      return scoreSite(input({ columns, findings: blankColumnFindings(columns, SITE) }), P2019);
    };
    const four = run(4);
    expect(vetoIds(four)).toEqual([]);
    expect(four.score.deductions.find((d) => d.item === 'other-columns')).toMatchObject({
      points: 4,
      count: 4,
      cap: 4,
    });
    expect(vetoIds(run(5))).toEqual(['column-stale']);
  });

  it('availability: 4.9% passes and 5.0% vetoes with the same probe count; 7 of 140 is exactly 5%', () => {
    expect(vetoIds(scoreSite(input({ availability: { probes: 1000, failures: 49 } }), P2019))).toEqual([]);
    expect(vetoIds(scoreSite(input({ availability: { probes: 1000, failures: 50 } }), P2019))).toEqual([
      'unreachable',
    ]);
    const r = scoreSite(input({ availability: { probes: 140, failures: 7 } }), P2019);
    expect(r.score.vetoes[0]).toMatchObject({ item: 'unreachable', confirmed: true });
    expect(r.availability).toMatchObject({ failureRate: 0.05, insufficient: false });
  });

  it('fewer probes than the standard week (7 × 20) are 监测不足', () => {
    const r = scoreSite(input({ availability: { probes: 139, failures: 0 } }), P2019);
    expect(r.availability.insufficient).toBe(true);
    expect(r.score.flags.some((f) => f.startsWith('监测不足'))).toBe(true);
  });

  it('home page: updated 14 days before as-of passes, 15 days vetoes; navigation-only says 二级页面', () => {
    expect(vetoIds(scoreSite(input({ homeLatestDate: '2023-09-27' }), P2019))).toEqual([]);
    const r = scoreSite(input({ homeLatestDate: '2023-09-26', homeNavigationOnly: true }), P2019);
    expect(vetoIds(r)).toEqual(['home-stale']);
    expect(r.derivedFindings.find((f) => f.type === 'home-stale')?.detail).toContain('所有二级页面');
    expect(vetoIds(scoreSite(input({ homeLatestDate: null }), P2019))).toEqual(['home-stale']);
  });

  it('a veto resting only on an unconfirmed severe-error candidate gives 待确认; confirmed gives 不合格', () => {
    const candidate = fact('severe-error', {}, { needsConfirmation: true, confirmed: false });
    const pending = scoreSite(input({ findings: [candidate] }), P2019);
    expect(pending.score).toMatchObject({ verdict: '待确认', score: 100 });
    expect(pending.score.vetoes[0]).toMatchObject({
      item: 'security',
      confirmed: false,
      findings: [candidate.id],
    });
    const confirmed = scoreSite(input({ findings: [{ ...candidate, confirmed: true }] }), P2019);
    expect(confirmed.score).toMatchObject({ verdict: '不合格', score: null });
    // Dismissed findings are filtered out before scoring.
    expect(scoreSite(input({ findings: [] }), P2019).score.verdict).toBe('合格');
  });

  it('interaction: a message unanswered past 3 months within the year vetoes; petitions and older messages do not', () => {
    const msg = (askedAt: string, repliedAt: string | null) => ({
      askedAt,
      repliedAt,
      url: `${SITE}ly/${askedAt}.html`,
    });
    const run = (channel: string, ...messages: ReturnType<typeof msg>[]) =>
      vetoIds(scoreSite(input({ consultation: [{ name: '领导信箱', channel, messages }] }), P2019));
    expect(run('consultation', msg('2023-07-12', null))).toEqual([]); // deadline 2023-10-12, not yet passed
    expect(run('consultation', msg('2023-07-10', null))).toEqual(['interaction']);
    expect(run('consultation', msg('2023-03-01', '2023-06-02'))).toEqual(['interaction']); // replied late
    expect(run('consultation', msg('2023-03-01', '2023-06-01'))).toEqual([]);
    expect(run('consultation', msg('2022-10-01', null))).toEqual([]); // older than the one-year look-back
    expect(run('petition', msg('2023-03-01', null))).toEqual([]);
    expect(vetoIds(scoreSite(input({ findings: [fact('consultation-missing')] }), P2019))).toEqual([
      'interaction',
    ]);
  });

  it('服务不实用: 4 services missing ≥4 elements pass, 5 veto; 3 missing elements never; skipped without public services', () => {
    const guides = (k: number, missingCount: number) =>
      many(k, () => fact('guide-elements-missing', { missingCount, missing: Array(missingCount).fill('x') }));
    expect(vetoIds(scoreSite(input({ findings: guides(4, 4) }), P2019))).toEqual([]);
    expect(vetoIds(scoreSite(input({ findings: guides(5, 4) }), P2019))).toEqual(['service']);
    expect(vetoIds(scoreSite(input({ findings: guides(5, 3) }), P2019))).toEqual([]);
    expect(vetoIds(scoreSite(input({ findings: guides(5, 4), noPublicService: true }), P2019))).toEqual([]);
    const noService = healthyColumns().filter((c) => c.category !== 'service');
    const r = scoreSite(input({ columns: noService }), P2019);
    expect(r.score).toMatchObject({ verdict: '待确认' }); // 机器初判 until the inventory is confirmed
    const confirmed = noService.map((c) => ({ ...c, confirmed: true }));
    expect(scoreSite(input({ columns: confirmed }), P2019).score).toMatchObject({
      verdict: '不合格',
      score: null,
    });
  });

  it('deductions: per occurrence with a cap, weight fields, and the findings that caused them', () => {
    const home = many(2, () => fact('broken-link', {}, { pageUrl: SITE }));
    const other = many(3, () => fact('broken-link', { onHome: false }, { pageUrl: `${SITE}a.html` }));
    // Two pages lacking the same two identity elements: judged site-wide, 每缺一项 0.5.
    const identity = fact('identity-missing', { missing: ['ICP备案编号', '公安机关备案标识'], isHome: true });
    const identity2 = fact('identity-missing', {
      missing: ['ICP备案编号', '公安机关备案标识'],
      isHome: false,
    });
    const r = scoreSite(input({ findings: [...home, ...other, identity, identity2] }), P2019);
    expect(r.score.deductions.find((d) => d.item === 'usability')).toMatchObject({
      points: 0.7,
      cap: 1,
      count: 5,
      findings: [...home, ...other].map((f) => f.id),
    });
    expect(r.score.deductions.find((d) => d.item === 'identity')).toMatchObject({ points: 1, count: 2 });
    expect(r.score.score).toBe(98.3);
    const findfault = [
      fact('findfault-missing', { isHome: false }),
      fact('findfault-missing', { isHome: false }),
    ];
    expect(scoreSite(input({ findings: findfault }), P2019).score.deductions[0]).toMatchObject({
      item: 'findfault-entry',
      points: 0.4,
    });
    const findfaultHome = [...findfault, fact('findfault-missing', { isHome: true })];
    expect(scoreSite(input({ findings: findfaultHome }), P2019).score.deductions[0]).toMatchObject({
      points: 1,
    });
    const capped = scoreSite(
      input({ findings: many(6, () => fact('broken-link', { onHome: true })) }),
      P2019,
    );
    expect(capped.score.deductions.find((d) => d.item === 'usability')?.points).toBe(1);
  });

  // 40 points of deductions: reviewers' results (manual items) plus two machine findings.
  const forty = [
    review('submit', 7),
    review('reply-mock', 7),
    review('online-apply', 5),
    review('unified-login', 3),
    review('single-login', 2),
    review('compatibility', 2),
    review('guide-accuracy', 5),
    review('service-catalog', 3),
    review('forms', 2),
    review('service-stats', 2),
  ];
  const fortyFindings = () => [fact('ipv6-missing'), fact('domain-nonstandard')];

  it('pass line: 60 passes, 59.9 fails (低于60分不合格)', () => {
    const sixty = scoreSite(input({ manualReviews: forty, findings: fortyFindings() }), P2019);
    expect(sixty.score).toMatchObject({ score: 60, verdict: '合格', bonus: 0 });
    const below = scoreSite(
      input({ manualReviews: forty, findings: [...fortyFindings(), fact('page-tags-missing')] }),
      P2019,
    );
    expect(below.score).toMatchObject({ score: 59.9, verdict: '不合格' });
  });

  it('bonus only above 80: 80 gets none, 80.1 gets it; a fresh 数据发布 column scores 2 (3 months) or 1 (6 months)', () => {
    const data = (d: string) => [...healthyColumns(), col('统计信息', 'data', d)];
    const twenty = [review('submit', 7), review('reply-mock', 7), review('online-apply', 5)];
    const at80 = scoreSite(
      input({ columns: data('2023-09-01'), manualReviews: twenty, findings: [fact('ipv6-missing')] }),
      P2019,
    );
    expect(at80.score).toMatchObject({ score: 80, bonus: 0 });
    const tags = many(9, () => fact('page-tags-missing'));
    const above = scoreSite(
      input({ columns: data('2023-09-01'), manualReviews: twenty, findings: tags }),
      P2019,
    );
    expect(above.score).toMatchObject({ score: 80.1, bonus: 2 });
    expect(scoreSite(input({ columns: data('2023-05-01') }), P2019).score.bonus).toBe(1);
    expect(scoreSite(input({ columns: data('2023-03-01') }), P2019).score.bonus).toBe(0);
    const all = P2019.manual.filter((m) => m.kind === 'bonus').map((m) => review(m.id, m.maxPoints));
    const surveys = Array.from({ length: 6 }, (_, i) => ({ date: `2023-0${i + 1}-15` }));
    expect(
      scoreSite(input({ columns: data('2023-09-01'), manualReviews: all, surveys }), P2019).score.bonus,
    ).toBe(30);
  });

  it('departments without public services: 办事服务 dropped, out of 75, × 4/3 (PARTIAL)', () => {
    const r = scoreSite(
      input({ noPublicService: true, manualReviews: [review('submit', 7), review('online-apply', 5)] }),
      P2019,
    );
    expect(r.score.score).toBe(90.67);
    expect(r.score.deductions.map((d) => d.item)).toEqual(['submit']);
    expect(r.score.manual.some((m) => m.item === 'online-apply')).toBe(false);
    expect(r.score.flags.some((f) => f.includes('PARTIAL'))).toBe(true);
  });

  it('manual item: sample drawn with the recorded seed, then the reviewer result applied on rescore', () => {
    const before = scoreSite(input(), P2019);
    const item = before.score.manual.find((m) => m.item === 'interpretation-ratio')!;
    expect(item).toMatchObject({ status: '需人工核查', seed: 'run-1', ruleStatus: 'VERIFIED-VENDOR' });
    expect(item.sample).toHaveLength(3);
    expect(
      scoreSite(input(), P2019).score.manual.find((m) => m.item === 'interpretation-ratio')?.sample,
    ).toEqual(item.sample);
    const other = scoreSite(input({ seed: 'run-2' }), P2019).score.manual.find(
      (m) => m.item === 'interpretation-ratio',
    );
    expect(other?.sample).toHaveLength(3);
    expect(other?.sample).not.toEqual(item.sample); // another seed, another draw
    expect(item.sample!.every((s) => s.includes('文件'))).toBe(true);

    const after = scoreSite(
      input({ manualReviews: [{ ...review('interpretation-ratio', 2), result: '2个文件未解读' }] }),
      P2019,
    );
    expect(after.score.manual.find((m) => m.item === 'interpretation-ratio')).toMatchObject({
      status: '已核查',
      result: '2个文件未解读',
      points: 2,
      reviewer: '张三',
      reviewedAt: '2023-10-12',
    });
    expect(after.score.deductions).toEqual([
      expect.objectContaining({ item: 'interpretation-ratio', points: 2, rule: '人工核查：2个文件未解读' }),
    ]);
    expect(after.score.score).toBe(98);
    // A reviewer cannot deduct beyond the item's maximum.
    expect(scoreSite(input({ manualReviews: [review('interpretation-ratio', 9)] }), P2019).score.score).toBe(
      97,
    );
  });

  it('我为政府网站找错: 3 working days counted with the holiday calendar', () => {
    const consultation = [
      {
        name: '我为政府网站找错',
        channel: 'findfault',
        messages: [{ askedAt: '2024-09-27 10:00', repliedAt: '2024-10-08', url: `${SITE}zc/1` }],
      },
    ];
    const base = { asOf: '2024-10-20', homeLatestDate: '2024-10-18', consultation };
    expect(
      scoreSite(input(base), P2019).score.deductions.find((d) => d.item === 'findfault-reply'),
    ).toBeUndefined();
    const weekdaysOnly = scoreSite(input({ ...base, calendar: undefined }), P2019);
    expect(weekdaysOnly.score.deductions.find((d) => d.item === 'findfault-reply')?.points).toBe(1);
  });

  it('re-derives pack findings instead of reusing stored ones, with fingerprints stable across runs', () => {
    const stored = fact('column-stale', { rule: 'news-2w' });
    const a = scoreSite(input({ findings: [stored], homeLatestDate: '2023-09-01' }), P2019);
    const b = scoreSite(input({ homeLatestDate: '2023-09-01' }), P2019);
    expect(a.score.vetoes[0].findings).not.toContain(stored.id);
    expect(a.derivedFindings.map((f) => f.fingerprint)).toEqual(b.derivedFindings.map((f) => f.fingerprint));
  });
});

describe('scoreSite under census-2015', () => {
  it('column veto (a) counts notice/policy columns at every level (2019: 一级 only)', () => {
    const columns = [
      ...healthyColumns().filter((c) => c.category !== 'news'),
      ...Array.from({ length: 3 }, (_, i) => col(`乡镇动态${i}`, 'news', '2023-09-01')),
      ...Array.from({ length: 2 }, (_, i) => col(`公示公告${i}`, 'notice', '2023-03-01', { level: 2 })),
    ];
    expect(vetoIds(scoreSite(input({ columns }), P2019))).toEqual([]);
    expect(vetoIds(scoreSite(input({ columns }), P2015))).toEqual(['column-stale']);
  });

  it('other vetoes at their thresholds', () => {
    expect(vetoIds(scoreSite(input({ availability: { probes: 1000, failures: 49 } }), P2015))).toEqual([]);
    expect(vetoIds(scoreSite(input({ availability: { probes: 1000, failures: 50 } }), P2015))).toEqual([
      'unreachable',
    ]);
    expect(vetoIds(scoreSite(input({ homeLatestDate: '2023-09-26' }), P2015))).toEqual(['home-stale']);
    const blanks = Array.from({ length: 5 }, (_, i) => col(`专栏${i}`, 'other', null, { blank: true }));
    expect(vetoIds(scoreSite(input({ findings: blankColumnFindings(blanks, SITE) }), P2015))).toEqual([
      'column-stale',
    ]);
    expect(
      vetoIds(scoreSite(input({ findings: blankColumnFindings(blanks.slice(1), SITE) }), P2015)),
    ).toEqual([]);
    const candidate = fact('severe-error', {}, { needsConfirmation: true, confirmed: false });
    expect(scoreSite(input({ findings: [candidate] }), P2015).score.verdict).toBe('待确认');
    const late = [
      { channel: 'consultation', messages: [{ askedAt: '2023-05-01', repliedAt: null, url: `${SITE}ly/1` }] },
    ];
    expect(vetoIds(scoreSite(input({ consultation: late }), P2015))).toEqual(['interaction']);
  });

  it('UNVERIFIED deductions: home availability ≥1%, surveys and interviews inactive for a year', () => {
    const r = scoreSite(
      input({
        availability: { probes: 140, failures: 2 },
        surveys: [],
        interviews: [{ date: '2023-05-01' }],
      }),
      P2015,
    );
    expect(r.score.deductions.map((d) => [d.item, d.points, d.status])).toEqual([
      ['home-availability', 5, 'UNVERIFIED'],
      ['survey', 5, 'UNVERIFIED'],
    ]);
    expect(r.derivedFindings.map((f) => f.type)).toEqual(['survey-inactive']);
    expect(r.score.flags.some((f) => f.includes('UNVERIFIED'))).toBe(true);
    const ok = scoreSite(input({ availability: { probes: 140, failures: 1 } }), P2015);
    expect(ok.score.deductions).toEqual([]);
  });

  it('pass line is strict (得分超过60分): 60 fails under 2015 but passes under 2019; no bonus stage', () => {
    // 40 points under 2015: availability 5, 5 home broken links 5, 15 basic-info (stale columns), 15 guides.
    const stale = Array.from({ length: 4 }, (_, i) =>
      col(`公示公告${i}`, 'notice', '2023-03-01', { level: 2 }),
    );
    const findings = [
      ...many(5, () => fact('broken-link', { onHome: true })),
      fact('guide-elements-missing', { missing: Array(15).fill('x'), missingCount: 15 }),
    ];
    const columns = [...healthyColumns(), ...stale];
    const at60 = scoreSite(
      input({
        columns,
        findings,
        availability: { probes: 140, failures: 2 },
        manualReviews: [review('basic-info-accuracy', 7)],
      }),
      P2015,
    );
    expect(at60.score).toMatchObject({ score: 60, verdict: '不合格', bonus: 0 });
    const over = scoreSite(
      input({
        columns,
        findings,
        availability: { probes: 140, failures: 2 },
        manualReviews: [review('basic-info-accuracy', 6.9)],
      }),
      P2015,
    );
    expect(over.score).toMatchObject({ score: 60.1, verdict: '合格', bonus: 0 });
  });

  it('rescoring the same input under the two packs gives different results', () => {
    const same = input({
      manualReviews: forty2019(),
      findings: [fact('ipv6-missing'), fact('domain-nonstandard')],
      surveys: [],
    });
    const a = scoreSite(same, P2019);
    const b = scoreSite(same, P2015);
    expect(a.score).toMatchObject({ score: 60, verdict: '合格' });
    // 2015 has none of 2019's manual items (their reviews do not apply) but judges survey activity.
    expect(b.score).toMatchObject({ score: 95, verdict: '合格' });
    expect(b.derivedFindings.map((f) => f.type)).toContain('survey-inactive');
    expect(a.derivedFindings.map((f) => f.type)).not.toContain('survey-inactive');
  });
});

function forty2019() {
  return [
    'submit:7',
    'reply-mock:7',
    'online-apply:5',
    'unified-login:3',
    'single-login:2',
    'compatibility:2',
    'guide-accuracy:5',
    'service-catalog:3',
    'forms:2',
    'service-stats:2',
  ].map((s) => review(s.split(':')[0], Number(s.split(':')[1])));
}
