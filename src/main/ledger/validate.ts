// Pure: a table read from a site list → SiteRecords, or every problem found, each by spreadsheet row and the
// column's header as written in the file, in Chinese for the person who will fix the file.
import type { ImportReport } from '../../shared/api.js';
import type { Site } from '../../shared/domain.js';
import type { SiteRecord } from '../store/sites.js';
import {
  fieldFor,
  fieldForHeader,
  NO_WORDS,
  REQUIRED_TARGETS,
  YES_WORDS,
  type FieldTarget,
} from './fields.js';
import type { LedgerTable } from './readTable.js';
import { normaliseSiteUrl } from './siteUrl.js';

export type ImportError = ImportReport['errors'][number];

export interface ValidatedRow {
  row: number;
  record: SiteRecord;
}

export interface Validation {
  records: ValidatedRow[];
  errors: ImportError[];
}

/** Observed 网站标识码 formats (indicators.md §3.2): 10 digits, bm + 8 digits, N + 9 digits. */
const SITE_CODE = /^(\d{10}|bm\d{8}|N\d{9})$/;
/** Exports prefix text that would start a formula with an apostrophe (report/cell-safety.ts); undo it. */
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;

export interface Column {
  index: number;
  header: string;
  target: FieldTarget;
  /** `info` key for info fields and unknown columns. */
  infoKey: string;
}

/**
 * Which column fills what. A known field is filled by the first column naming it; a second column naming
 * the same field (e.g. 电话 beside 联系电话), an unknown column and an unnamed column with data are kept in
 * `info` under their own header, so nothing in the file is dropped.
 */
export function mapColumns(headers: readonly string[]): Column[] {
  const taken = new Set<string>();
  const claim = (key: string) => {
    let unique = key;
    for (let n = 2; taken.has(unique); n++) unique = `${key}(${n})`;
    taken.add(unique);
    return unique;
  };
  const known = headers.map((raw, index) => {
    const header = raw.replace(/\s+/g, ' ').trim() || `第${index + 1}列`;
    const field = fieldForHeader(header);
    const key = field && (field.target === 'info' ? field.header : `:${field.target}`);
    if (field && key && (field.target === 'ignore' || !taken.has(key))) {
      taken.add(key);
      return { index, header, target: field.target, infoKey: field.header };
    }
    return { index, header, target: 'info' as const, infoKey: '' };
  });
  // Other columns are named after all known fields have claimed theirs, so no key is used twice.
  return known.map((c) => (c.infoKey ? c : { ...c, infoKey: claim(c.header) }));
}

function normaliseSiteCode(text: string): string {
  const code = text.normalize('NFKC').replace(/\s+/g, '');
  return code.replace(/^bm/i, 'bm').replace(/^n(?=\d)/, 'N');
}

function yesNo(text: string): boolean | null {
  const word = text.normalize('NFKC').trim().toLowerCase();
  if (YES_WORDS.includes(word)) return true;
  if (NO_WORDS.includes(word)) return false;
  return null;
}

/** Key under which two spellings of the same home page count as one site (scheme and final slash ignored). */
function sameSiteKey(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

export function validateLedger(table: LedgerTable, ledger: readonly Site[]): Validation {
  const columns = mapColumns(table.headers);
  const errors: ImportError[] = [];
  const missing = REQUIRED_TARGETS.filter((t) => !columns.some((c) => c.target === t));
  for (const target of missing) {
    const field = fieldFor(target);
    const also = field.synonyms.filter((s) => /\p{Script=Han}/u.test(s)).slice(0, 3);
    errors.push({
      row: table.headerRow,
      column: field.header,
      message: `表头中缺少“${field.header}”列${also.length ? `（也可写作${also.map((s) => `“${s}”`).join('、')}）` : ''}`,
    });
  }
  if (missing.length) return { records: [], errors };

  const ledgerByCode = new Map(ledger.filter((s) => s.siteCode).map((s) => [s.siteCode!, s]));
  const records: ValidatedRow[] = [];
  const rowOfUrl = new Map<string, number>();
  const rowOfCode = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const text = (c: Column) => (cells[c.index] ?? '').replace(NEUTRALISED, '');
    if (columns.every((c) => c.target === 'ignore' || text(c) === '')) continue;
    const fail = (c: Column, message: string) => errors.push({ row, column: c.header, message });
    const record: SiteRecord = { name: '', url: '' };
    const info: Record<string, string> = {};
    for (const c of columns) {
      const value = text(c);
      switch (c.target) {
        case 'ignore':
          break;
        case 'name':
          if (value) record.name = value;
          else fail(c, '网站名称为空');
          break;
        case 'url': {
          const result = normaliseSiteUrl(value);
          if ('error' in result) {
            fail(c, result.error);
            break;
          }
          record.url = result.url;
          const key = sameSiteKey(result.url);
          const first = rowOfUrl.get(key);
          if (first !== undefined)
            fail(c, `首页网址与第 ${first} 行重复（${result.url}），同一网站只能出现一次`);
          else rowOfUrl.set(key, row);
          break;
        }
        case 'siteCode': {
          if (!value) break;
          const code = normaliseSiteCode(value);
          if (!SITE_CODE.test(code)) {
            fail(c, `网站标识码“${value}”格式不正确，应为 10 位数字，或 bm 加 8 位数字，或 N 加 9 位数字`);
            break;
          }
          record.siteCode = code;
          const first = rowOfCode.get(code);
          if (first !== undefined)
            fail(c, `网站标识码 ${code} 与第 ${first} 行重复，一个标识码只属于一个网站`);
          else rowOfCode.set(code, row);
          break;
        }
        case 'sponsor':
        case 'supervisor':
        case 'siteType':
          if (value) record[c.target] = value;
          break;
        case 'publicService': {
          if (!value) break;
          const offers = yesNo(value);
          if (offers === null) fail(c, `“${value}”无法识别，请填写“是”或“否”`);
          else record.noPublicService = !offers;
          break;
        }
        case 'info':
          if (value) info[c.infoKey] = value;
          break;
      }
    }
    if (Object.keys(info).length) record.info = info;
    // A 网站标识码 belongs to one site: one already in the ledger under another home page is a conflict.
    const codeOwner = record.siteCode ? ledgerByCode.get(record.siteCode) : undefined;
    if (codeOwner && record.url && codeOwner.url !== record.url) {
      const column = columns.find((c) => c.target === 'siteCode')!.header;
      errors.push({
        row,
        column,
        message: `网站标识码 ${record.siteCode} 在台账中已属于“${codeOwner.name}”（${codeOwner.url}），请核对`,
      });
    }
    records.push({ row, record });
  }
  return { records, errors };
}
