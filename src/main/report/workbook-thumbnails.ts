// The thumbnails of the problem list: made once per distinct screenshot (and box), bounded in number, anchored
// inside their cells and hyperlinked to the full evidence file.
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Layout } from './layout.js';
import { EVIDENCE_THUMBNAIL, makeThumbnail, type Picture } from '../evidence/pictures.js';
import { mapLimited, readPicture } from './images.js';
import type { ImageCell } from './sheet-rows.js';

type ThumbnailSpec = Layout['thumbnails'];

/** A screenshot cell the sheet writer placed, waiting for its picture. */
export interface PlacedImage {
  ws: ExcelJS.Worksheet;
  row: number;
  col: number;
  cell: ImageCell;
}

// Pictures made at once: enough to keep libuv's thread pool (4 threads; sharp's work runs there) busy while the
// main thread fills the sheets.
const PICTURES_IN_FLIGHT = 8;

function pictureKey(cell: ImageCell): string {
  const b = cell.box;
  return `${(cell.thumbnail ?? cell.source).sha256}|${b ? `${b.x},${b.y},${b.width},${b.height}` : ''}`;
}

/**
 * Starts making the pictures of `cells` (the ones to embed, in workbook order), each distinct one once. A missing
 * or unreadable evidence file gets no picture: its cell keeps the link (verify names the file).
 */
export async function makeThumbnails(
  cells: readonly ImageCell[],
  workspaceDir: string,
  spec: ThumbnailSpec,
): Promise<Map<string, Picture>> {
  const unique = [...new Map(cells.map((c) => [pictureKey(c), c])).entries()];
  const pictures = new Map<string, Picture>();
  // Thumbnails stored with the evidence are EVIDENCE_THUMBNAIL-sized: embedded as they are when the layout asks
  // for that size (most of a workbook's time went into making them), made again from the screenshot otherwise.
  const storedFits =
    spec.widthPx === EVIDENCE_THUMBNAIL.widthPx &&
    spec.heightPx === EVIDENCE_THUMBNAIL.heightPx &&
    spec.quality === EVIDENCE_THUMBNAIL.quality;
  await mapLimited(unique, PICTURES_IN_FLIGHT, async ([key, cell]) => {
    const at = (ref: { path: string }) => path.join(workspaceDir, ref.path);
    try {
      pictures.set(
        key,
        cell.thumbnail && storedFits
          ? await readPicture(at(cell.thumbnail))
          : await makeThumbnail(at(cell.source), cell.box, spec),
      );
    } catch {
      // No picture; the link stays.
    }
  });
  return pictures;
}

const EMU_PER_PX = 9525;
const EMU_PER_PT = 12700;
const PAD_PX = 3;

/** Pixel width Excel gives a column of `chars` characters (default font: 7 px per digit plus 5 px padding). */
function columnPx(chars: number): number {
  return Math.floor(chars * 7 + 5);
}

/**
 * Anchors each placed image's picture inside its cell, so it moves, hides and sorts with its row (Excel's "move
 * and size with cells"), and makes the row tall enough to show it.
 */
export function anchorThumbnails(
  wb: ExcelJS.Workbook,
  placed: readonly PlacedImage[],
  pictures: ReadonlyMap<string, Picture>,
  spec: ThumbnailSpec,
): void {
  const rowPx = (spec.rowHeightPt * 4) / 3;
  const at = (px: number) => Math.round(px * EMU_PER_PX);
  for (const p of placed) {
    const picture = pictures.get(pictureKey(p.cell));
    if (!picture) continue;
    p.ws.getRow(p.row).height = spec.rowHeightPt;
    const room = { w: columnPx(p.ws.getColumn(p.col).width ?? 8) - 2 * PAD_PX, h: rowPx - 2 * PAD_PX };
    const scale = Math.min(1, room.w / picture.width, room.h / picture.height);
    // One media entry per anchor: exceljs 4.4 mislinks an image reused by consecutive anchors that have hyperlinks.
    const id = wb.addImage({ buffer: picture.data as unknown as ExcelJS.Buffer, extension: 'jpeg' });
    p.ws.addImage(id, {
      tl: { nativeCol: p.col - 1, nativeColOff: at(PAD_PX), nativeRow: p.row - 1, nativeRowOff: at(PAD_PX) },
      br: {
        nativeCol: p.col - 1,
        nativeColOff: at(PAD_PX + picture.width * scale),
        nativeRow: p.row - 1,
        nativeRowOff: Math.min(
          at(PAD_PX + picture.height * scale),
          Math.round(spec.rowHeightPt * EMU_PER_PT),
        ),
      },
      editAs: 'twoCell',
      hyperlinks: { hyperlink: p.cell.link.href, tooltip: '打开完整截图' },
    } as unknown as ExcelJS.ImageRange);
  }
}
