import type { Db } from '../store/database.js';
import { sha256 } from './files.js';

export type ChainKind = 'evidence' | 'finding' | 'finding-removed';

export interface ChainEntry {
  seq: number;
  kind: ChainKind;
  ref: string;
  payloadHash: string;
  hash: string;
}

export const CHAIN_GENESIS = '0'.repeat(64);

export function linkHash(prev: string, kind: ChainKind, ref: string, payloadHash: string): string {
  return sha256(`${prev}\n${kind}\n${ref}\n${payloadHash}`);
}

/**
 * Per-run hash chain over evidence files and finding rows. Each entry commits to the previous one,
 * so removing, reordering or editing any entry breaks every hash after it; the head is printed in the report.
 */
export class EvidenceChain {
  constructor(private readonly db: Db) {}

  entries(runId: string): ChainEntry[] {
    return (
      this.db
        .prepare('SELECT seq, kind, ref, payload_hash, hash FROM chain WHERE run_id = ? ORDER BY seq')
        .all(runId) as { seq: number; kind: ChainKind; ref: string; payload_hash: string; hash: string }[]
    ).map((r) => ({ seq: r.seq, kind: r.kind, ref: r.ref, payloadHash: r.payload_hash, hash: r.hash }));
  }

  head(runId: string): string {
    const row = this.db
      .prepare('SELECT hash FROM chain WHERE run_id = ? ORDER BY seq DESC LIMIT 1')
      .get(runId) as { hash: string } | undefined;
    return row?.hash ?? CHAIN_GENESIS;
  }

  /** Appends an entry unless the same (kind, ref, payload) is already the latest for that ref. */
  append(runId: string, kind: ChainKind, ref: string, payloadHash: string): string {
    const last = this.db
      .prepare('SELECT kind, payload_hash FROM chain WHERE run_id = ? AND ref = ? ORDER BY seq DESC LIMIT 1')
      .get(runId, ref) as { kind: ChainKind; payload_hash: string } | undefined;
    if (last && last.kind === kind && last.payload_hash === payloadHash) return this.head(runId);
    const prev = this.db
      .prepare('SELECT seq, hash FROM chain WHERE run_id = ? ORDER BY seq DESC LIMIT 1')
      .get(runId) as { seq: number; hash: string } | undefined;
    const seq = (prev?.seq ?? 0) + 1;
    const hash = linkHash(prev?.hash ?? CHAIN_GENESIS, kind, ref, payloadHash);
    this.db
      .prepare('INSERT INTO chain (run_id, seq, kind, ref, payload_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, seq, kind, ref, payloadHash, hash);
    this.db.prepare('UPDATE runs SET chain_head = ? WHERE id = ?').run(hash, runId);
    return hash;
  }
}
