// readPackage against hostile zips, written byte by byte here because zip libraries refuse to make them:
// path traversal, absolute paths, symbolic links, duplicates, size bombs, tampered and extra files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackage } from '../../src/main/report/package.js';

const ROOT = path.resolve('.tmp', `report-package-${process.pid}`);

interface RawEntry {
  name: string;
  data: Buffer;
  /** Unix mode in the high 16 bits of the external attributes (made by Unix). */
  mode?: number;
}

/** A stored (uncompressed) zip with exactly the entries given, names and modes untouched. */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function manifest(files: { path: string; data: Buffer }[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: 'gov-site-audit-package',
      formatVersion: 1,
      createdAt: '2026-12-20T00:00:00Z',
      generator: 'test',
      title: '示范县政府网站检查情况及整改台账',
      unit: '示范县人民政府办公室',
      date: '2026-12-20',
      run: {
        id: 'run-1',
        startedAt: '2026-12-01T02:00:00Z',
        finishedAt: null,
        asOf: '2026-12-01',
        rulePack: 'inspection-2019',
        rulePackVersion: '2019.1',
        status: 'done',
        vantage: {},
      },
      sites: [],
      files: files.map((f) => ({ path: f.path, role: 'evidence', size: f.data.length, sha256: sha(f.data) })),
      chain: { algorithm: 'sha256', head: '0'.repeat(64), entries: [] },
    }),
  );
}

function attempt(name: string, entries: RawEntry[], limits = {}) {
  const zip = path.join(ROOT, `${name}.zip`);
  fs.writeFileSync(zip, rawZip(entries));
  const dest = path.join(ROOT, name);
  return { run: () => readPackage(zip, dest, limits), dest };
}

const shot = Buffer.from('jpeg bytes of a screenshot');
const good = { path: 'evidence/ab/ab12.jpg', data: shot };

beforeAll(() => {
  fs.rmSync(ROOT, { recursive: true, force: true });
  fs.mkdirSync(ROOT, { recursive: true });
});

afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

describe('readPackage', () => {
  it('unpacks a well-formed package and checks it against its manifest', async () => {
    const { run, dest } = attempt('good', [
      { name: good.path, data: good.data },
      { name: 'manifest.json', data: manifest([good]) },
    ]);
    const result = await run();
    expect(result).toMatchObject({ missing: [], altered: [], extra: [] });
    expect(fs.readFileSync(path.join(dest, good.path))).toEqual(shot);
  });

  it.each([
    ['traversal', '../evil.txt', /Unsafe path/],
    ['nested-traversal', 'evidence/../../evil.txt', /Unsafe path/],
    ['absolute', '/tmp/evil.txt', /Unsafe path/],
    ['backslash', 'evidence\\..\\..\\evil.txt', /Unsafe path/],
  ])('rejects %s entries and leaves nothing behind', async (name, entryName, error) => {
    const { run, dest } = attempt(name, [
      { name: entryName, data: Buffer.from('x') },
      { name: 'manifest.json', data: manifest([]) },
    ]);
    await expect(run()).rejects.toThrow(error);
    expect(fs.existsSync(dest)).toBe(false);
    expect(fs.readdirSync(ROOT).filter((f) => f.startsWith(`${name}.partial`))).toEqual([]);
    expect(fs.existsSync(path.resolve(ROOT, '..', 'evil.txt'))).toBe(false);
  });

  it('rejects symbolic links', async () => {
    const { run, dest } = attempt('symlink', [
      { name: 'evidence/link', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
      { name: 'manifest.json', data: manifest([]) },
    ]);
    await expect(run()).rejects.toThrow(/Symbolic link/);
    expect(fs.existsSync(dest)).toBe(false);
  });

  it('rejects duplicate entries, oversize content and a missing manifest', async () => {
    const dup = attempt('dup', [
      { name: good.path, data: good.data },
      { name: good.path, data: Buffer.from('other') },
    ]);
    await expect(dup.run()).rejects.toThrow(/Duplicate entry/);
    const big = attempt('big', [{ name: 'evidence/big.bin', data: Buffer.alloc(4096) }], {
      maxTotalBytes: 1000,
    });
    await expect(big.run()).rejects.toThrow(/exceeds 1000 bytes/);
    const noManifest = attempt('nomanifest', [{ name: good.path, data: good.data }]);
    await expect(noManifest.run()).rejects.toThrow(/no manifest\.json/);
  });

  it('reports altered, missing and extra files', async () => {
    const gone = { path: 'evidence/cd/cd34.jpg', data: Buffer.from('gone') };
    const { run } = attempt('tampered', [
      { name: good.path, data: Buffer.from('edited screenshot') },
      { name: 'evidence/ef/added.jpg', data: Buffer.from('added later') },
      { name: 'manifest.json', data: manifest([good, gone]) },
    ]);
    expect(await run()).toMatchObject({
      altered: [good.path],
      missing: [gone.path],
      extra: ['evidence/ef/added.jpg'],
    });
  });

  it('refuses to unpack over an existing folder', async () => {
    const { run, dest } = attempt('exists', [{ name: 'manifest.json', data: manifest([]) }]);
    fs.mkdirSync(dest);
    await expect(run()).rejects.toThrow(/already exists/);
  });
});
