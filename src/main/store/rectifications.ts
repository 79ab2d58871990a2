import type { Db } from './database.js';
import { nowIso } from './json.js';

export type RectificationStatus = '待整改' | '整改中' | '已整改' | '无需整改';
export type RecheckResult = '已整改' | '未整改' | '新增';

export interface Rectification {
  siteId: number;
  fingerprint: string;
  measure: string;
  owner: string;
  deadline: string | null;
  status: RectificationStatus;
  notes: string;
  recheck: RecheckResult | null;
  recheckRun: string | null;
  updatedAt: string;
}

interface RectRow {
  site_id: number;
  fingerprint: string;
  measure: string;
  owner: string;
  deadline: string | null;
  status: RectificationStatus;
  notes: string;
  recheck: RecheckResult | null;
  recheck_run: string | null;
  updated_at: string;
}

function toRect(r: RectRow): Rectification {
  return {
    siteId: r.site_id,
    fingerprint: r.fingerprint,
    measure: r.measure,
    owner: r.owner,
    deadline: r.deadline,
    status: r.status,
    notes: r.notes,
    recheck: r.recheck,
    recheckRun: r.recheck_run,
    updatedAt: r.updated_at,
  };
}

/** The rectification ledger (整改台账): one row per problem, keyed by its fingerprint across runs. */
export class RectificationRepo {
  constructor(private readonly db: Db) {}

  get(siteId: number, fingerprint: string): Rectification | null {
    const row = this.db
      .prepare('SELECT * FROM rectifications WHERE site_id = ? AND fingerprint = ?')
      .get(siteId, fingerprint) as RectRow | undefined;
    return row ? toRect(row) : null;
  }

  list(siteId?: number): Rectification[] {
    const rows = (
      siteId === undefined
        ? this.db.prepare('SELECT * FROM rectifications ORDER BY site_id, deadline').all()
        : this.db.prepare('SELECT * FROM rectifications WHERE site_id = ? ORDER BY deadline').all(siteId)
    ) as RectRow[];
    return rows.map(toRect);
  }

  update(
    siteId: number,
    fingerprint: string,
    patch: Partial<Omit<Rectification, 'siteId' | 'fingerprint' | 'updatedAt'>>,
  ): Rectification {
    const current = this.get(siteId, fingerprint);
    const next = {
      measure: patch.measure ?? current?.measure ?? '',
      owner: patch.owner ?? current?.owner ?? '',
      deadline: patch.deadline !== undefined ? patch.deadline : (current?.deadline ?? null),
      status: patch.status ?? current?.status ?? '待整改',
      notes: patch.notes ?? current?.notes ?? '',
      recheck: patch.recheck !== undefined ? patch.recheck : (current?.recheck ?? null),
      recheckRun: patch.recheckRun !== undefined ? patch.recheckRun : (current?.recheckRun ?? null),
    };
    this.db
      .prepare(
        `INSERT INTO rectifications (site_id, fingerprint, measure, owner, deadline, status, notes, recheck, recheck_run, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(site_id, fingerprint) DO UPDATE SET measure = excluded.measure, owner = excluded.owner,
           deadline = excluded.deadline, status = excluded.status, notes = excluded.notes, recheck = excluded.recheck,
           recheck_run = excluded.recheck_run, updated_at = excluded.updated_at`,
      )
      .run(
        siteId,
        fingerprint,
        next.measure,
        next.owner,
        next.deadline,
        next.status,
        next.notes,
        next.recheck,
        next.recheckRun,
        nowIso(),
      );
    return this.get(siteId, fingerprint)!;
  }
}
