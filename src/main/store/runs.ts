import type { AvailabilitySummary, ColumnJudgement, RunInfo, SiteScore } from '../../shared/domain.js';
import type { Db } from './database.js';
import { fromJson, nowIso, toJson } from './json.js';

interface RunRow {
  id: string;
  started_at: string;
  finished_at: string | null;
  as_of: string;
  rule_pack: string;
  rule_pack_version: string;
  status: RunInfo['status'];
  options_json: string;
  vantage_json: string;
  chain_head: string | null;
  recheck_of: string | null;
}

export interface RunRecord extends RunInfo {
  chainHead: string | null;
  recheckOf: string | null;
}

export type RunSiteStatus = 'pending' | 'crawling' | 'done' | 'failed';

export interface RunSiteRecord {
  runId: string;
  siteId: number;
  status: RunSiteStatus;
  score: SiteScore | null;
  columns: ColumnJudgement[];
  availability: AvailabilitySummary | null;
  error: string | null;
}

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    asOf: row.as_of,
    rulePack: row.rule_pack,
    rulePackVersion: row.rule_pack_version,
    status: row.status,
    options: fromJson(row.options_json, {}),
    vantage: fromJson(row.vantage_json, {
      offline: false,
      mapHost: {},
      proxy: null,
      caFile: null,
      browser: null,
    }),
    chainHead: row.chain_head,
    recheckOf: row.recheck_of,
  };
}

export class RunRepo {
  constructor(private readonly db: Db) {}

  create(run: Omit<RunRecord, 'finishedAt' | 'chainHead'>, siteIds: number[]): RunRecord {
    this.db
      .prepare(
        `INSERT INTO runs (id, started_at, as_of, rule_pack, rule_pack_version, status, options_json, vantage_json, recheck_of)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.id,
        run.startedAt,
        run.asOf,
        run.rulePack,
        run.rulePackVersion,
        run.status,
        toJson(run.options),
        toJson(run.vantage),
        run.recheckOf,
      );
    const addSite = this.db.prepare(
      `INSERT INTO run_sites (run_id, site_id, status) VALUES (?, ?, 'pending')`,
    );
    for (const siteId of siteIds) addSite.run(run.id, siteId);
    return this.get(run.id)!;
  }

  get(id: string): RunRecord | null {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  list(): RunRecord[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC').all() as RunRow[]).map(toRun);
  }

  lastUnfinished(): RunRecord | null {
    const row = this.db
      .prepare(
        `SELECT * FROM runs WHERE status IN ('running', 'paused', 'failed') ORDER BY started_at DESC LIMIT 1`,
      )
      .get() as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  setStatus(id: string, status: RunInfo['status']): void {
    const finished = status === 'done' || status === 'cancelled' ? nowIso() : null;
    this.db.prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?').run(status, finished, id);
  }

  setRulePack(id: string, rulePack: string, version: string): void {
    this.db
      .prepare('UPDATE runs SET rule_pack = ?, rule_pack_version = ? WHERE id = ?')
      .run(rulePack, version, id);
  }

  setChainHead(id: string, head: string | null): void {
    this.db.prepare('UPDATE runs SET chain_head = ? WHERE id = ?').run(head, id);
  }

  sites(runId: string): RunSiteRecord[] {
    const rows = this.db.prepare('SELECT * FROM run_sites WHERE run_id = ? ORDER BY site_id').all(runId) as {
      run_id: string;
      site_id: number;
      status: RunSiteStatus;
      score_json: string | null;
      columns_json: string | null;
      availability_json: string | null;
      error: string | null;
    }[];
    return rows.map((r) => ({
      runId: r.run_id,
      siteId: r.site_id,
      status: r.status,
      score: fromJson(r.score_json, null),
      columns: fromJson(r.columns_json, []),
      availability: fromJson(r.availability_json, null),
      error: r.error,
    }));
  }

  setSiteStatus(runId: string, siteId: number, status: RunSiteStatus, error: string | null = null): void {
    this.db
      .prepare('UPDATE run_sites SET status = ?, error = ? WHERE run_id = ? AND site_id = ?')
      .run(status, error, runId, siteId);
  }

  saveSiteScore(
    runId: string,
    siteId: number,
    score: SiteScore,
    columns: ColumnJudgement[],
    availability: AvailabilitySummary,
  ): void {
    this.db
      .prepare(
        'UPDATE run_sites SET score_json = ?, columns_json = ?, availability_json = ? WHERE run_id = ? AND site_id = ?',
      )
      .run(toJson(score), toJson(columns), toJson(availability), runId, siteId);
  }
}
