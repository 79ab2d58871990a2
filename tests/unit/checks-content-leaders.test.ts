import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseLeaderList, leadersValidOn, type Leader } from '../../src/main/checks/content/lexicon.js';
import { compileScanner, leaderPatterns, type TextScanner } from '../../src/main/checks/content/scanner.js';
import { checkPageText } from '../../src/main/checks/content/text-checks.js';
import { context, lexicons, page, site } from './checks-content-fixtures.js';

const sample = parseLeaderList(
  JSON.parse(readFileSync(new URL('../fixtures/lexicon/leaders.sample.json', import.meta.url), 'utf8')),
);
const AS_OF = '2025-06-30';
let scanner: TextScanner;
let current: Leader[];

beforeAll(() => {
  scanner = compileScanner(lexicons(), { leaders: sample.leaders, asOf: AS_OF });
  current = leadersValidOn(sample.leaders, AS_OF);
});

describe('leader list', () => {
  test('the sample validates; only leaders in office on the as-of date are checked', () => {
    expect(current.map((l) => l.name)).toEqual(['张建国', '李卫东', '王芳']);
    expect(() =>
      parseLeaderList({
        version: '1',
        source: 's',
        leaders: [{ name: '张三', title: '县长', validFrom: '2025/1/1' }],
      }),
    ).toThrow(/validFrom/);
  });
});

describe('leader-name misspellings', () => {
  test('variants are homophones or look-alikes of one character, never a listed name', () => {
    const patterns = leaderPatterns(lexicons(), current);
    const forZhang = patterns.filter((p) => p.right === '张建国').map((p) => p.pattern);
    expect(forZhang).toContain('章建国'); // zhang
    expect(forZhang).toContain('张建图'); // 国/图 look alike
    expect(forZhang.every((v) => v.length === 3 && v !== '张建国')).toBe(true);
    expect(patterns.some((p) => current.some((l) => l.name === p.pattern))).toBe(false);
  });

  test('every generated misspelling of a listed leader is flagged in a title', () => {
    const patterns = leaderPatterns(lexicons(), current);
    expect(patterns.length).toBeGreaterThan(50);
    for (const { pattern, right } of patterns) {
      const heading = `${pattern}主持召开县政府常务会议`;
      const hits = scanner.scan(heading, { inTitle: true });
      expect(hits, heading).toEqual([expect.objectContaining({ kind: 'leader', wrong: pattern, right })]);
    }
  });

  test('in the body only next to a title word; the correct name is never flagged', () => {
    expect(scanner.scan('会上，县长章建国强调要压实责任。', { inTitle: false })[0]).toMatchObject({
      kind: 'leader',
      wrong: '章建国',
      right: '张建国',
    });
    expect(scanner.scan('李为东同志出席会议并讲话。', { inTitle: false })[0]).toMatchObject({
      right: '李卫东',
    });
    expect(scanner.scan('村民章建国家中的果园今年丰收。', { inTitle: false })).toEqual([]);
    for (const l of current) {
      expect(scanner.scan(`${l.title}${l.name}主持会议`, { inTitle: true })).toEqual([]);
      expect(scanner.scan(`${l.name}${l.title}主持会议`, { inTitle: false })).toEqual([]);
    }
  });

  test('a leader out of office is not checked', () => {
    expect(scanner.scan('县长赵志张出席', { inTitle: true })).toEqual([]);
  });

  test('a misspelt leader name in a heading is a severe-error candidate naming the leader', () => {
    const box = { x: 0, y: 100, width: 600, height: 30 };
    const findings = checkPageText(
      site([
        page({
          url: 'https://www.example.gov.cn/a.html',
          textBlocks: [{ text: '章建国主持召开县政府常务会议', role: 'heading', box }],
        }),
      ]),
      context({ scanner }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ type: 'severe-error', needsConfirmation: true, box });
    expect(findings[0].detail).toContain('“章建国”应为“张建国”（示例县县长）');
  });
});
