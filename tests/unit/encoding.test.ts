import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalCharset, decodeBody } from '../../src/main/net/decode.js';

const html = (charsetMeta: string, body: string): string =>
  `<html><head>${charsetMeta}<title>通知公告</title></head><body>${body}</body></html>`;

describe('decodeBody', () => {
  it('uses the Content-Type charset (GBK)', () => {
    const bytes = iconv.encode(html('', '关于开展政府网站检查的通知'), 'gbk');
    const decoded = decodeBody(bytes, 'text/html; charset=GBK');
    expect(decoded.charset).toBe('gb18030');
    expect(decoded.text).toContain('关于开展政府网站检查的通知');
  });

  it('decodes a gb2312 label as its superset, so GBK-only characters survive', () => {
    // 镕 and 堃 are outside GB2312 (GBK extensions); names like 朱镕基 appear on real "gb2312" pages.
    const bytes = iconv.encode(
      html('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', '朱镕基 李堃'),
      'gbk',
    );
    const decoded = decodeBody(bytes, 'text/html');
    expect(decoded.text).toContain('朱镕基 李堃');
  });

  it('reads <meta charset> when the header has none', () => {
    const bytes = iconv.encode(html('<meta charset="gb18030">', '政务公开'), 'gb18030');
    expect(decodeBody(bytes, null).text).toContain('政务公开');
  });

  it('honours a UTF-8 BOM over a wrong header', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html('', '网站标识码'))]);
    const decoded = decodeBody(bytes, 'text/html; charset=gbk');
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toContain('网站标识码');
  });

  it('sniffs GBK without any label', () => {
    const bytes = iconv.encode(html('', '县人民政府办公室 政府信息公开年报'), 'gbk');
    expect(decodeBody(bytes, 'text/html').text).toContain('县人民政府办公室 政府信息公开年报');
  });

  it('sniffs Big5 without any label', () => {
    const bytes = iconv.encode(html('', '部門機構設置與職能說明，請點擊這裡查看詳細內容'), 'big5');
    const decoded = decodeBody(bytes, null);
    expect(decoded.charset).toBe('big5');
    expect(decoded.text).toContain('部門機構設置與職能說明');
  });

  it('keeps UTF-8 when a gb2312 meta sits deep in a UTF-8 page (real: nfra.gov.cn penalty page)', () => {
    // The saved page declares <meta charset="UTF-8"> first and carries Word-pasted gb2312 metas at ~230 KB.
    const bytes = readFileSync(
      new URL(
        '../../../shared/samples/pages/04_nfra/nfra_penalty_jfjz_2024-36_rendered.html',
        import.meta.url,
      ),
    );
    const decoded = decodeBody(bytes, null);
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toContain('<title>国家金融监督管理总局</title>');
  });

  it('decodes a page labelled gb2312 that is really UTF-8 as UTF-8', () => {
    const bytes = Buffer.from(html('<meta charset="gb2312">', '政府信息公开指南'));
    expect(decodeBody(bytes, 'text/html; charset=gb2312').text).toContain('政府信息公开指南');
  });

  it('maps labels', () => {
    expect(canonicalCharset('GB2312')).toBe('gb18030');
    expect(canonicalCharset('x-gbk')).toBe('gb18030');
    expect(canonicalCharset('BIG5')).toBe('big5');
    expect(canonicalCharset('utf8')).toBe('utf-8');
    expect(canonicalCharset('no-such-charset')).toBeNull();
  });
});
