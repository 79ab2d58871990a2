// The written report's figures and stored thumbnails read back; the pictures themselves are made in
// evidence/pictures.ts.
import fs from 'node:fs';
import sharp from 'sharp';
import type { Box } from '../../shared/domain.js';
import { focusedJpeg, type Picture } from '../evidence/pictures.js';

/** A figure for the written report: the focused part of the screenshot, at most `widthPx` wide, 4:3. */
export function makeFigure(file: string, box: Box | null, widthPx: number): Promise<Picture> {
  return focusedJpeg(file, box, widthPx, Math.round((widthPx * 3) / 4), 78);
}

/** A JPEG made earlier (a stored thumbnail), with its size. */
export async function readPicture(file: string): Promise<Picture> {
  const data = await fs.promises.readFile(file);
  const meta = await sharp(data).metadata();
  if (!meta.width || !meta.height) throw new Error(`Not an image: ${file}`);
  return { data, width: meta.width, height: meta.height };
}

/** Runs `task` over `items` with at most `limit` in flight (sharp has its own thread pool; this bounds memory). */
export async function mapLimited<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
