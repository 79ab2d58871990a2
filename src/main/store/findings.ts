import type { Finding } from '../../shared/domain.js';
import type { Db } from './database.js';
import { fromJson, nowIso, toJson } from './json.js';

export interface StoredFinding extends Finding {
  runId: string;
  siteId: number;
  derived: boolean;
  createdAt: string;
}

interface FindingRow {
  run_id: string;
  id: string;
  site_id: number;
  fingerprint: string;
  type: Finding['type'];
  url: string;
  page_url: string;
  detail: string;
  needs_confirmation: number;
  derived: number;
  box_json: string | null;
  data_json: string | null;
  evidence_json: string;
  created_at: string;
}

function toFinding(row: FindingRow, confirmed: Set<string>): StoredFinding {
  return {
    runId: row.run_id,
    siteId: row.site_id,
    id: row.id,
    fingerprint: row.fingerprint,
    type: row.type,
    url: row.url,
    pageUrl: row.page_url,
    detail: row.detail,
    needsConfirmation: row.needs_confirmation === 1,
    confirmed: confirmed.has(row.fingerprint),
    derived: row.derived === 1,
    box: fromJson(row.box_json, null),
    data: fromJson(row.data_json, undefined),
    evidence: fromJson(row.evidence_json, []),
    createdAt: row.created_at,
  };
}

/** The canonical text of a finding row: what the evidence chain hashes, so an edited row is detected. */
export function canonicalFinding(
  f: Pick<StoredFinding, 'id' | 'fingerprint' | 'type' | 'url' | 'pageUrl' | 'detail' | 'evidence'>,
): string {
  return JSON.stringify([
    f.id,
    f.fingerprint,
    f.type,
    f.url,
    f.pageUrl,
    f.detail,
    f.evidence.map((e) => e.sha256),
  ]);
}

export class FindingRepo {
  constructor(private readonly db: Db) {}

  /** Replaces one site's findings of a run (fact and derived) in one go: used after the site's checks ran. */
  replaceForSite(runId: string, siteId: number, findings: Finding[], derivedIds: Set<string>): void {
    this.db.prepare('DELETE FROM findings WHERE run_id = ? AND site_id = ?').run(runId, siteId);
    for (const f of findings) this.add(runId, siteId, f, derivedIds.has(f.id));
  }

  /** Adds (or replaces, by id) one finding of a site in a run. */
  add(runId: string, siteId: number, f: Finding, derived = false): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO findings (run_id, id, site_id, fingerprint, type, url, page_url, detail, needs_confirmation,
         derived, box_json, data_json, evidence_json, created_at) VALUES
         (@runId, @id, @siteId, @fingerprint, @type, @url, @pageUrl, @detail, @needs, @derived, @box, @data, @evidence, @now)`,
      )
      .run({
        runId,
        siteId,
        id: f.id,
        fingerprint: f.fingerprint,
        type: f.type,
        url: f.url,
        pageUrl: f.pageUrl,
        detail: f.detail,
        needs: f.needsConfirmation ? 1 : 0,
        derived: derived ? 1 : 0,
        box: toJson(f.box ?? null),
        data: f.data === undefined ? null : toJson(f.data),
        evidence: toJson(f.evidence),
        now: nowIso(),
      });
  }

  list(runId: string, siteId?: number): StoredFinding[] {
    const rows = (
      siteId === undefined
        ? this.db.prepare('SELECT * FROM findings WHERE run_id = ? ORDER BY site_id, rowid').all(runId)
        : this.db
            .prepare('SELECT * FROM findings WHERE run_id = ? AND site_id = ? ORDER BY rowid')
            .all(runId, siteId)
    ) as FindingRow[];
    const confirmed = this.confirmedFingerprints();
    return rows.map((r) => toFinding(r, confirmed));
  }

  get(runId: string, id: string): StoredFinding | null {
    const row = this.db.prepare('SELECT * FROM findings WHERE run_id = ? AND id = ?').get(runId, id) as
      FindingRow | undefined;
    return row ? toFinding(row, this.confirmedFingerprints()) : null;
  }

  private confirmedFingerprints(): Set<string> {
    // The latest review of a fingerprint decides; a confirmation holds across runs for the same problem.
    const rows = this.db
      .prepare(
        `SELECT fingerprint, action FROM reviews r WHERE id = (SELECT MAX(id) FROM reviews WHERE fingerprint = r.fingerprint AND site_id = r.site_id)`,
      )
      .all() as { fingerprint: string; action: string }[];
    return new Set(rows.filter((r) => r.action === 'confirm').map((r) => r.fingerprint));
  }
}
