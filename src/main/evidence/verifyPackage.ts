import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResultsJson } from '../../shared/domain.js';
import { readPackage } from '../report/package.js';
import { canonicalFinding } from '../store/findings.js';
import type { ChainKind } from './chain.js';
import { sha256 } from './files.js';
import { verifyChain, type IntegrityProblem, type VerifyReport } from './verify.js';

/**
 * Verifies package.zip: every file against the manifest, the manifest's chain link by link, each chained
 * evidence file against its chained hash, and each finding of results.json against its chained row.
 * Unpacks into a fresh temporary folder with the package reader's path and size guards.
 */
export async function verifyPackage(zipFile: string): Promise<VerifyReport> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-verify-'));
  try {
    const pkg = await readPackage(zipFile, path.join(tmp, 'package'));
    const problems: IntegrityProblem[] = [
      ...pkg.missing.map((ref) => ({
        kind: 'missing-file' as const,
        runId: pkg.manifest.run.id,
        ref,
        detail: 'listed in the manifest, absent from the package',
      })),
      ...pkg.altered.map((ref) => ({
        kind: 'modified-file' as const,
        runId: pkg.manifest.run.id,
        ref,
        detail: 'differs from the manifest',
      })),
      ...pkg.extra.map((ref) => ({
        kind: 'added-file' as const,
        runId: pkg.manifest.run.id,
        ref,
        detail: 'not listed in the manifest',
      })),
    ];
    const runId = pkg.manifest.run.id;
    const entries = pkg.manifest.chain.entries.map((e) => ({ ...e, kind: e.kind as ChainKind }));
    const latest = verifyChain(runId, pkg.manifest.chain.head, entries, problems);
    const present = new Set(pkg.manifest.files.map((f) => f.path));
    for (const [key, entry] of latest) {
      if (!key.startsWith('e:') || !present.has(entry.ref) || pkg.missing.includes(entry.ref)) continue;
      if (sha256(fs.readFileSync(path.join(pkg.dir, ...entry.ref.split('/')))) !== entry.payloadHash) {
        problems.push({
          kind: 'modified-file',
          runId,
          ref: entry.ref,
          detail: 'evidence differs from what was chained at capture',
        });
      }
    }
    let findings = 0;
    const resultsFile = path.join(pkg.dir, 'results.json');
    if (fs.existsSync(resultsFile)) {
      const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as ResultsJson;
      for (const f of results.sites.flatMap((s) => s.findings)) {
        findings++;
        const entry = latest.get(`f:${f.id}`);
        const payload = sha256(
          canonicalFinding({ ...f, evidence: f.evidence.map((e) => ({ ...e, kind: 'other' as const })) }),
        );
        if (!entry || entry.kind !== 'finding')
          problems.push({
            kind: 'added-finding',
            runId,
            ref: f.id,
            detail: 'finding not in the evidence chain',
          });
        else if (entry.payloadHash !== payload)
          problems.push({
            kind: 'edited-finding',
            runId,
            ref: f.id,
            detail: 'finding differs from what was chained',
          });
      }
    }
    return {
      runs: [{ id: runId, head: pkg.manifest.chain.head, entries: entries.length }],
      files: pkg.manifest.files.length,
      findings,
      problems,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
