// The pure pieces of the ledger import: URL normalisation, CSV records, header matching.
import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from '../../src/main/ledger/csv.js';
import { fieldForHeader } from '../../src/main/ledger/fields.js';
import { cellText } from '../../src/main/ledger/readTable.js';
import { normaliseSiteUrl } from '../../src/main/ledger/siteUrl.js';
import { mapColumns } from '../../src/main/ledger/validate.js';

describe('normaliseSiteUrl', () => {
  it.each([
    ['http://www.yichun.gov.cn', 'http://www.yichun.gov.cn/'],
    // Typed with a Chinese input method in full-width mode.
    ['ｈｔｔｐ：／／ｗｗｗ．ｗａｎｚａｉ．ｇｏｖ．ｃｎ／', 'http://www.wanzai.gov.cn/'],
    ['www。hd。gov。cn', 'http://www.hd.gov.cn/'],
    ['  www.shanxi.gov.cn  ', 'http://www.shanxi.gov.cn/'],
    ['www.gov.cn:8080/index.htm', 'http://www.gov.cn:8080/index.htm'],
    ['//www.nfra.gov.cn/', 'http://www.nfra.gov.cn/'],
    ['HTTPS://WWW.GOV.CN', 'https://www.gov.cn/'],
    ['http://政府.中国', 'http://xn--mxtq1m.xn--fiqs8s/'],
    ['http://www.a.gov.cn./', 'http://www.a.gov.cn/'],
    ['http://www.a\u200b.gov.cn', 'http://www.a.gov.cn/'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/'],
  ])('%s → %s', (raw, url) => {
    expect(normaliseSiteUrl(raw)).toEqual({ url });
  });

  it.each([
    ['javascript:alert(1)', '不允许的协议“javascript:”'],
    ['JavaScript:void(0)', '不允许的协议“javascript:”'],
    ['java\tscript:alert(1)', '不允许的协议“javascript:”'],
    ['data:text/html,<script>alert(1)</script>', '不允许的协议“data:”'],
    ['file:///C:/Windows/win.ini', '不允许的协议“file:”'],
    ['ftp://ftp.a.gov.cn/', '不允许的协议“ftp:”'],
    ['http://', '格式不正确'],
    ['http://user:pass@www.a.gov.cn/', '用户名或密码'],
    ['宜春市政府', '不完整'],
    ['', '为空'],
  ])('rejects %s', (raw, message) => {
    const result = normaliseSiteUrl(raw);
    expect('error' in result && result.error).toContain(message);
  });
});

describe('csv', () => {
  it('reads quoted fields with commas, quotes and line breaks, and CRLF or LF records', () => {
    const text =
      '网站名称,首页网址,备注\r\n"宜春市, 人民政府","http://www.yichun.gov.cn","第一行\n第二行 ""引号"""\nA,B,\n';
    expect(parseCsv(text)).toEqual([
      ['网站名称', '首页网址', '备注'],
      ['宜春市, 人民政府', 'http://www.yichun.gov.cn', '第一行\n第二行 "引号"'],
      ['A', 'B', ''],
    ]);
  });

  it('reads tab-separated text (Excel "Unicode 文本")', () => {
    expect(parseCsv('网站名称\t首页网址\nA\tB')).toEqual([
      ['网站名称', '首页网址'],
      ['A', 'B'],
    ]);
  });

  it('writes what it reads', () => {
    const records = [
      ['a', 'b,c', ' d'],
      ['"q"', 'x\r\ny', ''],
    ];
    expect(parseCsv(formatCsv(records))).toEqual(records);
  });
});

describe('headers', () => {
  it('matches synonyms, full-width forms, stars and bracketed notes', () => {
    expect(fieldForHeader('网址')?.target).toBe('url');
    expect(fieldForHeader('*首页网址（必填）')?.target).toBe('url');
    expect(fieldForHeader('网站 标识码')?.target).toBe('siteCode');
    expect(fieldForHeader('ＩＣＰ备案编号')?.header).toBe('ICP备案号');
    expect(fieldForHeader('网站类型(门户/部门)')?.target).toBe('siteType');
    // The column names of kingking888/GovWebCrawler data/gov_urls.csv (shared/samples/lists).
    expect(fieldForHeader('site_name')?.target).toBe('name');
    expect(fieldForHeader('index_url')?.target).toBe('url');
    expect(fieldForHeader('栏目数')).toBeUndefined();
  });

  it('keeps a second column for the same field, unknown and unnamed columns in info under their own names', () => {
    const columns = mapColumns(['首页网址', '网站名称', '联系电话', '电话', '联系电话', '栏目数', '']);
    expect(columns.map((c) => [c.target, c.infoKey])).toEqual([
      ['url', '首页网址'],
      ['name', '网站名称'],
      ['info', '联系电话'],
      ['info', '电话'],
      ['info', '联系电话(2)'],
      ['info', '栏目数'],
      ['info', '第7列'],
    ]);
  });
});

describe('cellText', () => {
  it('reads cells as a person sees them', () => {
    expect(cellText(3609000002)).toBe('3609000002');
    expect(cellText(new Date(Date.UTC(2026, 9, 8)))).toBe('2026-10-08');
    expect(cellText({ formula: 'A1&""', result: ' bm01000001 ' })).toBe('bm01000001');
    expect(cellText({ formula: 'A1', result: undefined })).toBe('');
    expect(cellText({ sharedFormula: 'B2', result: { error: '#N/A' } })).toBe('#N/A');
    expect(cellText({ text: '', hyperlink: 'http://www.gov.cn/' })).toBe('http://www.gov.cn/');
    expect(cellText({ richText: [{ text: '中国' }, { text: '宜春' }] })).toBe('中国宜春');
    expect(cellText(null)).toBe('');
  });
});
