// Ledger import and export against real files (exceljs workbooks, UTF-8 and GBK CSV written here) and a real
// SQLite workspace. Site names and 网站标识码 are the real ones in shared/samples/lists/site_codes_seen_in_corpus.tsv.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Site } from '../../src/shared/domain.js';
import { AppError } from '../../src/shared/errors.js';
import { exportSites, LEDGER_SHEET_NAME } from '../../src/main/ledger/exportSites.js';
import { importSites } from '../../src/main/ledger/importSites.js';
import { MAX_LEDGER_BYTES } from '../../src/main/ledger/readTable.js';
import type { SiteRecord } from '../../src/main/store/sites.js';
import { Workspace } from '../../src/main/store/workspace.js';

const REAL_SITE_LIST = path.resolve('../shared/samples/lists/gov_urls__kingking888_GovWebCrawler.csv');

let dir: string;
const open: Workspace[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
});

afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function workspace(name = 'ws'): Workspace {
  const ws = Workspace.open(path.join(dir, name));
  open.push(ws);
  return ws;
}

/** The ledger as comparable records (ids and timestamps differ between workspaces). */
function ledger(ws: Workspace): Omit<Site, 'id' | 'createdAt'>[] {
  return ws.sites.list().map(({ id: _id, createdAt: _createdAt, ...rest }) => rest);
}

interface SheetSpec {
  name: string;
  rows: ExcelJS.CellValue[][];
  state?: ExcelJS.WorksheetState;
}

async function writeXlsx(file: string, sheets: SheetSpec[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, { state: spec.state ?? 'visible' });
    spec.rows.forEach((values, i) => {
      values.forEach((value, c) => {
        if (value !== undefined) ws.getCell(i + 1, c + 1).value = value;
      });
    });
  }
  const target = path.join(dir, file);
  await wb.xlsx.writeFile(target);
  return target;
}

function writeFile(file: string, data: string | Buffer): string {
  const target = path.join(dir, file);
  fs.writeFileSync(target, data);
  return target;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('bad-input');
  return error as AppError;
}

const YICHUN: SiteRecord = { name: '中国宜春', url: 'http://www.yichun.gov.cn/', siteCode: '3609000002' };

describe('importSites', () => {
  it('imports a provincial-style workbook: title rows, shuffled columns, 序号, numbers, formulas, extra columns', async () => {
    const file = await writeXlsx('ledger.xlsx', [
      {
        name: '填报说明',
        rows: [['请按下表填写本地区政府网站基本信息。'], ['网站标识码由省级政府办公厅分配。']],
      },
      // A hidden leftover sheet with the same headers is not what the person sees, so it is not read.
      {
        name: '旧表',
        rows: [
          ['网站名称', '首页网址'],
          ['已关停网站', 'http://old.example.gov.cn'],
        ],
        state: 'hidden',
      },
      {
        name: '基本信息表',
        rows: [
          ['××县政府网站基本信息表'],
          ['填报单位：××县人民政府办公室', undefined, undefined, '填报日期：2026-10-08'],
          [
            '序号',
            '首页网址',
            '网站名称',
            '主办单位',
            '网站标识码',
            '联系电话',
            '网站类型',
            '网站负责人',
            '栏目数',
          ],
          [
            1,
            'http://www.yichun.gov.cn',
            '中国宜春',
            '宜春市人民政府办公室',
            3609000002,
            '0795-3599000',
            '门户',
            '张三',
            52,
          ],
          [
            2,
            { formula: 'LOWER("WWW.WANZAI.GOV.CN")', result: 'www.wanzai.gov.cn' },
            { richText: [{ text: '万载县' }, { text: '人民政府', font: { bold: true } }] },
            '万载县人民政府办公室',
            { formula: '"3609220011"', result: '3609220011' },
            '+86 795 8822000',
            '门户',
            undefined,
            undefined,
          ],
          [3],
          ['', '  ', ''],
          [
            4,
            { text: 'https://www.gov.cn/', hyperlink: 'https://www.gov.cn/' },
            '中国政府网',
            '国务院办公厅',
            'BM01000001',
          ],
        ],
      },
    ]);
    const ws = workspace();
    const report = await importSites(ws, file);
    expect(report).toMatchObject({ imported: 3, errors: [] });
    expect(ledger(ws)).toEqual([
      {
        name: '中国宜春',
        url: 'http://www.yichun.gov.cn/',
        siteCode: '3609000002',
        sponsor: '宜春市人民政府办公室',
        supervisor: null,
        siteType: '门户',
        info: { 联系电话: '0795-3599000', 负责人: '张三', 栏目数: '52' },
        noPublicService: false,
      },
      {
        name: '万载县人民政府',
        url: 'http://www.wanzai.gov.cn/',
        siteCode: '3609220011',
        sponsor: '万载县人民政府办公室',
        supervisor: null,
        siteType: '门户',
        info: { 联系电话: '+86 795 8822000' },
        noPublicService: false,
      },
      {
        name: '中国政府网',
        url: 'https://www.gov.cn/',
        siteCode: 'bm01000001',
        sponsor: '国务院办公厅',
        supervisor: null,
        siteType: null,
        info: {},
        noPublicService: false,
      },
    ]);

    // Importing the same list again updates, never duplicates.
    expect(await importSites(ws, file)).toMatchObject({ imported: 3, errors: [] });
    expect(ws.sites.list()).toHaveLength(3);
  });

  it('lists every problem of a malformed sheet by row and column, and leaves the ledger unchanged', async () => {
    const ws = workspace();
    ws.sites.upsert(YICHUN);
    const before = ledger(ws);
    const file = await writeXlsx('bad.xlsx', [
      {
        name: 'Sheet1',
        rows: [
          ['网站名称', '首页网址', '网站标识码', '提供公共服务'],
          ['A县人民政府', 'http://www.a.gov.cn', '3609000101', '是'],
          ['B县人民政府', 'http://', '3609000102'],
          ['C县人民政府', 'javascript:alert(1)', '3609000103'],
          ['D县人民政府', 'http://www.d.gov.cn', '3609000101'],
          ['', '', ''],
          ['E县人民政府', 'http://www.e.gov.cn', '36090001'],
          ['A县人民政府（新）', 'HTTPS://WWW.A.GOV.CN/', ''],
          ['F县人民政府', 'http://www.f.gov.cn', '3609000002'],
          ['', 'http://www.g.gov.cn'],
          ['H县人民政府', 'data:text/html,<script>alert(1)</script>'],
          ['I县人民政府', 'http://www.i.gov.cn', '', '也许'],
        ],
      },
    ]);
    const report = await importSites(ws, file);
    expect(report.imported).toBe(0);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '首页网址'],
      [4, '首页网址'],
      [5, '网站标识码'],
      [7, '网站标识码'],
      [8, '首页网址'],
      [9, '网站标识码'],
      [10, '网站名称'],
      [11, '首页网址'],
      [12, '提供公共服务'],
    ]);
    const messages = report.errors.map((e) => e.message);
    expect(messages[0]).toContain('格式不正确');
    expect(messages[1]).toContain('不允许的协议“javascript:”');
    expect(messages[2]).toBe('网站标识码 3609000101 与第 2 行重复，一个标识码只属于一个网站');
    expect(messages[3]).toContain('格式不正确');
    expect(messages[4]).toContain('与第 2 行重复');
    expect(messages[5]).toContain('已属于“中国宜春”（http://www.yichun.gov.cn/）');
    expect(messages[6]).toBe('网站名称为空');
    expect(messages[7]).toContain('不允许的协议“data:”');
    expect(messages[8]).toContain('请填写“是”或“否”');
    expect(ledger(ws)).toEqual(before);
  });

  it('reports a missing 首页网址 column at the header row', async () => {
    const ws = workspace();
    const file = await writeXlsx('nourl.xlsx', [
      {
        name: '基本信息',
        rows: [['政府网站基本信息表'], ['网站名称', '主办单位'], ['中国宜春', '宜春市人民政府办公室']],
      },
    ]);
    const report = await importSites(ws, file);
    expect(report.imported).toBe(0);
    expect(report.errors).toEqual([
      {
        row: 2,
        column: '首页网址',
        message: '表头中缺少“首页网址”列（也可写作“网址”、“网站地址”、“网站网址”）',
      },
    ]);
    expect(ws.sites.list()).toEqual([]);
  });

  it('normalises full-width, ideographic-dot, scheme-less and IDN home pages', async () => {
    const ws = workspace();
    const file = writeFile(
      'urls.csv',
      [
        '网站名称,网址',
        '万载县人民政府,ｈｔｔｐ：／／ｗｗｗ．ｗａｎｚａｉ．ｇｏｖ．ｃｎ／',
        '邯郸市人民政府,www。hd。gov。cn',
        '示例中文域名,http://政府.中国',
        '山西省人民政府, www.shanxi.gov.cn:8080/index.html ',
      ].join('\n'),
    );
    expect(await importSites(ws, file)).toMatchObject({ imported: 4, errors: [] });
    expect(ws.sites.list().map((s) => s.url)).toEqual([
      'http://www.wanzai.gov.cn/',
      'http://www.hd.gov.cn/',
      'http://xn--mxtq1m.xn--fiqs8s/',
      'http://www.shanxi.gov.cn:8080/index.html',
    ]);
  });

  it('reads GBK and UTF-8 (BOM) CSV alike, with quoted fields', async () => {
    const text = [
      '序号,网站名称,网站标识码,首页网址,主办单位,主管单位,ICP备案号,公安机关备案号',
      '1,中国宜春,3609000002,http://www.yichun.gov.cn,宜春市人民政府办公室,宜春市人民政府,赣ICP备05004315号,赣公网安备 36090202000102号',
      '2,"万载县人民政府","3609220011","http://www.wanzai.gov.cn","万载县人民政府办公室","万载县人民政府",,',
      ',,,,,,,',
    ].join('\r\n');
    const gbk = workspace('gbk');
    const utf8 = workspace('utf8');
    const gbkFile = writeFile('gbk.csv', iconv.encode(text, 'gbk'));
    const utf8File = writeFile(
      'utf8.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    );
    expect(await importSites(gbk, gbkFile)).toMatchObject({ imported: 2, errors: [] });
    expect(await importSites(utf8, utf8File)).toMatchObject({ imported: 2, errors: [] });
    expect(ledger(gbk)).toEqual(ledger(utf8));
    expect(gbk.sites.list()[0]).toMatchObject({
      name: '中国宜春',
      supervisor: '宜春市人民政府',
      info: { ICP备案号: '赣ICP备05004315号', 公安机关备案号: '赣公网安备 36090202000102号' },
    });
  });

  it('reports the duplicates of a real site list by row and imports nothing', async () => {
    // kingking888/GovWebCrawler data/gov_urls.csv: 2,605 rows for 2,305 distinct sites, one row without a name.
    const ws = workspace();
    const report = await importSites(ws, REAL_SITE_LIST);
    expect(report.imported).toBe(0);
    const duplicates = report.errors.filter((e) => e.message.includes('重复'));
    expect(duplicates).toHaveLength(300);
    // Rows 46 and 47 are both 广元市利州区人民政府, http://www.lzq.gov.cn.
    expect(duplicates[0]).toEqual({
      row: 47,
      column: 'index_url',
      message: '首页网址与第 46 行重复（http://www.lzq.gov.cn/），同一网站只能出现一次',
    });
    expect(report.errors.filter((e) => !e.message.includes('重复'))).toEqual([
      { row: 2569, column: 'site_name', message: '网站名称为空' },
    ]);
    expect(ws.sites.list()).toEqual([]);
  });
});

describe('files that are not a site list', () => {
  it('rejects a file over 20 MB before reading it', async () => {
    const ws = workspace();
    const file = path.join(dir, 'huge.xlsx');
    fs.writeFileSync(file, 'PK\u0003\u0004');
    fs.truncateSync(file, MAX_LEDGER_BYTES + 1); // sparse: no 20 MB written to disk
    const started = performance.now();
    const error = await rejection(importSites(ws, file));
    expect(performance.now() - started).toBeLessThan(200);
    expect(error.userMessage).toContain('超过 20 MB 的上限');
    expect(ws.sites.list()).toEqual([]);
  });

  it('rejects a text file renamed .xlsx, a PDF renamed .csv, an empty file and other extensions', async () => {
    const ws = workspace();
    const renamedText = writeFile('list.xlsx', '网站名称,首页网址\n中国宜春,http://www.yichun.gov.cn\n');
    expect((await rejection(importSites(ws, renamedText))).userMessage).toContain('内容不是 Excel 工作簿');
    const renamedPdf = writeFile(
      'list.csv',
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 0xff])]),
    );
    expect((await rejection(importSites(ws, renamedPdf))).userMessage).toContain('内容是PDF 文件');
    expect((await rejection(importSites(ws, writeFile('empty.csv', '')))).userMessage).toContain('空文件');
    expect((await rejection(importSites(ws, writeFile('list.txt', 'x')))).userMessage).toContain(
      '不是 .xlsx 或 .csv',
    );
    expect((await rejection(importSites(ws, writeFile('old.xls', 'x')))).userMessage).toContain(
      '另存为 .xlsx',
    );
    const zip = writeFile(
      'notabook.xlsx',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 7)]),
    );
    expect((await rejection(importSites(ws, zip))).userMessage).toContain('无法读取 Excel 工作簿');
    expect(ws.sites.list()).toEqual([]);
  });

  it('rejects a workbook where no sheet has the ledger headers, naming the sheets', async () => {
    const ws = workspace();
    const file = await writeXlsx('wrong.xlsx', [
      {
        name: '栏目清单',
        rows: [
          ['序号', '栏目名称', '类别'],
          [1, '通知公告', '通知公告'],
        ],
      },
      { name: '说明', rows: [['本表用于填报栏目']] },
    ]);
    const error = await rejection(importSites(ws, file));
    expect(error.userMessage).toContain(
      '工作表 “栏目清单”、“说明” 的前 10 行都没有 “网站名称”、“首页网址” 等表头',
    );
  });

  it('rejects a sheet with a header and no data', async () => {
    const ws = workspace();
    const file = writeFile('header-only.csv', '网站名称,首页网址\r\n,\r\n');
    expect((await rejection(importSites(ws, file))).userMessage).toContain('只有表头');
  });
});

describe('exportSites', () => {
  const records: SiteRecord[] = [
    {
      ...YICHUN,
      sponsor: '宜春市人民政府办公室',
      supervisor: '宜春市人民政府',
      siteType: '门户',
      info: {
        负责人: '张三',
        联系电话: '+86 795 3599000',
        ICP备案号: '赣ICP备05004315号',
        栏目数: '52',
        '联系电话(2)': '0795-1234567',
        备注: '第一行\n第二行, "引号"',
      },
    },
    // A name taken from an audited page: must arrive as inert text, and come back unchanged.
    {
      name: '=HYPERLINK("http://evil/","x")',
      url: 'https://www.gov.cn/',
      siteCode: 'bm01000001',
      noPublicService: true,
    },
    {
      name: '@SUM(1+1)',
      url: 'http://xn--mxtq1m.xn--fiqs8s/',
      siteCode: 'N000000672',
      info: { 自定义: '-1' },
    },
  ];

  async function roundTrip(ext: 'xlsx' | 'csv'): Promise<string> {
    const source = workspace('source');
    source.tx(() => records.forEach((r) => source.sites.upsert(r)));
    const file = path.join(dir, `ledger.${ext}`);
    expect(await exportSites(source, file)).toEqual({ file, exported: 3 });
    const target = workspace('target');
    expect(await importSites(target, file)).toMatchObject({ imported: 3, errors: [] });
    expect(ledger(target)).toEqual(ledger(source));
    return file;
  }

  it('round-trips through .xlsx: title row, frozen header, no formula cell', async () => {
    const file = await roundTrip('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet(LEDGER_SHEET_NAME)!;
    expect(sheet.getCell('A1').value).toBe('政府网站基本信息表');
    expect(sheet.getRow(2).values).toEqual(
      expect.arrayContaining(['序号', '网站名称', '网站标识码', '首页网址', '栏目数']),
    );
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getColumn(2).width).toBe(28);
    let formulas = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => (formulas += cell.type === ExcelJS.ValueType.Formula ? 1 : 0)),
    );
    expect(formulas).toBe(0);
    expect(sheet.getCell('B4').value).toBe(`'=HYPERLINK("http://evil/","x")`);
  });

  it('round-trips through .csv with a UTF-8 BOM and neutralised cells', async () => {
    const file = await roundTrip('csv');
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil/"",""x"")"`);
    expect(text).toContain(`'@SUM(1+1)`);
    expect(text).not.toMatch(/(^|,)[=+@-]/m);
  });

  it('refuses other extensions', async () => {
    await rejection(exportSites(workspace(), path.join(dir, 'ledger.pdf')));
  });
});
