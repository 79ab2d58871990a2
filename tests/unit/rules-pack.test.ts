import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRulePack } from '../../src/main/scoring/rulePack.js';
import {
  addWorkingDays,
  isWorkingDay,
  parseWorkCalendar,
  WEEKDAYS_ONLY,
} from '../../src/main/scoring/workCalendar.js';

const json = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../resources/${path}`, import.meta.url), 'utf8'));

describe('bundled rule packs', () => {
  const p2019 = parseRulePack(json('rules/inspection-2019.json'));
  const p2015 = parseRulePack(json('rules/census-2015.json'));

  it('carry their id and version', () => {
    expect([p2019.id, p2015.id]).toEqual(['inspection-2019', 'census-2015']);
    expect(p2019.version).toMatch(/\S/);
    expect(p2015.version).toMatch(/\S/);
  });

  it('2019: 100 points of deductions over four groups (31/25/23/21), 30 bonus points, pass 60, bonus above 80', () => {
    const byGroup = (g: string) =>
      p2019.deductions.filter((d) => d.group === g).reduce((s, d) => s + d.cap, 0);
    expect([byGroup('发布解读'), byGroup('办事服务'), byGroup('互动交流'), byGroup('功能设计')]).toEqual([
      31, 25, 23, 21,
    ]);
    expect(p2019.bonuses.reduce((s, b) => s + b.cap, 0)).toBe(30);
    expect(p2019.scoring).toMatchObject({
      passLine: 60,
      passInclusive: true,
      bonusThreshold: 80,
      bonusMax: 30,
    });
    expect(p2019.scoring.noPublicService).toMatchObject({
      scaleTo: 75,
      excludeGroups: ['办事服务'],
      status: 'PARTIAL',
    });
  });

  it('2019: every window of the standard is data', () => {
    const w = p2019.windows;
    expect([
      w.twoWeeks.days,
      w.sixMonths.months,
      w.oneYear.years,
      w.threeMonths.months,
      w.threeWorkingDays.workingDays,
    ]).toEqual([14, 6, 1, 3, 3]);
    expect(p2019.availability).toMatchObject({
      maxFailureRate: 0.05,
      weekProbes: 140,
      probeTimeoutSeconds: 15,
    });
  });

  it('2019: manual items carry their sample sizes (随机抽查5个)', () => {
    expect(p2019.manual.find((m) => m.id === 'guides-sample')?.sample).toMatchObject({
      size: 5,
      label: '随机抽查5个办事服务事项',
    });
    expect(p2019.manual.find((m) => m.id === 'interpretation-ratio')?.sample?.size).toBe(3);
  });

  it('2015: vetoes VERIFIED, deduction values UNVERIFIED, no bonus stage', () => {
    expect(p2015.vetoes.map((v) => [v.id, v.status])).toEqual([
      ['unreachable', 'VERIFIED'],
      ['home-stale', 'VERIFIED'],
      ['column-stale', 'VERIFIED'],
      ['severe-error', 'VERIFIED'],
      ['interaction', 'VERIFIED'],
    ]);
    expect(p2015.deductions.every((d) => d.status === 'UNVERIFIED')).toBe(true);
    expect(p2015.scoring).toMatchObject({ bonusMax: 0, passInclusive: false, passStatus: 'UNVERIFIED' });
  });
});

describe('parseRulePack rejects an invalid pack and names the failing field', () => {
  const base = () => json('rules/inspection-2019.json');
  const cases: [string, (p: ReturnType<typeof base>) => void, RegExp][] = [
    ['negative cap', (p) => (p.deductions[0].cap = -1), /deductions\.0\.cap/],
    ['missing status', (p) => delete p.vetoes[0].status, /vetoes\.0\.status/],
    ['bad status', (p) => (p.deductions[1].status = 'SURE'), /deductions\.1\.status/],
    [
      'unknown window',
      (p) => (p.columnRules[0].window = 'fortnight'),
      /columnRules\.0\.window: unknown window/,
    ],
    [
      'unknown finding type',
      (p) => (p.vetoes[0].condition.select.types = ['typos']),
      /vetoes\.0\.condition\.select\.types\.0/,
    ],
    ['window with two units', (p) => (p.windows.twoWeeks.months = 1), /windows\.twoWeeks/],
    [
      'manual item for no deduction',
      (p) => (p.manual[0].item = 'nothing'),
      /manual\.0\.item: no deduction item "nothing"/,
    ],
    ['caps not adding up', (p) => (p.deductions[0].cap = 3), /deductions: item caps add up to 101/],
    ['duplicate veto id', (p) => (p.vetoes[1].id = p.vetoes[0].id), /vetoes\.1\.id: duplicate/],
    ['unknown key', (p) => (p.scoring.passline = 60), /scoring: Unrecognized key/],
    ['missing version', (p) => delete p.version, /at version/],
  ];
  it.each(cases)('%s', (_name, mutate, message) => {
    const pack = base();
    mutate(pack);
    expect(() => parseRulePack(pack)).toThrow(message);
  });
});

describe('holiday calendar (State Council notices 2023–2026)', () => {
  const cal = parseWorkCalendar(json('calendar/cn-holidays.json'));
  it('covers 2023 to 2026', () => {
    expect(cal.years).toEqual([2023, 2024, 2025, 2026]);
  });
  it('knows holidays and 调休 working weekends (国办发明电〔2023〕7号)', () => {
    expect(isWorkingDay('2024-10-01', cal)).toBe(false);
    expect(isWorkingDay('2024-09-29', cal)).toBe(true); // a Sunday, worked
    expect(isWorkingDay('2024-09-28', cal)).toBe(false); // a plain Saturday
    expect(isWorkingDay('2024-09-29', WEEKDAYS_ONLY)).toBe(false);
  });
  it('counts working days across National Day 2024 and Spring Festival 2025', () => {
    expect(addWorkingDays('2024-09-27', 3, cal)).toBe('2024-10-08');
    expect(addWorkingDays('2024-09-27', 3, WEEKDAYS_ONLY)).toBe('2024-10-02');
    expect(addWorkingDays('2025-01-24', 3, cal)).toBe('2025-02-05');
    expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-14'); // 2026: Saturday 14 Feb is worked
  });
  it('rejects a malformed calendar naming the field', () => {
    expect(() =>
      parseWorkCalendar({ years: { 2024: { notice: 'x', holidays: ['2024/10/01'], workdays: [] } } }),
    ).toThrow(/years\.2024\.holidays\.0/);
  });
});
