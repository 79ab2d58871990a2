// Writes one verified, unpacked package into the workspace: its evidence files (content-addressed, so a file
// another package already brought is shared, never rewritten), its sites (matched by home URL; an existing
// ledger entry is used as it is), the run with its per-site scores, the finding rows and the chain entries
// exactly as the source workspace chained them, so `verify` re-walks the same chain here.
import fs from 'node:fs';
import path from 'node:path';
import type { EvidenceRef, ResultsJson, SiteResult, SiteScore } from '../../shared/domain.js';
import { PACK_DERIVED_TYPES } from '../../shared/domain.js';
import { sha256 } from '../evidence/files.js';
import type { PackageManifest } from '../report/manifest.js';
import { nowIso, toJson } from '../store/json.js';
import type { Workspace } from '../store/workspace.js';

export interface ImportedRun {
  sites: number;
  findings: number;
  evidenceAdded: number;
  evidenceShared: number;
}

/** Where the package's reports, results.json and manifest are kept in the workspace, for provenance. */
export function importFolder(runId: string): string {
  return path.posix.join('imports', runId.replace(/[^A-Za-z0-9._-]/g, '_'));
}

function evidenceKind(file: string): EvidenceRef['kind'] {
  const ext = path.extname(file).toLowerCase();
  if (['.jpg', '.jpeg', '.png', '.webp', '.gif'].includes(ext)) return 'screenshot';
  if (ext === '.html' || ext === '.htm') return 'dom';
  if (ext === '.json') return 'http';
  return 'other';
}

/** Copies the package's evidence files that the workspace lacks; returns the ones it wrote. */
function copyEvidence(
  ws: Workspace,
  pkgDir: string,
  manifest: PackageManifest,
): { added: string[]; shared: number } {
  const added: string[] = [];
  let shared = 0;
  for (const file of manifest.files.filter((f) => f.role === 'evidence')) {
    const target = ws.absolute(file.path);
    if (fs.existsSync(target)) {
      if (sha256(fs.readFileSync(target)) !== file.sha256)
        throw new Error(
          `Workspace evidence ${file.path} does not match its name; run verify on the workspace`,
        );
      shared++;
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    fs.copyFileSync(path.join(pkgDir, ...file.path.split('/')), tmp);
    fs.renameSync(tmp, target);
    added.push(target);
  }
  return { added, shared };
}

function siteScore(site: SiteResult): SiteScore {
  return {
    verdict: site.verdict,
    score: site.score,
    bonus: site.bonus,
    vetoes: site.vetoes.map((v) => ({ ...v })) as SiteScore['vetoes'],
    deductions: site.deductions.map((d) => ({ ...d })) as SiteScore['deductions'],
    manual: site.manual.map((m) => ({ ...m })) as SiteScore['manual'],
    flags: [],
  };
}

function writeRows(
  ws: Workspace,
  source: string,
  manifest: PackageManifest,
  results: ResultsJson,
): ImportedRun {
  const run = manifest.run;
  const now = nowIso();
  ws.db
    .prepare(
      `INSERT INTO runs (id, started_at, finished_at, as_of, rule_pack, rule_pack_version, status, options_json,
       vantage_json, chain_head, recheck_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    )
    .run(
      run.id,
      run.startedAt,
      run.finishedAt,
      run.asOf,
      run.rulePack,
      run.rulePackVersion,
      run.status,
      toJson({ mergedFrom: source, generator: manifest.generator, unit: manifest.unit, mergedAt: now }),
      toJson(run.vantage),
      manifest.chain.head,
    );
  const addEvidence = ws.db.prepare(
    'INSERT OR IGNORE INTO evidence (sha256, path, kind, bytes, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  for (const file of manifest.files.filter((f) => f.role === 'evidence'))
    addEvidence.run(file.sha256, file.path, evidenceKind(file.path), file.size, now);
  const addRunSite = ws.db.prepare(
    `INSERT INTO run_sites (run_id, site_id, status, score_json, columns_json, availability_json)
     VALUES (?, ?, 'done', ?, ?, ?)`,
  );
  const derivedTypes = new Set<string>(PACK_DERIVED_TYPES);
  let findings = 0;
  for (const site of results.sites) {
    const siteId = (
      ws.sites.byUrl(site.url) ?? ws.sites.upsert({ name: site.name, url: site.url, siteCode: site.siteCode })
    ).id;
    addRunSite.run(
      run.id,
      siteId,
      toJson(siteScore(site)),
      toJson(site.columns.map((c) => ({ ...c, windowDays: null }))),
      toJson(site.availability),
    );
    for (const f of site.findings) {
      ws.findings.add(
        run.id,
        siteId,
        {
          ...f,
          needsConfirmation: false,
          confirmed: false,
          evidence: f.evidence.map((e) => ({ ...e, kind: evidenceKind(e.path) })),
        },
        derivedTypes.has(f.type),
      );
      findings++;
    }
  }
  const addChain = ws.db.prepare(
    'INSERT INTO chain (run_id, seq, kind, ref, payload_hash, hash) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const e of manifest.chain.entries) addChain.run(run.id, e.seq, e.kind, e.ref, e.payloadHash, e.hash);
  return { sites: results.sites.length, findings, evidenceAdded: 0, evidenceShared: 0 };
}

/** Keeps the package's reports, results.json and manifest.json under imports/<run id>/ in the workspace. */
function keepProvenance(ws: Workspace, pkgDir: string, manifest: PackageManifest): void {
  const dir = ws.absolute(importFolder(manifest.run.id));
  fs.mkdirSync(dir, { recursive: true });
  const kept = manifest.files.filter((f) => f.role !== 'evidence').map((f) => f.path);
  for (const name of [...kept, 'manifest.json'])
    fs.copyFileSync(path.join(pkgDir, name), path.join(dir, name));
}

/**
 * Imports a package whose run id the workspace does not have. Evidence files and the provenance copy are written
 * first; the rows go in one transaction, and if that fails the files this import added are removed: all or nothing.
 */
export function importRun(
  ws: Workspace,
  pkgDir: string,
  source: string,
  manifest: PackageManifest,
  results: ResultsJson,
): ImportedRun {
  const evidence = copyEvidence(ws, pkgDir, manifest);
  try {
    keepProvenance(ws, pkgDir, manifest);
    const imported = ws.tx(() => writeRows(ws, source, manifest, results));
    return { ...imported, evidenceAdded: evidence.added.length, evidenceShared: evidence.shared };
  } catch (error) {
    for (const file of evidence.added) fs.rmSync(file, { force: true });
    fs.rmSync(ws.absolute(importFolder(manifest.run.id)), { recursive: true, force: true });
    throw error;
  }
}
