// Text from audited sites is untrusted. In a spreadsheet a cell that starts with = + - @ (or a tab/CR) turns into
// a formula or a DDE call as soon as someone edits it or saves the sheet as CSV, so such text gets a leading
// apostrophe, which keeps it readable and inert. XML 1.0 forbids most control characters: they would make the
// file unreadable, so they go too.

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;
export const TRUNCATION_MARKER = '…（内容过长，已截断）';
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const XML_ILLEGAL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Any character that might be illegal, surrogate pairs included: a quick test that spares the lookarounds of
// XML_ILLEGAL for almost every cell of a large workbook.
// eslint-disable-next-line no-control-regex
const MAYBE_XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Removes characters XML 1.0 cannot carry (control characters, lone surrogates): they would corrupt the file. */
export function stripXmlIllegal(text: string): string {
  return MAYBE_XML_ILLEGAL.test(text) ? text.replace(XML_ILLEGAL, '') : text;
}

export function neutraliseCell(text: string): string {
  let safe = stripXmlIllegal(text);
  if (FORMULA_TRIGGERS.has(safe.charAt(0))) safe = `'${safe}`;
  if (safe.length > MAX_CELL_CHARS) {
    let cut = MAX_CELL_CHARS - TRUNCATION_MARKER.length;
    // Never split a surrogate pair.
    if (/[\uD800-\uDBFF]/.test(safe.charAt(cut - 1))) cut -= 1;
    safe = safe.slice(0, cut) + TRUNCATION_MARKER;
  }
  return safe;
}

const SHEET_NAME_ILLEGAL = /[[\]:*?/\\]/g;
const MAX_SHEET_NAME = 31;

/** A legal, unique worksheet name: ≤ 31 characters, none of []:*?/\, no leading/trailing apostrophe. */
export function legalSheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const base =
    Array.from(
      name
        .replace(XML_ILLEGAL, '')
        .replace(SHEET_NAME_ILLEGAL, '_')
        .replace(/^'+|'+$/g, '')
        .trim(),
    )
      .slice(0, MAX_SHEET_NAME)
      .join('') || 'Sheet';
  const lowerTaken = new Set([...taken].map((n) => n.toLowerCase()));
  let candidate = base;
  for (let i = 2; lowerTaken.has(candidate.toLowerCase()); i++) {
    const suffix = `(${i})`;
    candidate =
      Array.from(base)
        .slice(0, MAX_SHEET_NAME - suffix.length)
        .join('') + suffix;
  }
  return candidate;
}
