import { describe, expect, it } from 'vitest';
import {
  MAX_CELL_CHARS,
  TRUNCATION_MARKER,
  legalSheetName,
  neutraliseCell,
} from '../../src/main/report/cell-safety.js';
import { chineseDate, shanghaiDateTime } from '../../src/main/report/format.js';
import { escapeHtml } from '../../src/main/report/html-report.js';
import { focusRegion } from '../../src/main/evidence/pictures.js';
import { defaultLayout, parseLayout, selectSheets } from '../../src/main/report/layout.js';
import { AppError } from '../../src/shared/errors.js';
import { isSafeEntryPath } from '../../src/main/report/package.js';

describe('neutraliseCell', () => {
  it.each([
    // The probe: a page titled like this must never become a formula.
    ['=HYPERLINK("http://evil/","x")', `'=HYPERLINK("http://evil/","x")`],
    // OWASP CSV-injection classics (DDE).
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\u0000=1', "'=1"],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it('leaves ordinary text alone, including = further in', () => {
    for (const text of ['示范县人民政府', '得分=82.5', 'http://www.sfx.gov.cn/?a=1', '（2026）第3号', '']) {
      expect(neutraliseCell(text)).toBe(text);
    }
  });

  it('drops characters XML cannot hold (control characters, lone surrogates)', () => {
    expect(neutraliseCell('政务公开\u0007\u001b')).toBe('政务公开');
    expect(neutraliseCell('a\uD800b\uDC00c')).toBe('abc');
    expect(neutraliseCell('行1\n行2\t列')).toBe('行1\n行2\t列');
    expect(neutraliseCell('😀')).toBe('😀');
  });

  it('cuts text over 32,767 characters with a marker, never splitting a surrogate pair', () => {
    const cut = neutraliseCell('字'.repeat(40_000));
    expect(cut).toHaveLength(MAX_CELL_CHARS);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    const emoji = neutraliseCell('😀'.repeat(20_000));
    expect(emoji.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(emoji.replace(TRUNCATION_MARKER, '')).toMatch(/^(😀)+$/u);
    expect(neutraliseCell('字'.repeat(MAX_CELL_CHARS))).toHaveLength(MAX_CELL_CHARS);
  });
});

describe('legalSheetName', () => {
  it('replaces forbidden characters, trims apostrophes and keeps 31 characters', () => {
    expect(legalSheetName('问题清单[1]/2:*?\\')).toBe('问题清单_1__2____');
    expect(legalSheetName("'台账'")).toBe('台账');
    expect(legalSheetName('示'.repeat(40))).toHaveLength(31);
    expect(legalSheetName('')).toBe('Sheet');
  });

  it('makes names unique, case-insensitively', () => {
    expect(legalSheetName('Sheet', new Set(['sheet']))).toBe('Sheet(2)');
    expect(legalSheetName('示'.repeat(31), new Set(['示'.repeat(31)]))).toBe(`${'示'.repeat(28)}(2)`);
  });
});

describe('report layout', () => {
  it('validates the bundled layout: eight sheets in the issue order', () => {
    expect(defaultLayout().sheets.map((s) => s.name)).toEqual([
      '检查结果汇总表',
      '单项否决情况',
      '扣分明细',
      '问题清单（整改台账）',
      '死链明细',
      '栏目更新情况',
      '首页连通性',
      '网站基本信息表',
    ]);
  });

  it('names the failing field of a bad layout', () => {
    const bad = structuredClone(defaultLayout()) as unknown as {
      sheets: { tables: { columns: { field: string }[] }[] }[];
    };
    bad.sheets[3]!.tables[0]!.columns[2]!.field = 'nope';
    expect(() => parseLayout(bad)).toThrow(
      /sheets\.3\.tables\.0\.columns\.2\.field: unknown field "nope" for source findings/,
    );
    const twoFilters = structuredClone(defaultLayout());
    twoFilters.sheets[2]!.tables[1]!.autoFilter = true;
    expect(() => parseLayout(twoFilters)).toThrow(/at most one autoFilter/);
    expect(() => parseLayout({ ...defaultLayout(), thumbnails: { maxEmbedded: -1 } })).toThrow(/thumbnails/);
  });

  it('accepts free-form 基本信息表 fields (info.*) only for the site ledger', () => {
    const layout = structuredClone(defaultLayout());
    layout.sheets[7]!.tables[0]!.columns.push({ header: '办公地址', field: 'info.办公地址', width: 20 });
    expect(() => parseLayout(layout)).not.toThrow();
    layout.sheets[0]!.tables[0]!.columns.push({ header: '办公地址', field: 'info.办公地址', width: 20 });
    expect(() => parseLayout(layout)).toThrow(/sheets\.0/);
  });
});

describe('selectSheets', () => {
  const all = defaultLayout().sheets.map((s) => s.name);

  it('keeps the chosen sheets in the layout order, the rest of the layout untouched', () => {
    const chosen = selectSheets(defaultLayout(), ['网站基本信息表', '检查结果汇总表', '检查结果汇总表']);
    expect(chosen.sheets.map((s) => s.name)).toEqual(['检查结果汇总表', '网站基本信息表']);
    expect(chosen.thumbnails).toEqual(defaultLayout().thumbnails);
    expect(selectSheets(defaultLayout()).sheets.map((s) => s.name)).toEqual(all);
  });

  it('refuses an unknown name or an empty choice with a message for the user', () => {
    const unknown = (() => {
      try {
        selectSheets(defaultLayout(), ['检查结果汇总表', '附表9']);
      } catch (e) {
        return e;
      }
    })();
    expect(unknown).toBeInstanceOf(AppError);
    expect(unknown).toMatchObject({ code: 'bad-input', message: expect.stringContaining('附表9') });
    expect((unknown as AppError).userMessage).toContain('没有工作表“附表9”');
    expect((unknown as AppError).userMessage).toContain(all.join('、'));
    expect(() => selectSheets(defaultLayout(), [])).toThrow(AppError);
  });
});

describe('focusRegion', () => {
  it('shows the top of the page at full width without a box', () => {
    expect(focusRegion(1280, 8000, 1.44, null)).toEqual({ left: 0, top: 0, width: 1280, height: 889 });
  });

  it('centres on the box, keeps the aspect and stays inside the image', () => {
    const r = focusRegion(1280, 8000, 1.5, { x: 100, y: 7900, width: 200, height: 40 });
    expect(r.width / r.height).toBeCloseTo(1.5, 1);
    expect(r.top + r.height).toBeLessThanOrEqual(8000);
    expect(r.left).toBeGreaterThanOrEqual(0);
    expect(r.top).toBeLessThanOrEqual(7900);
    const small = focusRegion(300, 100, 1.44, null);
    expect(small.height).toBeLessThanOrEqual(100);
    expect(small.width).toBeLessThanOrEqual(300);
  });
});

describe('package entry paths', () => {
  it.each([
    ['evidence/ab/abc.jpg', true],
    ['report.xlsx', true],
    ['evidence/', true],
    ['../evil.txt', false],
    ['evidence/../../evil', false],
    ['/etc/passwd', false],
    ['C:/Windows/evil.dll', false],
    ['evidence\\..\\evil', false],
    ['evidence//x', false],
    ['./x', false],
    ['', false],
  ])('%j safe: %s', (name, safe) => {
    expect(isSafeEntryPath(name)).toBe(safe);
  });
});

describe('formatting', () => {
  it('shows instants in Asia/Shanghai whatever the machine timezone', () => {
    expect(shanghaiDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(shanghaiDateTime('2026-12-01T02:00:05Z', true)).toBe('2026-12-01 10:00:05');
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
    expect(chineseDate('2026-12-31T16:30:00Z')).toBe('2027年1月1日');
  });

  it('agrees with the time zone database on every kind of instant, before and after 1992', () => {
    const zone = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    const instants = [
      '1988-06-01T12:00:00Z', // China's daylight saving years (1986–1991): UTC+9 in summer
      '1991-09-14T17:30:00Z',
      '1991-12-31T16:00:00Z',
      '2000-02-29T15:59:59Z',
      '2024-02-28T16:00:00Z',
      '2026-12-31T23:59:59.999Z',
      '2099-06-30T08:00:00+08:00',
    ];
    for (let t = Date.UTC(1985, 0, 1); t < Date.UTC(2040, 0, 1); t += 97 * 86_400_000 + 3_601_000)
      instants.push(new Date(t).toISOString());
    for (const iso of instants)
      expect(shanghaiDateTime(iso, true), iso).toBe(zone.format(new Date(iso)).replace(/\//g, '-'));
    expect(shanghaiDateTime('not a date')).toBe('not a date');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;',
    );
  });
});
