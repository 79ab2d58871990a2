// The written report (整改情况报告) as a list of blocks. The .docx and the PDF both render these same blocks,
// so the two forms never say different things.
import path from 'node:path';
import type { Box, FindingType } from '../../shared/domain.js';
import { evidenceFilesOf } from './evidence-list.js';
import { chineseDate, percent, shanghaiDateTime, totalScore, verificationNote } from './format.js';
import type { Layout } from './layout.js';
import type { ReportFinding, ReportModel, ReportSite } from './model.js';
import { orderedFindings } from './sheet-rows.js';

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'recipient'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[] }
  | { kind: 'figure'; file: string; box: Box | null; caption: string }
  /** Machine text shown as is (a hash, a URL): small, never justified. */
  | { kind: 'literal'; text: string; align: 'left' | 'center' }
  | { kind: 'signature'; unit: string; date: string };

export interface ReportDocument {
  title: string;
  blocks: Block[];
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function siteConclusion(site: ReportSite): string {
  const vetoTitles = site.vetoes.map((v) => `“${v.title}”`).join('、');
  if (site.vetoes.length > 0) {
    const pending = site.verdict === '待确认' ? '，相关问题为机器初判，待人工确认后定论' : '，判定为不合格';
    return `触发单项否决指标${vetoTitles}${pending}`;
  }
  const score = totalScore(site.score, site.bonus);
  return `得分${score ?? '—'}分${site.bonus ? `（含加分${site.bonus}分）` : ''}，判定为${site.verdict}`;
}

function siteFacts(site: ReportSite): string {
  const a = site.availability;
  const availability =
    a.probes === 0
      ? '首页连通性未监测'
      : `首页不连通率${percent(a.failureRate)}${a.insufficient ? '（监测不足）' : ''}`;
  const blank = site.columns.filter((c) => c.blank).length;
  const stale = site.columns.filter((c) => c.stale).length;
  return `${availability}，死链${site.links.broken}个，空白栏目${blank}个，不更新栏目${stale}个，共发现问题${site.findings.length}个`;
}

function typeCounts(model: ReportModel): string {
  const counts = new Map<string, number>();
  for (const { finding } of orderedFindings(model))
    counts.set(finding.typeLabel, (counts.get(finding.typeLabel) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${label}${n}个`)
    .join('，');
}

/** Problems shown with their screenshot: those behind a veto first, then severe types, then the rest. */
function mainProblems(model: ReportModel, severe: FindingType[], limit: number) {
  const vetoed = new Set(model.sites.flatMap((s) => s.vetoes.flatMap((v) => v.findings)));
  const rank = (f: ReportFinding) => (vetoed.has(f.id) ? 0 : severe.includes(f.type) ? 1 : 2);
  return orderedFindings(model)
    .filter((o) => o.finding.screenshot)
    .sort((a, b) => rank(a.finding) - rank(b.finding) || a.seq - b.seq)
    .slice(0, limit);
}

function isResolved(f: ReportFinding): boolean {
  return f.rectification?.recheck === '已整改' || f.rectification?.status === '已整改';
}

function rectificationSummary(model: ReportModel): string {
  const all = orderedFindings(model).map((o) => o.finding);
  const count = (pred: (f: ReportFinding) => boolean) => all.filter(pred).length;
  const status = (s: string) => count((f) => (f.rectification?.status ?? '待整改') === s);
  const recheck = (r: string | null) => count((f) => (f.rectification?.recheck ?? null) === r);
  return (
    `截至${chineseDate(model.date)}，共有问题${all.length}个，其中已整改${status('已整改')}个、整改中${status('整改中')}个、` +
    `待整改${status('待整改')}个、无需整改${status('无需整改')}个。复查结果：已整改${recheck('已整改')}个，` +
    `未整改${recheck('未整改')}个，新增${recheck('新增')}个，尚未复查${recheck(null)}个。`
  );
}

export function buildReportDocument(model: ReportModel, layout: Layout): ReportDocument {
  const doc = layout.document;
  const title = model.reportTitle ?? '关于政府网站检查及整改情况的报告';
  const sites = model.sites;
  const verdictCount = (v: string) => sites.filter((s) => s.verdict === v).length;
  const findings = orderedFindings(model);
  const blocks: Block[] = [{ kind: 'title', text: title }];
  if (model.recipient) blocks.push({ kind: 'recipient', text: `${model.recipient}：` });
  blocks.push({
    kind: 'paragraph',
    text:
      `按照《${model.rulePack.title}》（版本${model.rulePack.version}）要求，${model.unit}于${chineseDate(model.run.asOf)}` +
      `对${sites.length}个政府网站开展了检查。现将检查及整改情况报告如下。`,
  });

  let section = 0;
  const heading = (text: string) =>
    blocks.push({ kind: 'heading', text: `${CHINESE_ORDINALS[section++] ?? section}、${text}` });

  heading('总体情况');
  blocks.push({
    kind: 'paragraph',
    text:
      `本次共检查政府网站${sites.length}个，合格${verdictCount('合格')}个，不合格${verdictCount('不合格')}个，` +
      `待确认${verdictCount('待确认')}个，合格率${sites.length ? percent(verdictCount('合格') / sites.length, 1) : '—'}。` +
      `共发现问题${findings.length}个${findings.length ? `，其中${typeCounts(model)}` : ''}。`,
  });
  blocks.push({
    kind: 'table',
    header: ['序号', '网站名称', '网站标识码', '得分', '单项否决', '结论', '问题数'],
    widths: [6, 26, 20, 10, 12, 10, 10],
    rows: sites.map((s, i) => [
      String(i + 1),
      s.name,
      s.siteCode ?? '—',
      String(totalScore(s.score, s.bonus) ?? '—'),
      s.vetoes.length ? '是' : '否',
      s.verdict,
      String(s.findings.length),
    ]),
  });
  sites.forEach((s, i) =>
    blocks.push({ kind: 'paragraph', text: `${i + 1}. ${s.name}：${siteConclusion(s)}。${siteFacts(s)}。` }),
  );

  heading('单项否决情况');
  const vetoes = sites.flatMap((s) => s.vetoes.map((v) => ({ site: s, veto: v })));
  if (vetoes.length === 0) blocks.push({ kind: 'paragraph', text: '本次检查未发现单项否决情形。' });
  vetoes.forEach(({ site, veto }, i) =>
    blocks.push({
      kind: 'paragraph',
      text:
        `${i + 1}. ${site.name}：${veto.title}${verificationNote(model.rulePack.itemStatus[veto.item])}。${veto.reason}` +
        `${veto.confirmed ? '（已人工确认）' : '（机器初判，待人工确认）'}`,
    }),
  );

  heading('主要问题');
  const shown = mainProblems(model, layout.findingGroups.severe, doc.maxFigures);
  if (shown.length === 0) blocks.push({ kind: 'paragraph', text: '本次检查未发现需附截图说明的问题。' });
  shown.forEach(({ site, finding, seq }, i) => {
    blocks.push({
      kind: 'paragraph',
      text: `${i + 1}. ${site.name}——${finding.typeLabel}（问题清单第${seq}项）：${finding.detail}。`,
    });
    blocks.push({ kind: 'literal', text: `问题网址：${finding.url}`, align: 'left' });
    const shot = finding.screenshot!;
    blocks.push({
      kind: 'figure',
      file: path.join(model.workspaceDir, shot.path),
      box: finding.box ?? null,
      caption: `图${i + 1}  ${finding.typeLabel}（${finding.screenshotAt ? `截图时间 ${shanghaiDateTime(finding.screenshotAt)}，` : ''}证据哈希 ${shot.sha256.slice(0, 16)}…）`,
    });
  });
  if (findings.length > shown.length)
    blocks.push({ kind: 'paragraph', text: `全部${findings.length}个问题及其截图见《整改台账》（Excel）。` });

  heading('整改情况');
  blocks.push({ kind: 'paragraph', text: rectificationSummary(model) });
  const open = findings.filter((o) => !isResolved(o.finding));
  if (open.length === 0 && findings.length > 0)
    blocks.push({ kind: 'paragraph', text: '经复查，全部问题已整改到位。' });
  if (open.length > 0) {
    blocks.push({
      kind: 'table',
      header: ['序号', '网站名称', '问题类型', '整改措施', '责任人', '整改时限', '状态'],
      widths: [6, 20, 14, 30, 10, 12, 10],
      rows: open
        .slice(0, doc.maxRectificationRows)
        .map(({ site, finding: f, seq }) => [
          String(seq),
          site.name,
          f.typeLabel,
          f.rectification?.measure || '—',
          f.rectification?.owner || '—',
          f.rectification?.deadline ?? '—',
          f.rectification?.recheck ?? f.rectification?.status ?? '待整改',
        ]),
    });
    if (open.length > doc.maxRectificationRows)
      blocks.push({
        kind: 'paragraph',
        text: `其余${open.length - doc.maxRectificationRows}个未整改问题见《整改台账》。`,
      });
  }

  heading('证据留存情况');
  blocks.push({
    kind: 'paragraph',
    text:
      `本次检查共留存证据文件${evidenceFilesOf(model).length}个（页面截图、页面源码等），每个证据文件和每条问题记录均计算了` +
      `SHA-256哈希值，并按检查批次（${model.run.id}）依次串联成哈希链。哈希链链头值为：`,
  });
  blocks.push({ kind: 'literal', text: model.chainHead, align: 'center' });
  blocks.push({
    kind: 'paragraph',
    text:
      '上述哈希值只能证明证据文件和问题记录自采集以来未被改动；它不能证明被检查网站当时所表达的含义，' +
      '也不能代替对问题性质的人工判断。',
  });
  blocks.push({
    kind: 'paragraph',
    text: '附件：1. 政府网站检查情况及整改台账（Excel）；2. 证据包（package.zip，含全部证据文件及其哈希清单）',
  });
  blocks.push({ kind: 'signature', unit: model.unit, date: chineseDate(model.date) });
  return { title, blocks };
}
