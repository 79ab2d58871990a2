// Body decoding for pages read outside the browser: header charset, BOM, <meta charset>/http-equiv,
// then sniffing. Chinese legacy charsets go through iconv-lite; GB2312 and GBK labels decode as GB18030,
// their superset (real "gb2312" pages routinely contain GBK-only characters).
import iconv from 'iconv-lite';

export interface DecodedBody {
  text: string;
  /** The charset actually used, lower case (gb18030 for gb2312/gbk labels). */
  charset: string;
}

const META_SCAN_BYTES = 4096;
const BIG5_LOW_TRAIL_SHARE = 0.2;

export function decodeBody(bytes: Buffer, contentType: string | null): DecodedBody {
  const bom = bomCharset(bytes);
  if (bom) return decodeAs(bytes.subarray(bom.length), bom.charset);
  const declared = charsetFromContentType(contentType) ?? charsetFromMeta(bytes);
  if (declared) {
    const charset = canonicalCharset(declared);
    // A page labelled GB that is valid UTF-8 with non-ASCII text was re-saved as UTF-8 and kept its old
    // label (common after CMS migrations); GBK text with Chinese characters is almost never valid UTF-8.
    if (charset === 'gb18030' && hasMultibyte(bytes) && isValidUtf8(bytes)) return decodeAs(bytes, 'utf-8');
    if (charset && iconv.encodingExists(charset)) return decodeAs(bytes, charset);
  }
  return decodeAs(bytes, sniffCharset(bytes));
}

export function charsetFromContentType(contentType: string | null): string | null {
  const match = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return match ? match[1] : null;
}

/** `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first bytes. */
export function charsetFromMeta(bytes: Buffer): string | null {
  const head = bytes.subarray(0, META_SCAN_BYTES).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return direct ? direct[1] : null;
}

/** Maps labels to the decoder to use (WHATWG maps gb2312/gbk to gbk; we go one further to gb18030). */
export function canonicalCharset(label: string): string | null {
  const name = label.trim().toLowerCase();
  if (
    ['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'euc-cn', 'gb_2312-80', 'csgb2312', 'chinese'].includes(
      name,
    )
  ) {
    return 'gb18030';
  }
  if (['big5', 'big5-hkscs', 'x-x-big5', 'cn-big5', 'csbig5'].includes(name)) return 'big5';
  if (['utf8', 'utf-8', 'unicode-1-1-utf-8'].includes(name)) return 'utf-8';
  return iconv.encodingExists(name) ? name : null;
}

function bomCharset(bytes: Buffer): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/**
 * Valid UTF-8 stays UTF-8. Otherwise GB18030 (mainland sites) unless the double-byte pairs look like Big5:
 * GB2312 text keeps its trail bytes in 0xA1–0xFE, while about a third of Big5 characters have a trail byte
 * in 0x40–0x7E (rare GBK extensions in GB text). Decoding both and counting errors cannot tell them apart,
 * GB18030 maps nearly every byte sequence.
 */
function sniffCharset(bytes: Buffer): string {
  if (isValidUtf8(bytes)) return 'utf-8';
  let pairs = 0;
  let lowTrail = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] < 0x81) continue;
    pairs++;
    if (bytes[i + 1] >= 0x40 && bytes[i + 1] <= 0x7e) lowTrail++;
    i++;
  }
  return pairs > 0 && lowTrail / pairs > BIG5_LOW_TRAIL_SHARE ? 'big5' : 'gb18030';
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasMultibyte(bytes: Buffer): boolean {
  return bytes.some((b) => b >= 0x80);
}

function decodeAs(bytes: Buffer, charset: string): DecodedBody {
  return { text: iconv.decode(bytes, charset), charset };
}
