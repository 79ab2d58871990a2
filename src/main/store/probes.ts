import type { Probe } from '../artifacts.js';
import type { Db } from './database.js';

export interface StoredProbe extends Probe {
  siteId: number;
}

export class ProbeRepo {
  constructor(private readonly db: Db) {}

  add(siteId: number, probe: Probe, runId: string | null = null, evidenceSha: string | null = null): void {
    this.db
      .prepare(
        `INSERT INTO probes (site_id, at, ok, latency_ms, status, error, local_network, run_id, evidence_sha)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        siteId,
        probe.at,
        probe.ok ? 1 : 0,
        probe.latencyMs,
        probe.status,
        probe.error,
        probe.localNetwork ? 1 : 0,
        runId,
        evidenceSha,
      );
  }

  /** Probes of a site taken in [from, to) (ISO instants), plus those a run took itself (`--probes N`). */
  forAudit(siteId: number, fromIso: string, toIso: string, runId: string): StoredProbe[] {
    const rows = this.db
      .prepare('SELECT * FROM probes WHERE site_id = ? AND ((at >= ? AND at < ?) OR run_id = ?) ORDER BY at')
      .all(siteId, fromIso, toIso, runId) as {
      site_id: number;
      at: string;
      ok: number;
      latency_ms: number | null;
      status: number | null;
      error: string | null;
      local_network: number;
    }[];
    const site = this.db.prepare('SELECT url FROM sites WHERE id = ?').get(siteId) as
      { url: string } | undefined;
    return rows.map((r) => ({
      siteId: r.site_id,
      siteUrl: site?.url ?? '',
      at: r.at,
      ok: r.ok === 1,
      latencyMs: r.latency_ms,
      status: r.status,
      error: r.error,
      localNetwork: r.local_network === 1,
    }));
  }
}
