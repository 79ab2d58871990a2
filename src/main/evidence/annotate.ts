import sharp from 'sharp';
import type { Box } from '../../shared/domain.js';

const MARGIN = 160;
const MAX_WIDTH = 1200;

/**
 * A cropped copy of a full-page screenshot around an element's box, with the box drawn in red, so the
 * report and the evidence viewer show at a glance what the finding is about. The original stays untouched.
 */
export async function cropWithBox(screenshot: Buffer, box: Box): Promise<Buffer | null> {
  const image = sharp(screenshot);
  const { width = 0, height = 0 } = await image.metadata();
  if (!width || !height || box.width <= 0 || box.height <= 0 || box.y >= height || box.x >= width)
    return null;
  const left = Math.max(0, Math.floor(box.x - MARGIN));
  const top = Math.max(0, Math.floor(box.y - MARGIN));
  const right = Math.min(width, Math.ceil(box.x + box.width + MARGIN));
  const bottom = Math.min(height, Math.ceil(box.y + box.height + MARGIN));
  const cropWidth = Math.min(right - left, MAX_WIDTH);
  const cropHeight = bottom - top;
  const rect = {
    x: Math.max(1, box.x - left),
    y: Math.max(1, box.y - top),
    w: Math.min(box.width, cropWidth - (box.x - left) - 2),
    h: Math.min(box.height, cropHeight - (box.y - top) - 2),
  };
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cropWidth}" height="${cropHeight}">` +
      `<rect x="${rect.x}" y="${rect.y}" width="${Math.max(2, rect.w)}" height="${Math.max(2, rect.h)}" fill="none" stroke="#e00000" stroke-width="4"/></svg>`,
  );
  return image
    .extract({ left, top, width: cropWidth, height: cropHeight })
    .composite([{ input: svg, top: 0, left: 0 }])
    .jpeg({ quality: 75 })
    .toBuffer();
}
