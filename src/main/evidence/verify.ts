import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/database.js';
import { canonicalFinding } from '../store/findings.js';
import { CHAIN_GENESIS, linkHash, type ChainEntry, EvidenceChain } from './chain.js';
import { sha256 } from './files.js';

export type IntegrityProblemKind =
  | 'modified-file'
  | 'missing-file'
  | 'added-file'
  | 'edited-finding'
  | 'missing-finding'
  | 'added-finding'
  | 'broken-chain';

export interface IntegrityProblem {
  kind: IntegrityProblemKind;
  runId: string | null;
  ref: string;
  detail: string;
}

export interface VerifyReport {
  runs: { id: string; head: string; entries: number }[];
  files: number;
  findings: number;
  problems: IntegrityProblem[];
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

/** Checks each link of a run's chain; returns the latest entry per ref for the content checks. */
export function verifyChain(
  runId: string,
  storedHead: string | null,
  entries: ChainEntry[],
  problems: IntegrityProblem[],
): Map<string, ChainEntry> {
  let prev = CHAIN_GENESIS;
  let broken = false;
  const latest = new Map<string, ChainEntry>();
  entries.forEach((entry, index) => {
    const expected = linkHash(prev, entry.kind, entry.ref, entry.payloadHash);
    if (!broken && (entry.hash !== expected || entry.seq !== index + 1)) {
      problems.push({
        kind: 'broken-chain',
        runId,
        ref: String(entry.seq),
        detail: `chain entry ${entry.seq} (${entry.kind} ${entry.ref}) does not follow from the one before`,
      });
      broken = true;
    }
    prev = entry.hash;
    latest.set(`${entry.kind === 'evidence' ? 'e' : 'f'}:${entry.ref}`, entry);
  });
  if (!broken && (storedHead ?? CHAIN_GENESIS) !== prev && entries.length > 0) {
    problems.push({
      kind: 'broken-chain',
      runId,
      ref: 'head',
      detail: `recorded head ${storedHead} differs from the chain's last hash ${prev}`,
    });
  }
  return latest;
}

/**
 * Re-hashes every evidence file and finding row of a workspace and re-walks each run's chain, naming every
 * file that was modified, removed or added, every finding row edited, removed or added, and any break.
 * What it proves: the material is unaltered since capture. Not what the server meant.
 */
export function verifyWorkspace(dir: string, db: Db): VerifyReport {
  const problems: IntegrityProblem[] = [];
  const chain = new EvidenceChain(db);
  const runs = db.prepare('SELECT id, chain_head FROM runs ORDER BY started_at').all() as {
    id: string;
    chain_head: string | null;
  }[];
  const recordedFiles = new Set<string>();
  let findingCount = 0;
  const report: VerifyReport = { runs: [], files: 0, findings: 0, problems };
  for (const run of runs) {
    const entries = chain.entries(run.id);
    const latest = verifyChain(run.id, run.chain_head, entries, problems);
    report.runs.push({ id: run.id, head: entries.at(-1)?.hash ?? CHAIN_GENESIS, entries: entries.length });
    for (const [key, entry] of latest) {
      if (!key.startsWith('e:')) continue;
      recordedFiles.add(entry.ref);
      const file = path.join(dir, entry.ref);
      if (!fs.existsSync(file)) {
        problems.push({
          kind: 'missing-file',
          runId: run.id,
          ref: entry.ref,
          detail: 'evidence file removed',
        });
      } else if (sha256(fs.readFileSync(file)) !== entry.payloadHash) {
        problems.push({
          kind: 'modified-file',
          runId: run.id,
          ref: entry.ref,
          detail: 'evidence file content changed since capture',
        });
      }
    }
    const rows = db
      .prepare(
        'SELECT id, fingerprint, type, url, page_url, detail, evidence_json FROM findings WHERE run_id = ?',
      )
      .all(run.id) as {
      id: string;
      fingerprint: string;
      type: string;
      url: string;
      page_url: string;
      detail: string;
      evidence_json: string;
    }[];
    const seen = new Set<string>();
    for (const row of rows) {
      findingCount++;
      seen.add(row.id);
      const entry = latest.get(`f:${row.id}`);
      const payload = sha256(
        canonicalFinding({
          id: row.id,
          fingerprint: row.fingerprint,
          type: row.type as never,
          url: row.url,
          pageUrl: row.page_url,
          detail: row.detail,
          evidence: JSON.parse(row.evidence_json) as { sha256: string; path: string; kind: never }[],
        }),
      );
      if (!entry || entry.kind === 'finding-removed') {
        problems.push({
          kind: 'added-finding',
          runId: run.id,
          ref: row.id,
          detail: 'finding row not in the evidence chain',
        });
      } else if (entry.payloadHash !== payload) {
        problems.push({
          kind: 'edited-finding',
          runId: run.id,
          ref: row.id,
          detail: 'finding row differs from what was chained',
        });
      }
    }
    for (const [key, entry] of latest) {
      if (key.startsWith('f:') && entry.kind === 'finding' && !seen.has(entry.ref)) {
        problems.push({
          kind: 'missing-finding',
          runId: run.id,
          ref: entry.ref,
          detail: 'chained finding row deleted',
        });
      }
    }
  }
  for (const file of walk(path.join(dir, 'evidence'))) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    report.files++;
    if (!recordedFiles.has(rel))
      problems.push({
        kind: 'added-file',
        runId: null,
        ref: rel,
        detail: 'file not recorded in any evidence chain',
      });
  }
  report.findings = findingCount;
  return report;
}
