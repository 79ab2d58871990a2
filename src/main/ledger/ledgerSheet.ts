// Pure: the ledger as the rows of 政府网站基本信息表, in the column order of LEDGER_FIELDS, followed by the
// columns a county's own template added (kept in `info`). Importing these rows gives the same sites back.
import type { Site } from '../../shared/domain.js';
import { LEDGER_FIELDS, OTHER_COLUMN_WIDTH, type LedgerField } from './fields.js';

export interface LedgerSheet {
  headers: string[];
  /** Column widths in characters, aligned with `headers`. */
  widths: number[];
  /** One row of text per site, aligned with `headers`; not yet neutralised for spreadsheets. */
  rows: string[][];
}

function fieldValue(field: LedgerField, site: Site, index: number): string {
  switch (field.target) {
    case 'ignore':
      return String(index + 1);
    case 'name':
    case 'url':
      return site[field.target];
    case 'siteCode':
    case 'sponsor':
    case 'supervisor':
    case 'siteType':
      return site[field.target] ?? '';
    case 'publicService':
      return site.noPublicService ? '否' : '是';
    case 'info':
      return site.info[field.header] ?? '';
  }
}

export function ledgerSheet(sites: readonly Site[]): LedgerSheet {
  const fieldInfoKeys = new Set(LEDGER_FIELDS.filter((f) => f.target === 'info').map((f) => f.header));
  const otherKeys = [...new Set(sites.flatMap((s) => Object.keys(s.info)))].filter(
    (k) => !fieldInfoKeys.has(k),
  );
  return {
    headers: [...LEDGER_FIELDS.map((f) => f.header), ...otherKeys],
    widths: [...LEDGER_FIELDS.map((f) => f.width), ...otherKeys.map(() => OTHER_COLUMN_WIDTH)],
    rows: sites.map((site, i) => [
      ...LEDGER_FIELDS.map((f) => fieldValue(f, site, i)),
      ...otherKeys.map((k) => site.info[k] ?? ''),
    ]),
  };
}
