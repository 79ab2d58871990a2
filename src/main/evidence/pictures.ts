// Small pictures made from evidence screenshots with sharp. A full-page screenshot is tall: the picture is the
// part around the offending element (its recorded box) or, without a box, the top of the page as a visitor
// first sees it.
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

export interface Picture {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * The focused part of a screenshot as a JPEG of at most `width` × `height`. The whole image is scaled first and
 * the region cut from the result: scaling first lets libvips decode the JPEG already shrunk (by 2, 4 or 8), so
 * a small picture of a tall screenshot never decodes it at full size.
 */
export async function focusedJpeg(
  file: string,
  box: Box | null,
  width: number,
  height: number,
  quality: number,
): Promise<Picture> {
  const image = sharp(file, { failOn: 'none', limitInputPixels: 400_000_000 });
  const meta = await image.metadata();
  if (!meta.width || !meta.height) throw new Error(`Not an image: ${file}`);
  const region = focusRegion(meta.width, meta.height, width / height, box);
  const scale = Math.min(1, width / region.width, height / region.height);
  const scaledWidth = Math.max(1, Math.round(meta.width * scale));
  const scaledHeight = Math.max(1, Math.round(meta.height * scale));
  const left = Math.min(Math.round(region.left * scale), scaledWidth - 1);
  const top = Math.min(Math.round(region.top * scale), scaledHeight - 1);
  const picture = image.resize(scaledWidth, scaledHeight, { fit: 'fill' }).extract({
    left,
    top,
    width: Math.max(1, Math.min(Math.round(region.width * scale), scaledWidth - left)),
    height: Math.max(1, Math.min(Math.round(region.height * scale), scaledHeight - top)),
  });
  // Only when needed: sharp parses the colour anew on every call.
  if (meta.hasAlpha) picture.flatten({ background: '#ffffff' });
  const { data, info } = await picture.jpeg({ quality }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The size every problem's thumbnail is made at when its evidence is stored (finalizeSite), the default
 * layout's: the workbook embeds it as is, and makes another only for a layout that asks for another size.
 */
export const EVIDENCE_THUMBNAIL = { widthPx: 144, heightPx: 100, quality: 60 } as const;

/** A thumbnail for a workbook cell: a few KB of JPEG. */
export function makeThumbnail(
  file: string,
  box: Box | null,
  spec: { widthPx: number; heightPx: number; quality: number },
): Promise<Picture> {
  return focusedJpeg(file, box, spec.widthPx, spec.heightPx, spec.quality);
}
