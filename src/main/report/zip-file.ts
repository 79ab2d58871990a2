// A zip archive written from entries held in memory, with Node's native zlib: deflate runs on libuv's thread pool
// (entries compress in parallel, off the main thread) and CRC-32 in C. Already-compressed data (JPEG, PNG) is
// stored as it is. No ZIP64: an archive is refused beyond 65,535 entries or 4 GiB, far above any workbook.
import fs from 'node:fs';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export interface ZipEntry {
  /** Forward-slashed path inside the archive (UTF-8). */
  name: string;
  data: Buffer;
  /** Store without compressing: for data that is already compressed. */
  store?: boolean;
}

const deflateRaw = promisify(zlib.deflateRaw);
const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;
const VERSION_NEEDED = 20;
const FLAG_UTF8_NAMES = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;

/** MS-DOS time and date fields of the zip headers (local time, 2-second resolution, from 1980). */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getFullYear());
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

interface Packed {
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  body: Buffer;
}

// Output chunks of up to 1 MiB: zlib's default 16 KiB costs a JavaScript callback every 16 KiB of output.
const MAX_CHUNK = 1 << 20;

async function pack(entry: ZipEntry, level: number): Promise<Packed> {
  const chunkSize = Math.max(zlib.constants.Z_MIN_CHUNK, Math.min(entry.data.length, MAX_CHUNK));
  const body = entry.store ? entry.data : await deflateRaw(entry.data, { level, chunkSize });
  return {
    name: Buffer.from(entry.name, 'utf8'),
    method: entry.store ? METHOD_STORE : METHOD_DEFLATE,
    crc: zlib.crc32(entry.data),
    size: entry.data.length,
    body,
  };
}

/** The fields local and central headers share, from "version needed" to the name length. */
function commonFields(p: Packed, stamp: { time: number; date: number }): Buffer {
  const b = Buffer.alloc(26);
  b.writeUInt16LE(VERSION_NEEDED, 0);
  b.writeUInt16LE(FLAG_UTF8_NAMES, 2);
  b.writeUInt16LE(p.method, 4);
  b.writeUInt16LE(stamp.time, 6);
  b.writeUInt16LE(stamp.date, 8);
  b.writeUInt32LE(p.crc, 10);
  b.writeUInt32LE(p.body.length, 14);
  b.writeUInt32LE(p.size, 18);
  b.writeUInt16LE(p.name.length, 22);
  b.writeUInt16LE(0, 24); // extra field length
  return b;
}

function signature(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value, 0);
  return b;
}

/** Writes `entries` in order to `outFile` as a zip archive, deflating at `level` (1 fastest … 9 smallest). */
export async function writeZipFile(
  outFile: string,
  entries: readonly ZipEntry[],
  opts: { level: number; modified: Date },
): Promise<void> {
  if (entries.length > MAX_ENTRIES) throw new Error(`Too many zip entries: ${entries.length}`);
  const packed = await Promise.all(entries.map((e) => pack(e, opts.level)));
  const stamp = dosDateTime(opts.modified);
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of packed) {
    if (offset > MAX_OFFSET) throw new Error('Zip archive over 4 GiB');
    const common = commonFields(p, stamp);
    local.push(signature(0x04034b50), common, p.name, p.body);
    // Comment length, disk number, internal and external attributes: 0; then the local header's offset.
    const tail = Buffer.alloc(14);
    tail.writeUInt32LE(offset, 10);
    // Version made by: 2.0 on MS-DOS (host 0).
    central.push(signature(0x02014b50), Buffer.from([VERSION_NEEDED, 0]), common, tail, p.name);
    offset += 4 + common.length + p.name.length + p.body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  if (offset + centralSize > MAX_OFFSET) throw new Error('Zip archive over 4 GiB');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(packed.length, 8);
  end.writeUInt16LE(packed.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  await fs.promises.writeFile(outFile, Buffer.concat([...local, ...central, end]));
}
