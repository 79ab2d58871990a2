// The workbook's own parts below exceljs: the native zip writer and the thumbnails, read back byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { readZipEntries } from '../support/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeThumbnail } from '../../src/main/evidence/pictures.js';
import { writeZipFile } from '../../src/main/report/zip-file.js';

const ROOT = path.resolve('.tmp', `report-parts-${process.pid}`);

beforeAll(() => fs.mkdirSync(ROOT, { recursive: true }));
afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

describe('writeZipFile', () => {
  it('writes entries a zip reader returns intact: deflated text, stored images, UTF-8 names, CRCs', async () => {
    const xml = Buffer.from(
      `<?xml version="1.0"?><sst>${'<si><t>示范县人民政府</t></si>'.repeat(5000)}</sst>`,
    );
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } })
      .jpeg()
      .toBuffer();
    const entries = [
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/sharedStrings.xml', data: xml },
      { name: 'xl/media/image1.jpeg', data: jpeg, store: true },
      { name: '证据/说明.txt', data: Buffer.alloc(0) },
    ];
    const file = path.join(ROOT, 'parts.zip');
    await writeZipFile(file, entries, { level: 1, modified: new Date(2026, 11, 20, 10, 30) });
    const read = await readZipEntries(file, { strictFileNames: true });
    expect([...read.keys()]).toEqual(entries.map((e) => e.name));
    for (const e of entries) {
      const got = read.get(e.name)!;
      expect(got.data.equals(e.data), e.name).toBe(true);
      expect(got.crc32, e.name).toBe(zlib.crc32(e.data));
      expect(got.method, e.name).toBe(e.store ? 0 : 8);
      expect(got.flags & 0x0800, e.name).toBe(0x0800);
    }
    // Deflated, not stored: 5,000 repetitions shrink to a few hundred bytes.
    expect(fs.statSync(file).size).toBeLessThan(xml.length / 20);
  });
});

describe('makeThumbnail', () => {
  const spec = { widthPx: 144, heightPx: 100, quality: 70 };

  /** A tall white page with a red bar at `box` and a blue band across its top. */
  async function page(file: string, box: { x: number; y: number; width: number; height: number }) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="9000">
      <rect width="100%" height="100%" fill="#fff"/><rect width="1280" height="200" fill="#00f"/>
      <rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="#f00"/></svg>`;
    await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toFile(file);
  }

  async function pixel(data: Buffer, x: number, y: number): Promise<number[]> {
    const { data: raw, info } = await sharp(data).raw().toBuffer({ resolveWithObject: true });
    const at = (Math.round(y) * info.width + Math.round(x)) * info.channels;
    return [raw[at]!, raw[at + 1]!, raw[at + 2]!];
  }

  const red = (rgb: number[]) => rgb[0]! > 200 && rgb[1]! < 60 && rgb[2]! < 60;
  const blue = (rgb: number[]) => rgb[2]! > 200 && rgb[0]! < 60 && rgb[1]! < 60;

  it('centres a tall screenshot on the offending box, within the size asked', async () => {
    const file = path.join(ROOT, 'tall.jpg');
    const box = { x: 700, y: 7000, width: 300, height: 60 };
    await page(file, box);
    const t = await makeThumbnail(file, box, spec);
    expect(t.width).toBeLessThanOrEqual(spec.widthPx);
    expect(t.height).toBeLessThanOrEqual(spec.heightPx);
    expect(t.width / t.height).toBeCloseTo(1.44, 1);
    const meta = await sharp(t.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', t.width, t.height]);
    expect(red(await pixel(t.data, t.width / 2, t.height / 2))).toBe(true);
    expect(red(await pixel(t.data, 2, 2))).toBe(false);
    expect(t.data.length).toBeLessThan(8_000);
  });

  it('shows the top of the page at full width without a box', async () => {
    const file = path.join(ROOT, 'top.jpg');
    await page(file, { x: 0, y: 8000, width: 10, height: 10 });
    const t = await makeThumbnail(file, null, spec);
    expect(t.width).toBe(spec.widthPx);
    // The 200 px blue band of a 1280 px wide page: the top sixth of a 144 px wide thumbnail.
    expect(blue(await pixel(t.data, t.width / 2, 5))).toBe(true);
    expect(blue(await pixel(t.data, t.width / 2, t.height - 5))).toBe(false);
  });
});
