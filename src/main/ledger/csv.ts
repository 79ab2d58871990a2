// CSV as Excel and WPS write it (RFC 4180): fields separated by commas (tabs in "Unicode text" saves), quoted
// when they hold a separator, a quote or a line break, quotes doubled inside quotes, CRLF between records.

/** Tab when the first line has tabs and no commas (Excel's "Unicode 文本"), otherwise comma. */
function separatorOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

/** Records of fields. A quote only opens a quoted field at the start of a field, as in Excel. */
export function parseCsv(text: string): string[][] {
  const sep = separatorOf(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      const close = quotedFieldEnd(text, i + 1);
      field = text.slice(i + 1, close).replace(/""/g, '"');
      i = close + 1;
      // Text between the closing quote and the next separator is kept, as Excel does.
      continue;
    }
    if (ch === sep) {
      record.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Index of the quote closing a quoted field opened before `from` (or the end of the text). */
function quotedFieldEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return text.length;
    if (text[q + 1] !== '"') return q;
    i = q + 2;
  }
}

function quoteField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(records: readonly (readonly string[])[]): string {
  return records.map((r) => r.map(quoteField).join(',')).join('\r\n') + '\r\n';
}
