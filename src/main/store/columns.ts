import type { ColumnCategory } from '../../shared/domain.js';
import type { Db } from './database.js';
import { nowIso } from './json.js';

/** The confirmed column inventory of a site (一网一台账) with the user's overrides. */
export interface LedgerColumn {
  id: number;
  siteId: number;
  name: string;
  url: string | null;
  category: ColumnCategory | null;
  level: number | null;
  excluded: boolean;
  confirmed: boolean;
}

interface ColumnRow {
  id: number;
  site_id: number;
  name: string;
  url: string | null;
  category: string | null;
  level: number | null;
  excluded: number;
  confirmed: number;
}

function toColumn(row: ColumnRow): LedgerColumn {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    url: row.url,
    category: row.category as ColumnCategory | null,
    level: row.level,
    excluded: row.excluded === 1,
    confirmed: row.confirmed === 1,
  };
}

export class ColumnRepo {
  constructor(private readonly db: Db) {}

  list(siteId: number): LedgerColumn[] {
    return (
      this.db.prepare('SELECT * FROM columns WHERE site_id = ? ORDER BY id').all(siteId) as ColumnRow[]
    ).map(toColumn);
  }

  /** Records the user's decision about a column; it survives re-runs because it lives in the ledger. */
  upsert(col: Omit<LedgerColumn, 'id'>): LedgerColumn {
    this.db
      .prepare(
        `INSERT INTO columns (site_id, name, url, category, level, excluded, confirmed, updated_at)
         VALUES (@siteId, @name, @url, @category, @level, @excluded, @confirmed, @now)
         ON CONFLICT(site_id, name, url) DO UPDATE SET category = excluded.category, level = excluded.level,
           excluded = excluded.excluded, confirmed = excluded.confirmed, updated_at = excluded.updated_at`,
      )
      .run({ ...col, excluded: col.excluded ? 1 : 0, confirmed: col.confirmed ? 1 : 0, now: nowIso() });
    const row = this.db
      .prepare('SELECT * FROM columns WHERE site_id = ? AND name = ? AND url IS ?')
      .get(col.siteId, col.name, col.url) as ColumnRow;
    return toColumn(row);
  }
}
