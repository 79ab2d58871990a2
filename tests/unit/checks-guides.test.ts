import { describe, expect, test } from 'vitest';
import type { LinkResult } from '../../src/main/artifacts.js';
import {
  checkGuideAttachments,
  checkGuideElements,
  isGuidePage,
  missingGuideElements,
} from '../../src/main/checks/guides/guides.js';
import { context, lexicons, page, samplePage, site } from './checks-content-fixtures.js';

const rules = () => lexicons().guideElements;

// No 办事指南 page is among the samples (samples/README "Types not found"); this one follows the layout
// of the provincial 政务服务网 guides: labelled sections, synonyms such as 法律依据 / 承诺时限 / 咨询电话.
const GUIDE_TEXT = `事项名称：个体工商户设立登记
法律依据：《促进个体工商户发展条例》第八条
受理条件：有经营能力的公民
申请材料：1. 个体工商户登记（备案）申请书 原件1份；2. 经营者身份证明 复印件1份
办理地点：示例县政务服务中心一楼市场监管窗口
实施机构：示例县市场监督管理局
是否收费：不收费
承诺时限：1个工作日
咨询电话：0795-1234567`;

function result(url: string, outcome: LinkResult['outcome'], extra: Partial<LinkResult> = {}): LinkResult {
  return {
    url,
    outcome,
    status: 200,
    finalUrl: url,
    redirects: [],
    contentType: 'application/octet-stream',
    contentLength: 2048,
    durationMs: 12,
    error: null,
    checkedAt: '2025-06-30T00:00:00Z',
    via: 'http',
    attempts: 1,
    ...extra,
  };
}

describe('办事指南 elements', () => {
  const guide = page({
    url: 'https://x.gov.cn/bszn/1.html',
    title: '个体工商户设立登记办事指南',
    text: GUIDE_TEXT,
    links: [
      {
        url: 'https://x.gov.cn/files/sqs.docx',
        tag: 'a',
        text: '申请书（空表）',
        box: { x: 1, y: 2, width: 3, height: 4 },
      },
      { url: 'https://x.gov.cn/files/yb.xlsx', tag: 'a', text: '样表', box: null },
      { url: 'https://x.gov.cn/files/cl.doc', tag: 'a', text: '材料清单', box: null },
      { url: 'https://x.gov.cn/files/lct.pdf', tag: 'a', text: '流程图', box: null },
      { url: 'https://x.gov.cn/bszn/2.html', tag: 'a', text: '下一条', box: null },
    ],
  });

  test('synonyms count; the missing element is named', () => {
    expect(missingGuideElements(GUIDE_TEXT, rules())).toEqual(['办理流程']);
    expect(missingGuideElements(`${GUIDE_TEXT}\n办理流程：申请—受理—审查—决定`, rules())).toEqual([]);
  });

  test('guide-elements-missing per guide, with the count for the 4-category veto', () => {
    const sparse = page({
      url: 'https://x.gov.cn/bszn/3.html',
      title: '建设工程消防验收 服务指南',
      text: '事项名称：建设工程消防验收\n申请材料：验收申请表',
    });
    const findings = checkGuideElements(site([guide, sparse]), context());
    expect(findings.map((f) => f.detail)).toEqual([
      '办事指南“个体工商户设立登记”缺少重点要素1类：办理流程',
      '办事指南“建设工程消防验收”缺少重点要素8类：设定依据、申请条件、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程',
    ]);
    expect(findings[1].data).toMatchObject({ missingCount: 8 });
  });

  test('邯郸 政府信息公开指南 is not a 办事指南 (near miss)', () => {
    const gkzn = samplePage('pages/02_hebei_handan_zfxxgk/gkzn.html', 'http://hdzfxxgk.hd.gov.cn/gkzn.html');
    expect(gkzn.title).toContain('政府信息公开指南');
    expect(isGuidePage(gkzn, rules(), {})).toBe(false);
    expect(checkGuideElements(site([gkzn]), context())).toEqual([]);
  });

  test('attachment-broken: 404, empty, an HTML page instead of the file; a good PDF and a plain link pass', () => {
    const artifacts = site([guide], {
      links: [
        result('https://x.gov.cn/files/sqs.docx', 'http-error', { status: 404, contentType: 'text/html' }),
        result('https://x.gov.cn/files/yb.xlsx', 'empty-attachment', { contentLength: 0 }),
        result('https://x.gov.cn/files/cl.doc', 'ok', { contentType: 'text/html; charset=utf-8' }),
        result('https://x.gov.cn/files/lct.pdf', 'ok', { contentType: 'application/pdf' }),
        result('https://x.gov.cn/bszn/2.html', 'http-error', { status: 500 }),
      ],
    });
    const findings = checkGuideAttachments(artifacts, context());
    expect(findings.map((f) => f.detail)).toEqual([
      '办事指南“个体工商户设立登记”中的附件“申请书（空表）”无法下载：服务器返回 HTTP 404',
      '办事指南“个体工商户设立登记”中的附件“样表”无法下载：文件为空',
      '办事指南“个体工商户设立登记”中的附件“材料清单”无法下载：返回的是网页而不是文件',
    ]);
    expect(findings[0]).toMatchObject({
      type: 'attachment-broken',
      url: 'https://x.gov.cn/files/sqs.docx',
      pageUrl: guide.url,
    });
    expect(findings[0].box).toEqual({ x: 1, y: 2, width: 3, height: 4 });
  });
});
