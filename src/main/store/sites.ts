import type { Site, SiteInput } from '../../shared/domain.js';
import type { Db } from './database.js';
import { fromJson, nowIso, toJson } from './json.js';

interface SiteRow {
  id: number;
  name: string;
  url: string;
  site_code: string | null;
  sponsor: string | null;
  supervisor: string | null;
  site_type: string | null;
  info_json: string;
  no_public_service: number;
  created_at: string;
}

export interface SiteRecord extends SiteInput {
  sponsor?: string | null;
  supervisor?: string | null;
  siteType?: string | null;
  info?: Record<string, string>;
  noPublicService?: boolean;
}

function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    siteCode: row.site_code,
    sponsor: row.sponsor,
    supervisor: row.supervisor,
    siteType: row.site_type,
    info: fromJson(row.info_json, {}),
    noPublicService: row.no_public_service === 1,
    createdAt: row.created_at,
  };
}

export class SiteRepo {
  constructor(private readonly db: Db) {}

  list(): Site[] {
    return (this.db.prepare('SELECT * FROM sites ORDER BY id').all() as SiteRow[]).map(toSite);
  }

  get(id: number): Site | null {
    const row = this.db.prepare('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined;
    return row ? toSite(row) : null;
  }

  byUrl(url: string): Site | null {
    const row = this.db.prepare('SELECT * FROM sites WHERE url = ?').get(url) as SiteRow | undefined;
    return row ? toSite(row) : null;
  }

  /** Inserts a site or updates the one with the same home URL; fields not given keep their value. */
  upsert(record: SiteRecord): Site {
    const now = nowIso();
    const existing = this.byUrl(record.url);
    if (existing) {
      this.db
        .prepare(
          `UPDATE sites SET name = ?, site_code = ?, sponsor = ?, supervisor = ?, site_type = ?, info_json = ?,
           no_public_service = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          record.name,
          record.siteCode ?? existing.siteCode,
          record.sponsor ?? existing.sponsor,
          record.supervisor ?? existing.supervisor,
          record.siteType ?? existing.siteType,
          toJson({ ...existing.info, ...record.info }),
          (record.noPublicService ?? existing.noPublicService) ? 1 : 0,
          now,
          existing.id,
        );
      return this.get(existing.id)!;
    }
    const info = this.db
      .prepare(
        `INSERT INTO sites (name, url, site_code, sponsor, supervisor, site_type, info_json, no_public_service,
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.name,
        record.url,
        record.siteCode ?? null,
        record.sponsor ?? null,
        record.supervisor ?? null,
        record.siteType ?? null,
        toJson(record.info ?? {}),
        record.noPublicService ? 1 : 0,
        now,
        now,
      );
    return this.get(Number(info.lastInsertRowid))!;
  }

  /** Edits a site of the ledger, its home URL included. */
  update(id: number, record: SiteRecord): Site {
    const existing = this.get(id);
    if (!existing) throw new Error(`site ${id} not found`);
    this.db.prepare('UPDATE sites SET url = ? WHERE id = ?').run(record.url, id);
    return this.upsert(record);
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM sites WHERE id = ?').run(id);
  }
}
