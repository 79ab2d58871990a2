// A small, realistic ReportModel for the report tests: three county sites (a failing portal, a department
// with a fixed problem, a clean site), page-like screenshots made with sharp and stored content-addressed in a
// temporary workspace, and the hostile strings the reports must keep inert.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { FINDING_TYPE_LABELS, type EvidenceRef, type FindingType } from '../../src/shared/domain.js';
import type { ReportFinding, ReportModel, ReportProbe, ReportSite } from '../../src/main/report/model.js';

/** The formula-injection probe of the issue: a page titled like this must arrive as inert text. */
export const EVIL_TITLE = '=HYPERLINK("http://evil/","x")';
export const LONG_ERROR = '连接被重置。'.repeat(7_000); // 42,000 characters: over Excel's 32,767 cell limit
export const HTML_PROBE = '<img src=x onerror=alert(1)>';

function sha256(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

/** A page-like full-page screenshot (header, navigation, a dated list, footer) as a JPEG evidence file. */
async function screenshot(
  workspace: string,
  siteName: string,
  lines: string[],
  mark?: number,
): Promise<EvidenceRef> {
  const rows = lines
    .map(
      (l, i) =>
        `<text x="60" y="${320 + i * 44}" font-size="22" font-family="Noto Serif CJK SC">${escapeXml(l)}</text>`,
    )
    .join('');
  const box =
    mark === undefined
      ? ''
      : `<rect x="50" y="${290 + mark * 44}" width="900" height="40" fill="none" stroke="#e00" stroke-width="4"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="1400">
    <rect width="100%" height="100%" fill="#fff"/>
    <rect width="1280" height="130" fill="#b22222"/>
    <text x="60" y="85" font-size="46" fill="#fff" font-family="Noto Sans CJK SC">${escapeXml(siteName)}</text>
    <rect y="130" width="1280" height="50" fill="#8b1a1a"/>
    <text x="60" y="164" font-size="22" fill="#fff" font-family="Noto Sans CJK SC">首页\u3000政务公开\u3000通知公告\u3000政策文件\u3000政策解读\u3000办事服务\u3000政民互动</text>
    <text x="60" y="250" font-size="28" font-family="Noto Sans CJK SC">通知公告</text>
    ${rows}${box}
    <rect y="1250" width="1280" height="150" fill="#eee"/>
    <text x="60" y="1320" font-size="18" font-family="Noto Sans CJK SC">主办单位：${escapeXml(siteName)}办公室\u3000网站标识码：3609000001\u3000赣ICP备05000001号</text>
  </svg>`;
  const data = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
  const hash = sha256(data);
  const rel = `evidence/${hash.slice(0, 2)}/${hash}.jpg`;
  fs.mkdirSync(path.join(workspace, path.dirname(rel)), { recursive: true });
  fs.writeFileSync(path.join(workspace, rel), data);
  return { path: rel, sha256: hash, kind: 'screenshot' };
}

function domSnapshot(workspace: string, html: string): EvidenceRef {
  const hash = sha256(html);
  const rel = `evidence/${hash.slice(0, 2)}/${hash}.html`;
  fs.mkdirSync(path.join(workspace, path.dirname(rel)), { recursive: true });
  fs.writeFileSync(path.join(workspace, rel), html);
  return { path: rel, sha256: hash, kind: 'dom' };
}

function finding(
  siteUrl: string,
  type: FindingType,
  fields: Partial<ReportFinding> & { url: string; detail: string; indicator: string },
): ReportFinding {
  const fingerprint = sha256(`${siteUrl}|${type}|${fields.url}|${fields.detail}`);
  const shot = fields.screenshot;
  return {
    id: fingerprint.slice(0, 12),
    fingerprint,
    type,
    typeLabel: FINDING_TYPE_LABELS[type],
    pageUrl: siteUrl,
    foundAt: '2026-12-01T02:15:00Z',
    evidence: shot ? [{ path: shot.path, sha256: shot.sha256 }] : [],
    screenshotAt: shot ? '2026-12-01T02:10:00Z' : undefined,
    ...fields,
  };
}

function probes(count: number, failEvery: number): ReportProbe[] {
  const start = Date.parse('2026-11-24T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const ok = (i + 1) % failEvery !== 0;
    return {
      at: new Date(start + i * 72 * 60_000).toISOString(),
      ok,
      latencyMs: ok ? 180 + (i % 7) * 23 : null,
      status: ok ? 200 : null,
      error: ok ? null : '15秒内未能打开（timeout）',
    };
  });
}

export async function buildReportFixture(workspace: string): Promise<ReportModel> {
  fs.mkdirSync(workspace, { recursive: true });
  const portal = 'http://www.sfx.gov.cn/';
  const edu = 'http://jyj.sfx.gov.cn/';
  const audit = 'http://sjj.sfx.gov.cn/';

  const portalHome = await screenshot(
    workspace,
    '示范县人民政府',
    [
      '关于开展2026年冬季防火工作的通知\u30002026-03-20',
      '示范县2026年预算公开\u30002026-03-11',
      '图片新闻（图片无法显示）',
    ],
    2,
  );
  const noticePage = await screenshot(
    workspace,
    '示范县人民政府',
    ['通知公告栏目最新信息发布于2026-03-20', '已超过6个月未更新'],
    0,
  );
  const severePage = await screenshot(
    workspace,
    '示范县人民政府',
    ['坚持以中华人民共合国宪法为根本活动准则'],
    0,
  );
  const eduHome = await screenshot(
    workspace,
    '示范县教育局',
    ['2026年秋季学期开学工作安排\u30002026-11-28', '友情链接：市教育局'],
    1,
  );
  const dom = domSnapshot(workspace, '<html><head><title>示范县人民政府</title></head><body>…</body></html>');

  const staleNotice = finding(portal, 'column-stale', {
    url: 'http://www.sfx.gov.cn/tzgg/index.html',
    detail: '一级栏目“通知公告”最后更新于2026-03-20，已256天未更新（时限6个月）',
    indicator: '单项否决·栏目不更新',
    screenshot: noticePage,
  });
  const blank = finding(portal, 'column-blank', {
    url: 'http://www.sfx.gov.cn/zcjd/index.html',
    detail: '栏目“政策解读”为空白栏目，无任何信息',
    indicator: '单项否决·栏目不更新',
    screenshot: noticePage,
  });
  const severe = finding(portal, 'severe-error', {
    url: 'http://www.sfx.gov.cn/zwgk/202611/t20261105_1201.html',
    pageTitle: '示范县人民政府关于加强法治政府建设的实施意见',
    detail: '“中华人民共合国”应为“中华人民共和国”',
    indicator: '单项否决·严重表述错误',
    needsConfirmation: true,
    confirmed: false,
    screenshot: severePage,
    box: { x: 50, y: 290, width: 900, height: 40 },
  });
  const brokenImage = finding(portal, 'broken-link', {
    url: 'http://www.sfx.gov.cn/images/2026/banner.jpg',
    detail: `首页图片链接无法打开（HTTP 404）：${HTML_PROBE}`,
    indicator: '功能设计·可用性',
    screenshot: portalHome,
    box: { x: 50, y: 378, width: 900, height: 40 },
    rectification: {
      measure: '重新上传图片',
      owner: '张三',
      deadline: '2026-12-15',
      status: '整改中',
      recheck: '未整改',
    },
  });
  const evilPage = finding(portal, 'typo', {
    url: 'http://www.sfx.gov.cn/xwzx/202611/t20261120_1302.html',
    pageTitle: EVIL_TITLE,
    detail: '“按居乐业”应为“安居乐业”',
    indicator: '发布解读·内容准确',
    screenshot: portalHome,
    evidence: [
      { path: portalHome.path, sha256: portalHome.sha256 },
      { path: dom.path, sha256: dom.sha256 },
    ],
  });
  const identity = finding(portal, 'identity-missing', {
    url: portal,
    detail: '页面底部缺少：公安机关备案号',
    indicator: '功能设计·网站标识',
  });

  const eduBroken = finding(edu, 'broken-link', {
    url: 'http://old.sfx.gov.cn/jyzc/list.html',
    detail: '首页链接“市教育局”无法打开：域名无法解析',
    indicator: '功能设计·可用性',
    screenshot: eduHome,
    box: { x: 50, y: 334, width: 900, height: 40 },
    rectification: {
      measure: '删除失效链接',
      owner: '李四',
      deadline: '2026-12-10',
      status: '已整改',
      recheck: '已整改',
    },
  });
  const eduTags = finding(edu, 'page-tags-missing', {
    url: 'http://jyj.sfx.gov.cn/tzgg/202611/t20261128_88.html',
    detail: '内容页缺少内容标签：ArticleTitle、PubDate、ContentSource',
    indicator: '功能设计·页面标签',
    rectification: {
      measure: '模板补充页面标签',
      owner: '李四',
      deadline: '2026-12-31',
      status: '待整改',
      recheck: null,
    },
  });

  const site1: ReportSite = {
    name: '示范县人民政府',
    url: portal,
    siteCode: '3609000001',
    sponsor: '示范县人民政府办公室',
    info: {
      主管单位: '示范县人民政府办公室',
      网站类型: '政府门户网站',
      负责人: '王五',
      联系电话: '0795-1234567',
      ICP备案号: '赣ICP备05000001号',
      公安机关备案号: '',
    },
    verdict: '不合格',
    score: null,
    bonus: 0,
    vetoes: [
      {
        item: 'veto-column-stale',
        title: '栏目不更新',
        reason: '空白栏目1个；通知公告类一级栏目6个月内未更新1个（机器初判的栏目清单已确认）',
        confirmed: true,
        findings: [staleNotice.id, blank.id],
      },
      {
        item: 'veto-severe',
        title: '安全、泄密事故等严重问题',
        reason: '出现严重表述错误1处',
        confirmed: false,
        findings: [severe.id],
      },
    ],
    deductionRows: [],
    manual: [
      {
        item: 'manual-interpretation-ratio',
        title: '解读比例',
        status: '需人工核查',
        result: '',
        sample: [
          'http://www.sfx.gov.cn/zcwj/202609/t20260901_1.html',
          'http://www.sfx.gov.cn/zcwj/202610/t20261012_2.html',
        ],
        seed: 'run-20261201',
      },
    ],
    columns: [
      {
        name: '工作动态',
        url: 'http://www.sfx.gov.cn/gzdt/index.html',
        category: 'news',
        level: 1,
        latestDate: '2026-11-30',
        itemCount: 20,
        blank: false,
        stale: false,
        windowDays: 14,
        daysSinceUpdate: 1,
      },
      {
        name: '通知公告',
        url: 'http://www.sfx.gov.cn/tzgg/index.html',
        category: 'notice',
        level: 1,
        latestDate: '2026-03-20',
        itemCount: 15,
        blank: false,
        stale: true,
        windowDays: 183,
        daysSinceUpdate: 256,
      },
      {
        name: '政策解读',
        url: 'http://www.sfx.gov.cn/zcjd/index.html',
        category: 'interpretation',
        level: 1,
        latestDate: null,
        itemCount: 0,
        blank: true,
        stale: false,
        windowDays: 183,
        daysSinceUpdate: null,
      },
    ],
    availability: { probes: 30, failures: 2, failureRate: 2 / 30, insufficient: true },
    probes: probes(30, 15),
    pages: 64,
    links: { checked: 412, broken: 3, unchecked: 1 },
    linkProblems: [
      {
        url: 'http://www.sfx.gov.cn/images/2026/banner.jpg',
        outcome: 'http-error',
        status: 404,
        pageUrl: portal,
        pageTitle: '示范县人民政府',
        linkText: '图片新闻',
        error: null,
        onHome: true,
        checkedAt: '2026-12-01T02:10:00Z',
      },
      // Seen in the 邯郸 sample (samples/pages/02_hebei_handan_zfxxgk/index.html): a bare IP with an odd port.
      {
        url: 'http://222.222.245.73:99/wsbs/',
        outcome: 'dns',
        status: null,
        pageUrl: 'http://www.sfx.gov.cn/xwzx/202611/t20261120_1302.html',
        pageTitle: EVIL_TITLE,
        linkText: '@SUM(1+1)',
        error: null,
        checkedAt: '2026-12-01T02:11:00Z',
      },
      {
        url: 'http://www.sfx.gov.cn/fj/2026/预算表.xls',
        outcome: 'empty-attachment',
        status: 200,
        pageUrl: 'http://www.sfx.gov.cn/zwgk/',
        pageTitle: '政务公开\u0007',
        linkText: "+cmd|' /C calc'!A0",
        error: LONG_ERROR,
        checkedAt: '2026-12-01T02:12:00Z',
      },
      {
        url: 'http://www.gov.cn/',
        outcome: 'unchecked',
        status: 429,
        pageUrl: portal,
        pageTitle: '示范县人民政府',
        linkText: '中国政府网',
        error: '持续429，未能检查',
        onHome: true,
      },
      {
        url: 'http://www.sfx.gov.cn/',
        outcome: 'ok',
        status: 200,
        pageUrl: portal,
        pageTitle: '示范县人民政府',
        linkText: '首页',
        error: null,
      },
    ],
    findings: [staleNotice, blank, severe, brokenImage, evilPage, identity],
  };

  const site2: ReportSite = {
    name: '示范县教育局',
    url: edu,
    siteCode: '3609000002',
    sponsor: '示范县教育局',
    info: { 主管单位: '示范县人民政府', 网站类型: '部门网站', 负责人: '赵六', 联系电话: '0795-7654321' },
    verdict: '合格',
    score: 82.5,
    bonus: 0,
    vetoes: [],
    deductionRows: [
      {
        item: 'usability',
        group: '功能设计',
        title: '可用性',
        rule: '首页上的链接打不开或错误的，每发现一处，扣0.2分',
        points: 0.2,
        cap: 1,
        count: 1,
        findings: [eduBroken.id],
      },
      {
        item: 'page-tags',
        group: '功能设计',
        title: '页面标签',
        rule: '随机抽查5个内容页面，无站点标签或内容标签的，每个扣0.1分',
        points: 0.1,
        cap: 1,
        count: 1,
        findings: [eduTags.id],
      },
      {
        item: 'interpretation-ratio',
        group: '发布解读',
        title: '解读比例',
        rule: '被解读的文件数量每少一个，扣1分',
        points: 2,
        cap: 3,
        count: 2,
        findings: [],
      },
    ],
    manual: [
      {
        item: 'interpretation-ratio',
        title: '解读比例',
        status: '已核查',
        result: '抽查3个文件，1个有解读',
        points: 2,
      },
    ],
    columns: [
      {
        name: '教育动态',
        url: 'http://jyj.sfx.gov.cn/jydt/index.html',
        category: 'news',
        level: 1,
        latestDate: '2026-11-28',
        itemCount: 18,
        blank: false,
        stale: false,
        windowDays: 14,
        daysSinceUpdate: 3,
      },
    ],
    availability: { probes: 140, failures: 0, failureRate: 0, insufficient: false },
    probes: probes(6, 100),
    pages: 41,
    links: { checked: 230, broken: 1, unchecked: 0 },
    linkProblems: [
      {
        url: 'http://old.sfx.gov.cn/jyzc/list.html',
        outcome: 'dns',
        status: null,
        pageUrl: edu,
        pageTitle: '示范县教育局',
        linkText: '市教育局',
        error: 'ENOTFOUND',
        onHome: true,
      },
    ],
    findings: [eduBroken, eduTags],
  };

  const site3: ReportSite = {
    name: '示范县审计局',
    url: audit,
    siteCode: '3609000003',
    sponsor: '示范县审计局',
    info: { 主管单位: '示范县人民政府', 网站类型: '部门网站' },
    verdict: '合格',
    score: 100,
    bonus: 0,
    vetoes: [],
    deductionRows: [],
    manual: [],
    columns: [],
    availability: { probes: 140, failures: 0, failureRate: 0, insufficient: false },
    probes: [],
    pages: 38,
    links: { checked: 190, broken: 0, unchecked: 0 },
    linkProblems: [],
    findings: [],
  };

  return {
    title: '示范县政府网站检查情况及整改台账（2026年第四季度）',
    recipient: '市人民政府办公室',
    unit: '示范县人民政府办公室',
    date: '2026-12-20',
    run: {
      id: 'run-20261201-0001',
      startedAt: '2026-12-01T02:00:00Z',
      finishedAt: '2026-12-01T02:40:00Z',
      asOf: '2026-12-01',
      rulePack: 'inspection-2019',
      rulePackVersion: '2019.1',
      status: 'done',
      options: {},
      vantage: { offline: true, mapHost: {}, proxy: null, caFile: null, browser: 'chromium' },
    },
    workspaceDir: workspace,
    chainHead: sha256('chain-head-fixture'),
    chainEntries: [
      {
        seq: 1,
        kind: 'evidence',
        ref: portalHome.path,
        payloadHash: portalHome.sha256,
        hash: sha256('chain-head-fixture'),
      },
    ],
    evidenceFiles: [dom],
    rulePack: {
      id: 'inspection-2019',
      version: '2019.1',
      title: '政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）',
      itemStatus: { 'veto-column-stale': 'VERIFIED-VENDOR', 'interpretation-ratio': 'PARTIAL' },
    },
    sites: [site1, site2, site3],
  };
}
