// The holiday calendar kept in the app: years typed or imported are stored in the workspace, checked in
// plain Chinese, and merged over the bundled notices into the calendar the scoring uses.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { workspaceCalendar } from '../../src/main/resources/checkEnvironment.js';
import { addWorkingDays, isWorkingDay } from '../../src/main/scoring/workCalendar.js';
import { parseCalendarText } from '../../src/main/service/calendar.js';
import { Workspace } from '../../src/main/store/workspace.js';
import { RESOURCES, throwAwayEngines } from '../support/engine.js';

const NOTICE_2027 = '国务院办公厅关于2027年部分节假日安排的通知';
const { tempDir, engine } = throwAwayEngines('service-calendar-');

/** The calendar finalizeSite hands the scoring, read from the same workspace folder. */
function engineCalendar(dir: string) {
  const ws = Workspace.open(dir);
  try {
    return workspaceCalendar(ws, RESOURCES);
  } finally {
    ws.close();
  }
}

describe('holiday calendar through the engine service', () => {
  it('lists the bundled years, oldest first', async () => {
    const call = await engine(tempDir());
    const years = await call('getCalendar', {});
    expect(years.map((y) => y.year)).toEqual(['2023', '2024', '2025', '2026']);
    expect(years.every((y) => y.source === 'bundled' && y.holidays.length > 0)).toBe(true);
  });

  it('adds a year the scoring then uses for its working days', async () => {
    const dir = tempDir();
    const call = await engine(dir);
    // Without a 2027 notice, Friday 1 January 2027 is a working day.
    expect(addWorkingDays('2026-12-31', 1, engineCalendar(dir))).toBe('2027-01-01');
    const years = await call('saveCalendarYear', {
      year: '2027',
      notice: NOTICE_2027,
      holidays: ['2027-01-02', '2027-01-01', '2027-01-01', '2027-01-03'],
      workdays: ['2027-02-20'],
    });
    expect(years.find((y) => y.year === '2027')).toEqual({
      year: '2027',
      notice: NOTICE_2027,
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      workdays: ['2027-02-20'],
      source: 'workspace',
      replacesBundled: false,
    });
    const calendar = engineCalendar(dir);
    expect(addWorkingDays('2026-12-31', 1, calendar)).toBe('2027-01-04');
    expect(isWorkingDay('2027-02-20', calendar)).toBe(true);
    expect(calendar.years).toContain(2027);
  });

  it('replaces a bundled year while entered, and the bundled one applies again once removed', async () => {
    const dir = tempDir();
    const call = await engine(dir);
    const bundled = (await call('getCalendar', {})).find((y) => y.year === '2026')!;
    expect(isWorkingDay('2026-01-01', engineCalendar(dir))).toBe(false);
    const edited = await call('saveCalendarYear', {
      year: '2026',
      notice: '更正',
      holidays: ['2026-01-02'],
      workdays: [],
    });
    expect(edited.find((y) => y.year === '2026')).toMatchObject({
      source: 'workspace',
      replacesBundled: true,
    });
    expect(isWorkingDay('2026-01-01', engineCalendar(dir))).toBe(true);
    const reverted = await call('removeCalendarYear', { year: '2026' });
    expect(reverted.find((y) => y.year === '2026')).toEqual(bundled);
    expect(isWorkingDay('2026-01-01', engineCalendar(dir))).toBe(false);
    await expect(call('removeCalendarYear', { year: '2026' })).rejects.toMatchObject({
      userMessage: expect.stringContaining('程序自带的年份不能删除'),
    });
  });

  it.each([
    [{ holidays: ['2028-01-01'], workdays: [] }, '不在 2027 年内'],
    [{ holidays: ['2027-02-30'], workdays: [] }, '不是有效日期'],
    [{ holidays: ['2027-02-20'], workdays: ['2027-02-20'] }, '同时列为放假和调休上班'],
    [{ holidays: ['2027-01-01'], workdays: ['2027-02-09'] }, '是星期二，本来就是工作日'],
    [{ holidays: [], workdays: ['2027-02-20'] }, '至少要有一个放假日期'],
  ])('refuses a wrong year in plain Chinese and stores nothing (%j)', async (days, message) => {
    const dir = tempDir();
    const call = await engine(dir);
    await expect(
      call('saveCalendarYear', { year: '2027', notice: NOTICE_2027, ...days }),
    ).rejects.toMatchObject({
      code: 'bad-input',
      userMessage: expect.stringContaining(message),
    });
    expect((await call('getCalendar', {})).some((y) => y.year === '2027')).toBe(false);
  });

  it('imports a GBK CSV saved from Excel, naming its notice', async () => {
    const dir = tempDir();
    const call = await engine(dir);
    const file = path.join(dir, '2027年节假日.csv');
    const text = [
      '日期,类型',
      `通知,${NOTICE_2027}（国办发明电〔2026〕9号）`,
      '2027-01-01,放假',
      '2027/2/20,上班',
    ];
    fs.writeFileSync(file, iconv.encode(text.join('\r\n'), 'gbk'));
    const years = await call('importCalendar', { file });
    expect(years.find((y) => y.year === '2027')).toMatchObject({
      notice: `${NOTICE_2027}（国办发明电〔2026〕9号）`,
      holidays: ['2027-01-01'],
      workdays: ['2027-02-20'],
      source: 'workspace',
    });
    expect(isWorkingDay('2027-01-01', engineCalendar(dir))).toBe(false);
  });

  it('refuses a file that is not text', async () => {
    const dir = tempDir();
    const call = await engine(dir);
    const file = path.join(dir, '节假日.csv');
    fs.writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    await expect(call('importCalendar', { file })).rejects.toMatchObject({
      userMessage: expect.stringContaining('不是文本文件'),
    });
  });
});

describe('parseCalendarText', () => {
  it('reads one day a line in the forms people type, grouped by year', () => {
    const text = [
      '# 2027 与 2028 年元旦',
      '2027-01-01 放假',
      '2027年2月20日，上班',
      '',
      '2028-01-01\t休',
      '2028.1.2,"放假"',
    ].join('\n');
    expect(parseCalendarText(text, '从文件导入')).toEqual([
      { year: '2027', notice: '从文件导入', holidays: ['2027-01-01'], workdays: ['2027-02-20'] },
      { year: '2028', notice: '从文件导入', holidays: ['2028-01-01', '2028-01-02'], workdays: [] },
    ]);
  });

  it('names the line it cannot read', () => {
    expect(() => parseCalendarText('2027-01-01,放假\n2027-01-02,休假日', 'x')).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('第 2 行“2027-01-02,休假日”的类型') }),
    );
    expect(() => parseCalendarText('元旦,放假', 'x')).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('第 1 行“元旦,放假”的日期无法识别') }),
    );
    expect(() => parseCalendarText('# 只有注释\n', 'x')).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('没有找到日期') }),
    );
  });
});
