// Workbook benchmark: 10,000 findings with 1,000 thumbnails, this project's writer vs the obvious exceljs
// script (full-size PNG screenshots, one image per row). Each variant runs as its own measured child
// (bench/measure.ts: wall, CPU and peak PSS of its process tree); the child times the write itself.
//   npx tsx bench/excel.ts [--variants ours,ours-make-thumbs,naive] [--repeat N] [--shots distinct|shared]
// (the first run renders 1,000 screenshots into bench/out/). `ours` is the product's path: each problem's
// thumbnail is stored with its evidence during the audit (finalizeSite), so the export embeds it;
// `ours-make-thumbs` makes them all at export (a layout with another thumbnail size, or runs stored before). Prints `ratio excel: X` where X = naive write time ÷ ours (X > 1: we are faster).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { FINDING_TYPES, FINDING_TYPE_LABELS, type EvidenceRef } from '../src/shared/domain.js';
import { makeThumbnail } from '../src/main/evidence/pictures.js';
import { mapLimited } from '../src/main/report/images.js';
import { defaultLayout } from '../src/main/report/layout.js';
import type { ReportFinding, ReportModel, ReportSite } from '../src/main/report/model.js';
import { writeWorkbook } from '../src/main/report/workbook.js';
import { describe, measureScript, median, type Measured } from './measure.js';

const FINDINGS = 10_000;
const SCREENSHOTS = 1_000;
const SITES = 20;
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'out', 'excel');
const WORKSPACE = path.join(DIR, 'workspace');

type Variant = 'ours' | 'ours-make-thumbs' | 'naive';

const { values: args } = parseArgs({
  options: {
    variants: { type: 'string', default: 'ours,ours-make-thumbs,naive' },
    // Which screenshots the embedded problems show: distinct (1,000 thumbnails to make) or shared (about 100).
    shots: { type: 'string', default: 'distinct' },
    // Runs of each of our variants (the naive one runs once: it takes minutes); the median is reported.
    repeat: { type: 'string', default: '1' },
    child: { type: 'string' },
  },
});

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
      const thumb = await makeThumbnail(path.join(WORKSPACE, jpeg.path), null, defaultLayout().thumbnails);
      return {
        jpeg,
        png: evidenceRef(pngData, 'png', 'screenshot'),
        thumb: evidenceRef(thumb.data, 'jpg', 'thumbnail'),
      };
    },
  );
  fs.writeFileSync(index, JSON.stringify(shots));
  return shots;
}

function model(shots: { jpeg: EvidenceRef; thumb: EvidenceRef }[], storedThumbnails: boolean): ReportModel {
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
    // Problems are dealt to the sites in turn and the workbook lists them site by site: `distinct` gives the
    // first 1,000 in workbook order 1,000 different screenshots, so 1,000 thumbnails are made; `shared`
    // (the layout of the runs before 2026-11-28) gives them about 100, each shown about 10 times.
    const position = (i % SITES) * (FINDINGS / SITES) + Math.floor(i / SITES);
    const shot = shots[(args.shots === 'distinct' ? position : i) % shots.length]!;
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
      thumbnail: storedThumbnails ? shot.thumb : undefined,
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

interface ChildResult {
  /** Time and CPU (all threads) of the write alone: model in memory to file on disk. */
  writeMs: number;
  writeCpuMs: number;
  fileMb: number;
}

async function child(variant: Variant): Promise<void> {
  const shots = await prepare();
  const out = path.join(DIR, `${variant}.xlsx`);
  const data = variant === 'naive' ? null : model(shots, variant === 'ours');
  const cpu = process.cpuUsage();
  const started = performance.now();
  if (data) await writeWorkbook(data, out);
  else await naive(shots, out);
  const writeMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const result: ChildResult = {
    writeMs,
    writeCpuMs: (user + system) / 1000,
    fileMb: fs.statSync(out).size / 1024 ** 2,
  };
  process.stdout.write(JSON.stringify(result));
}

interface VariantResult extends ChildResult {
  /** The child process tree as bench/measure.ts sees it (peak PSS sampled every 50 ms). */
  process: Measured;
}

async function run(variant: Variant): Promise<VariantResult> {
  const m = await measureScript('excel.ts', ['--child', variant, '--shots', args.shots]);
  if (m.code !== 0) throw new Error(`${variant} failed: ${m.stderr}`);
  return { ...(JSON.parse(m.stdout.trim().split('\n').pop()!) as ChildResult), process: m };
}

/** The run with the median write time of `repeat` runs. */
async function runMedian(variant: Variant, repeat: number): Promise<VariantResult> {
  const runs: VariantResult[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await run(variant));
  const mid = median(runs.map((r) => r.writeMs));
  return runs.find((r) => r.writeMs === mid) ?? runs.sort((a, b) => a.writeMs - b.writeMs)[repeat >> 1]!;
}

const TARGET_MS = 5_000;
const TARGET_MB = 400;

async function main(): Promise<void> {
  if (args.child) return child(args.child as Variant);
  fs.mkdirSync(DIR, { recursive: true });
  await prepare();
  const variants = args.variants.split(',') as Variant[];
  const repeat = Number(args.repeat);
  const results = new Map<Variant, VariantResult>();
  for (const v of variants) results.set(v, await runMedian(v, v === 'naive' ? 1 : repeat));
  console.log(
    `${FINDINGS} findings, ${SCREENSHOTS} screenshots (1280×1300), embedded ones ${args.shots}, default layout (8 sheets)` +
      (repeat > 1 ? `; ours: median of ${repeat} runs` : ''),
  );
  for (const [name, r] of results)
    console.log(
      `${name.padEnd(14)} write ${(r.writeMs / 1000).toFixed(2)} s (cpu ${(r.writeCpuMs / 1000).toFixed(2)} s)  ` +
        `file ${r.fileMb.toFixed(1)} MB  whole child: ${describe(r.process)}`,
    );
  const ours = results.get('ours');
  if (ours) {
    const met = ours.writeMs < TARGET_MS && ours.process.peakRssMb < TARGET_MB;
    console.log(
      `targets (ours): write < ${TARGET_MS / 1000} s and process tree < ${TARGET_MB} MB: ${met ? 'meets' : 'MISSES'}`,
    );
  }
  const naiveResult = results.get('naive');
  if (ours && naiveResult) console.log(`ratio excel: ${(naiveResult.writeMs / ours.writeMs).toFixed(2)}`);
}

await main();
