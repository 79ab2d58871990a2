// Workbook benchmark: 10,000 findings with 1,000 thumbnails, this project's writer vs the obvious exceljs
// script (full-size PNG screenshots, one image per row). Each variant runs in its own child process so its
// peak RSS is its own. Run: npx tsx bench/excel.ts   (first run renders 1,000 screenshots into bench/out/).
// Prints `ratio excel: X` where X = naive time ÷ our time (X > 1: we are faster).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { FINDING_TYPES, FINDING_TYPE_LABELS, type EvidenceRef } from '../src/shared/domain.js';
import { makeThumbnail, mapLimited } from '../src/main/report/images.js';
import { defaultLayout } from '../src/main/report/layout.js';
import type { ReportFinding, ReportModel, ReportSite } from '../src/main/report/model.js';
import { writeWorkbook } from '../src/main/report/workbook.js';

const FINDINGS = 10_000;
const SCREENSHOTS = 1_000;
const SITES = 20;
const SCRIPT = fileURLToPath(import.meta.url);
const DIR = path.resolve(path.dirname(SCRIPT), 'out', 'excel');
const WORKSPACE = path.join(DIR, 'workspace');

type Variant = 'ours' | 'ours-prethumb' | 'naive';

function evidenceRef(data: Buffer, ext: string, kind: EvidenceRef['kind']): EvidenceRef {
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  const rel = `evidence/${sha256.slice(0, 2)}/${sha256}.${ext}`;
  const abs = path.join(WORKSPACE, rel);
  if (!fs.existsSync(abs)) {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, data);
  }
  return { path: rel, sha256, kind };
}

/** 1,000 distinct page-like screenshots (JPEG as the gatherer keeps them, PNG for the naive peer), cached. */
async function prepare(): Promise<{ jpeg: EvidenceRef; png: EvidenceRef; thumb: EvidenceRef }[]> {
  const index = path.join(DIR, 'screenshots.json');
  if (fs.existsSync(index)) return JSON.parse(fs.readFileSync(index, 'utf8'));
  console.error(`preparing ${SCREENSHOTS} screenshots in ${DIR} (once)…`);
  const bases = await Promise.all(
    Array.from({ length: 10 }, (_, b) => {
      const lines = Array.from(
        { length: 18 },
        (_, i) =>
          `<text x="60" y="${300 + i * 48}" font-size="22" font-family="Noto Serif CJK SC">关于做好第${b * 18 + i + 1}项政务公开工作的通知\u30002026-${String((i % 12) + 1).padStart(2, '0')}-15</text>`,
      ).join('');
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="1300"><rect width="100%" height="100%" fill="#fff"/>
        <rect width="1280" height="130" fill="#b22222"/><text x="60" y="85" font-size="46" fill="#fff" font-family="Noto Sans CJK SC">示范县第${b + 1}部门网站</text>
        <text x="60" y="240" font-size="28" font-family="Noto Sans CJK SC">通知公告</text>${lines}</svg>`;
      return sharp(Buffer.from(svg)).png().toBuffer();
    }),
  );
  const shots = await mapLimited(
    Array.from({ length: SCREENSHOTS }, (_, i) => i),
    2,
    async (i) => {
      const label = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="60"><rect width="420" height="60" fill="#ffe"/><text x="10" y="42" font-size="30" font-family="Noto Sans CJK SC">问题截图 #${i + 1}</text></svg>`,
      );
      const page = sharp(bases[i % bases.length]).composite([
        { input: label, left: 800, top: 160 + (i % 17) * 40 },
      ]);
      const jpegData = await page.clone().jpeg({ quality: 80 }).toBuffer();
      const pngData = await page.clone().png().toBuffer();
      const jpeg = evidenceRef(jpegData, 'jpg', 'screenshot');
      const thumbData = await makeThumbnail(
        path.join(WORKSPACE, jpeg.path),
        null,
        defaultLayout().thumbnails,
      );
      return {
        jpeg,
        png: evidenceRef(pngData, 'png', 'screenshot'),
        thumb: evidenceRef(thumbData, 'jpg', 'thumbnail'),
      };
    },
  );
  fs.writeFileSync(index, JSON.stringify(shots));
  return shots;
}

function model(shots: { jpeg: EvidenceRef; thumb: EvidenceRef }[], prethumb: boolean): ReportModel {
  const sites: ReportSite[] = Array.from({ length: SITES }, (_, s) => ({
    name: `示范县第${s + 1}部门网站`,
    url: `http://site${s}.sfx.gov.cn/`,
    siteCode: String(3609000100 + s),
    sponsor: `示范县第${s + 1}部门`,
    info: {},
    verdict: '合格',
    score: 80,
    bonus: 0,
    vetoes: [],
    deductionRows: [],
    manual: [],
    columns: [],
    availability: { probes: 140, failures: 0, failureRate: 0, insufficient: false },
    probes: [],
    pages: 500,
    links: { checked: 5000, broken: FINDINGS / SITES, unchecked: 0 },
    linkProblems: [],
    findings: [],
  }));
  for (let i = 0; i < FINDINGS; i++) {
    const type = FINDING_TYPES[i % FINDING_TYPES.length]!;
    const shot = shots[i % shots.length]!;
    const f: ReportFinding = {
      id: `f${i}`,
      fingerprint: crypto.createHash('sha256').update(String(i)).digest('hex'),
      type,
      typeLabel: FINDING_TYPE_LABELS[type],
      indicator: '功能设计·可用性',
      url: `http://site${i % SITES}.sfx.gov.cn/xxgk/2026/t2026_${i}.html`,
      pageUrl: `http://site${i % SITES}.sfx.gov.cn/xxgk/index_${i % 40}.html`,
      pageTitle: `信息公开目录第${i % 40}页`,
      detail: `页面链接“关于做好第${i}项工作的通知”无法打开（HTTP 404）`,
      foundAt: '2026-12-01T02:00:00Z',
      evidence: [{ path: shot.jpeg.path, sha256: shot.jpeg.sha256 }],
      screenshot: shot.jpeg,
      thumbnail: prethumb ? shot.thumb : undefined,
    };
    sites[i % SITES]!.findings.push(f);
  }
  return {
    title: '示范县政府网站检查情况及整改台账（基准测试）',
    unit: '示范县人民政府办公室',
    date: '2026-12-20',
    run: {
      id: 'bench',
      startedAt: '2026-12-01T02:00:00Z',
      finishedAt: null,
      asOf: '2026-12-01',
      rulePack: 'inspection-2019',
      rulePackVersion: '2019.1',
      status: 'done',
      options: {},
      vantage: { offline: true, mapHost: {}, proxy: null, caFile: null, browser: null },
    },
    workspaceDir: WORKSPACE,
    chainHead: '0'.repeat(64),
    rulePack: {
      id: 'inspection-2019',
      version: '2019.1',
      title: '政府网站与政务新媒体检查指标',
      itemStatus: {},
    },
    sites,
  };
}

/** The obvious script: one sheet, every finding a row, the full-size PNG screenshot embedded per row. */
async function naive(shots: { png: EvidenceRef }[], out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.addRow(['序号', '网站名称', '问题类型', '问题描述', '问题网址', '所在页面', '发现时间', '截图']);
  for (let i = 0; i < FINDINGS; i++) {
    const type = FINDING_TYPES[i % FINDING_TYPES.length]!;
    ws.addRow([
      i + 1,
      `示范县第${(i % SITES) + 1}部门网站`,
      FINDING_TYPE_LABELS[type],
      `页面链接“关于做好第${i}项工作的通知”无法打开（HTTP 404）`,
      `http://site${i % SITES}.sfx.gov.cn/xxgk/2026/t2026_${i}.html`,
      `http://site${i % SITES}.sfx.gov.cn/xxgk/index_${i % 40}.html`,
      '2026-12-01 10:00',
    ]);
    if (i < shots.length) {
      const id = wb.addImage({ filename: path.join(WORKSPACE, shots[i]!.png.path), extension: 'png' });
      ws.addImage(id, { tl: { col: 7, row: i + 1 }, ext: { width: 160, height: 100 } });
    }
  }
  await wb.xlsx.writeFile(out);
}

async function child(variant: Variant): Promise<void> {
  const shots = await prepare();
  const out = path.join(DIR, `${variant}.xlsx`);
  const data = variant === 'naive' ? null : model(shots, variant === 'ours-prethumb');
  const started = performance.now();
  if (data) await writeWorkbook(data, out);
  else await naive(shots, out);
  const ms = performance.now() - started;
  const result = {
    ms,
    peakMb: process.resourceUsage().maxRSS / 1024,
    fileMb: fs.statSync(out).size / 1024 ** 2,
  };
  process.stdout.write(JSON.stringify(result));
}

function run(variant: Variant): { ms: number; peakMb: number; fileMb: number } {
  const r = spawnSync(process.execPath, [...process.execArgv, SCRIPT, '--child', variant], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${variant} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) return child(process.argv[childAt + 1] as Variant);
  fs.mkdirSync(DIR, { recursive: true });
  await prepare();
  const results = {
    ours: run('ours'),
    'ours-prethumb': run('ours-prethumb'),
    naive: run('naive'),
  };
  console.log(
    `${FINDINGS} findings, ${SCREENSHOTS} distinct screenshots (1280×1300), default layout (8 sheets)`,
  );
  for (const [name, r] of Object.entries(results))
    console.log(
      `${name.padEnd(14)} ${(r.ms / 1000).toFixed(2)} s  peak RSS ${r.peakMb.toFixed(0)} MB  file ${r.fileMb.toFixed(1)} MB`,
    );
  console.log(`targets (ours): < 5 s and < 400 MB`);
  console.log(`ratio excel: ${(results.naive.ms / results.ours.ms).toFixed(2)}`);
}

await main();
