// The e2e screens are scanned for text a user must never read; the scanner itself must catch it.
import { describe, expect, it } from 'vitest';
import { untranslatedText } from '../e2e/harness.js';

describe('untranslated-text scan', () => {
  it('passes Chinese with machine text (addresses, paths, hashes, pack ids, acronyms)', () => {
    const text = [
      '问题地址 http://www.sfx.gov.cn/xxgk/ndbg/index.html 所在页面',
      '导出到 D:\\检查报告\\report.xlsx 和 /tmp/导出/package.zip',
      'SHA-256：3f2a9c0d4e5b6a7f8e9d0c1b2a3f4e5d 与入库记录一致',
      '规则 inspection-2019（2019.1） HTTP状态码 404，已找到 Chromium 浏览器',
      '已找到浏览器：/usr/bin/chromium；页面链接“报名表.pdf”无法正常访问',
    ].join('\n');
    expect(untranslatedText(text)).toEqual([]);
  });

  it('catches placeholders, leaked values and English-only labels', () => {
    expect(untranslatedText('得分 NaN 分')).toContain('placeholder /\\bNaN\\b/');
    expect(untranslatedText('核查人：undefined')).toContain('placeholder /\\bundefined\\b/');
    expect(untranslatedText('责任人 null')).toContain('placeholder /\\bnull\\b/');
    expect(untranslatedText('TODO 补充说明')).toContain('placeholder /\\bTODO\\b/i');
    expect(untranslatedText('Lorem ipsum')).toContain('placeholder /lorem/i');
    expect(untranslatedText('Save 设置')).toEqual(['English word "Save"']);
    expect(untranslatedText('Loading…')).toEqual(['English word "Loading"']);
  });
});
