// package.zip: what a workstation hands over and what `verify` and `merge` read back. Writing hashes every file
// into manifest.json; reading unpacks defensively (a package may come from anywhere): no absolute paths, no `..`,
// no symlinks, no duplicates, bounded entry count and size, everything into a fresh folder or nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { ZipArchive, type ZipEntryData } from 'archiver';
import yauzl from 'yauzl';
import { evidenceFilesOf } from './evidence-list.js';
import {
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  parseManifest,
  type ManifestFile,
  type PackageManifest,
} from './manifest.js';
import type { ReportModel } from './model.js';

export interface PackageFiles {
  workbook: string;
  docx: string;
  pdf: string;
  /** results.json of the run, included when given. */
  results?: string;
}

const GENERATOR = '政务网站检查工作站 0.1.0';
// Already-compressed formats are stored, not deflated again.
const STORED = /\.(jpe?g|png|webp|gif|zip|xlsx|docx|pdf|gz)$/i;

async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** A package path is relative, forward-slashed, without `.`/`..` segments or empty ones. */
export function isSafeEntryPath(name: string): boolean {
  if (name.length === 0 || name.length > 1024 || name.includes('\\') || name.includes('\0')) return false;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  const segments = name.replace(/\/$/, '').split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

export async function writePackage(
  model: ReportModel,
  files: PackageFiles,
  outZip: string,
): Promise<PackageManifest> {
  const entries: { zipPath: string; abs: string; role: ManifestFile['role']; recorded?: string }[] = [
    { zipPath: 'report.xlsx', abs: files.workbook, role: 'workbook' },
    { zipPath: 'report.docx', abs: files.docx, role: 'report-docx' },
    { zipPath: 'report.pdf', abs: files.pdf, role: 'report-pdf' },
    ...(files.results ? [{ zipPath: 'results.json', abs: files.results, role: 'results' as const }] : []),
    ...evidenceFilesOf(model).map((ev) => {
      if (!isSafeEntryPath(ev.path) || !ev.path.startsWith('evidence/'))
        throw new Error(`Evidence path outside the workspace's evidence folder: ${ev.path}`);
      return {
        zipPath: ev.path,
        abs: path.join(model.workspaceDir, ev.path),
        role: 'evidence' as const,
        recorded: ev.sha256,
      };
    }),
  ];
  const manifestFiles: ManifestFile[] = [];
  for (const e of entries) {
    if (!fs.existsSync(e.abs)) throw new Error(`Cannot package ${e.zipPath}: file missing (${e.abs})`);
    const { sha256, size } = await hashFile(e.abs);
    if (e.recorded && e.recorded !== sha256)
      throw new Error(
        `Cannot package ${e.zipPath}: its SHA-256 differs from the one recorded at capture (run verify)`,
      );
    manifestFiles.push({ path: e.zipPath, role: e.role, size, sha256 });
  }
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    generator: GENERATOR,
    title: model.title,
    unit: model.unit,
    date: model.date,
    run: {
      id: model.run.id,
      startedAt: model.run.startedAt,
      finishedAt: model.run.finishedAt,
      asOf: model.run.asOf,
      rulePack: model.run.rulePack,
      rulePackVersion: model.run.rulePackVersion,
      status: model.run.status,
      vantage: { ...model.run.vantage },
    },
    sites: model.sites.map((s) => ({
      name: s.name,
      url: s.url,
      siteCode: s.siteCode,
      verdict: s.verdict,
      score: s.score,
      bonus: s.bonus,
      findings: s.findings.length,
    })),
    files: manifestFiles,
    chain: { algorithm: 'sha256', head: model.chainHead, entries: model.chainEntries ?? [] },
  };

  fs.mkdirSync(path.dirname(path.resolve(outZip)), { recursive: true });
  const tmp = `${outZip}.${process.pid}.tmp`;
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const done = pipeline(archive, fs.createWriteStream(tmp));
  for (const e of entries) {
    const data: ZipEntryData = { name: e.zipPath, store: STORED.test(e.zipPath) };
    archive.file(e.abs, data);
  }
  archive.append(JSON.stringify(manifest, null, 2), { name: 'manifest.json' });
  await archive.finalize();
  await done;
  fs.renameSync(tmp, outZip);
  return manifest;
}

export interface ReadPackageLimits {
  /** Total bytes unpacked, counted as they are written (declared sizes are not trusted). Default 8 GiB. */
  maxTotalBytes?: number;
  /** Default 500,000. */
  maxEntries?: number;
}

export interface ReadPackageResult {
  dir: string;
  manifest: PackageManifest;
  /** Listed in the manifest but not in the zip. */
  missing: string[];
  /** Present with a different SHA-256 or size than the manifest says. */
  altered: string[];
  /** In the zip but not in the manifest. */
  extra: string[];
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    // Names are decoded and judged here (decodeStrings: false), so every unsafe one gets the same clear error.
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: true, validateEntrySizes: true, decodeStrings: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    ),
  );
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))),
  );
}

async function unpack(
  zipFile: string,
  into: string,
  limits: Required<ReadPackageLimits>,
): Promise<Set<string>> {
  const zip = await openZip(zipFile);
  const seen = new Set<string>();
  let total = 0;
  let count = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        const extract = async () => {
          const raw = entry.fileName as unknown as Buffer;
          const name = raw.toString(entry.generalPurposeBitFlag & 0x800 ? 'utf8' : 'latin1');
          if (!isSafeEntryPath(name)) throw new Error(`Unsafe path in package: ${JSON.stringify(name)}`);
          const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
          if (mode === S_IFLNK) throw new Error(`Symbolic link in package: ${name}`);
          if (++count > limits.maxEntries)
            throw new Error(`Package has more than ${limits.maxEntries} entries`);
          if (name.endsWith('/')) return;
          if (seen.has(name)) throw new Error(`Duplicate entry in package: ${name}`);
          seen.add(name);
          if (entry.uncompressedSize > limits.maxTotalBytes - total)
            throw new Error(`Package exceeds ${limits.maxTotalBytes} bytes unpacked`);
          const target = path.join(into, ...name.split('/'));
          fs.mkdirSync(path.dirname(target), { recursive: true });
          const counter = new Transform({
            transform(chunk: Buffer, _enc, cb) {
              total += chunk.length;
              cb(
                total > limits.maxTotalBytes
                  ? new Error(`Package exceeds ${limits.maxTotalBytes} bytes unpacked`)
                  : null,
                chunk,
              );
            },
          });
          await pipeline(await openEntry(zip, entry), counter, fs.createWriteStream(target, { flags: 'wx' }));
        };
        extract().then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return seen;
}

/**
 * Unpacks package.zip into `destDir` (which must not exist yet) and checks it against its manifest.
 * Throws on anything unsafe or malformed, leaving nothing behind; returns what differs from the manifest.
 */
export async function readPackage(
  zipFile: string,
  destDir: string,
  limits: ReadPackageLimits = {},
): Promise<ReadPackageResult> {
  if (fs.existsSync(destDir)) throw new Error(`Destination already exists: ${destDir}`);
  const staging = `${destDir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    const names = await unpack(zipFile, staging, {
      maxTotalBytes: limits.maxTotalBytes ?? 8 * 1024 ** 3,
      maxEntries: limits.maxEntries ?? 500_000,
    });
    if (!names.has('manifest.json')) throw new Error('Package has no manifest.json');
    const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(staging, 'manifest.json'), 'utf8')));
    const missing: string[] = [];
    const altered: string[] = [];
    const listed = new Set<string>();
    for (const f of manifest.files) {
      listed.add(f.path);
      if (!names.has(f.path)) {
        missing.push(f.path);
        continue;
      }
      const actual = await hashFile(path.join(staging, ...f.path.split('/')));
      if (actual.sha256 !== f.sha256 || actual.size !== f.size) altered.push(f.path);
    }
    const extra = [...names]
      .filter((n) => n !== 'manifest.json' && !n.endsWith('/') && !listed.has(n))
      .sort();
    fs.renameSync(staging, destDir);
    return { dir: destDir, manifest, missing, altered, extra };
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}
