// Small images for the reports, made from evidence screenshots with sharp. A full-page screenshot is tall: the
// picture shown is the part around the offending element (its recorded box) or, without a box, the top of the
// page as a visitor first sees it.
import sharp from 'sharp';
import type { Box } from '../../shared/domain.js';

interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The region of an image with the given aspect (width/height) that best shows `box`, within the image. */
export function focusRegion(
  imageWidth: number,
  imageHeight: number,
  aspect: number,
  box: Box | null,
): Region {
  // Around a box: leave context on every side, but never zoom in further than a third of the page width.
  const wanted = box ? Math.max(box.width * 1.6, box.height * 1.6 * aspect, imageWidth / 3) : imageWidth;
  let width = Math.min(imageWidth, Math.round(wanted));
  let height = Math.round(width / aspect);
  if (height > imageHeight) {
    height = imageHeight;
    width = Math.min(imageWidth, Math.round(height * aspect));
  }
  const centreX = box ? box.x + box.width / 2 : imageWidth / 2;
  const centreY = box ? box.y + box.height / 2 : height / 2;
  const clamp = (v: number, max: number) => Math.max(0, Math.min(Math.round(v), max));
  return {
    left: clamp(centreX - width / 2, imageWidth - width),
    top: clamp(centreY - height / 2, imageHeight - height),
    width: Math.max(1, width),
    height: Math.max(1, height),
  };
}

async function focusedJpeg(
  file: string,
  box: Box | null,
  width: number,
  height: number,
  quality: number,
): Promise<Buffer> {
  const image = sharp(file, { failOn: 'none', limitInputPixels: 400_000_000 });
  const meta = await image.metadata();
  if (!meta.width || !meta.height) throw new Error(`Not an image: ${file}`);
  const region = focusRegion(meta.width, meta.height, width / height, box);
  return image
    .extract(region)
    .resize(width, height, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality })
    .toBuffer();
}

/** A thumbnail for a workbook cell: a few KB of JPEG. */
export function makeThumbnail(
  file: string,
  box: Box | null,
  spec: { widthPx: number; heightPx: number; quality: number },
): Promise<Buffer> {
  return focusedJpeg(file, box, spec.widthPx, spec.heightPx, spec.quality);
}

/** A figure for the written report: the focused part of the screenshot, at most `widthPx` wide, 4:3. */
export async function makeFigure(
  file: string,
  box: Box | null,
  widthPx: number,
): Promise<{ data: Buffer; width: number; height: number }> {
  const data = await focusedJpeg(file, box, widthPx, Math.round((widthPx * 3) / 4), 78);
  const meta = await sharp(data).metadata();
  return { data, width: meta.width ?? widthPx, height: meta.height ?? Math.round((widthPx * 3) / 4) };
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
