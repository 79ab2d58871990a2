// `merge --data DIR package.zip...`: a provincial office gathers the packages of several workstations into one
// workspace. A package is verified before anything is written; a run id the workspace already holds with the
// same content is skipped (merging twice changes nothing); the same id with other content is a conflict,
// reported and left alone: nothing already in the workspace is ever overwritten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResultsJson } from '../../shared/domain.js';
import { CHAIN_GENESIS } from '../evidence/chain.js';
import { verifyPackage } from '../evidence/verifyPackage.js';
import type { PackageManifest } from '../report/manifest.js';
import { readPackage } from '../report/package.js';
import type { Workspace } from '../store/workspace.js';
import { importRun, type ImportedRun } from './importRun.js';
import { runDigest, workspaceRunDigest } from './runDigest.js';

export type MergeStatus = 'imported' | 'unchanged' | 'conflict' | 'rejected';

export interface MergeOutcome {
  file: string;
  runId: string | null;
  status: MergeStatus;
  /** Why a package was not imported, or what to know about one that was (English, for the log). */
  detail: string;
  imported?: ImportedRun;
}

/** Chained findings the package's results.json leaves out (dismissed at the source): verify will name them. */
function unlistedChainedFindings(manifest: PackageManifest, results: ResultsJson): number {
  const latestKind = new Map<string, string>();
  for (const e of manifest.chain.entries) if (e.kind !== 'evidence') latestKind.set(e.ref, e.kind);
  const listed = new Set(results.sites.flatMap((s) => s.findings.map((f) => f.id)));
  return [...latestKind].filter(([ref, kind]) => kind === 'finding' && !listed.has(ref)).length;
}

async function mergeOne(ws: Workspace, file: string, scratch: string): Promise<MergeOutcome> {
  const verified = await verifyPackage(file);
  if (verified.problems.length > 0) {
    const first = verified.problems[0]!;
    return {
      file,
      runId: verified.runs[0]?.id ?? null,
      status: 'rejected',
      detail: `fails verification (${verified.problems.length} problems, first: ${first.kind} ${first.ref})`,
    };
  }
  const pkg = await readPackage(file, path.join(scratch, 'package'));
  const manifest = pkg.manifest;
  const resultsFile = path.join(pkg.dir, 'results.json');
  if (!fs.existsSync(resultsFile))
    return { file, runId: manifest.run.id, status: 'rejected', detail: 'package has no results.json' };
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as ResultsJson;
  if (results.run.id !== manifest.run.id)
    return {
      file,
      runId: manifest.run.id,
      status: 'rejected',
      detail: 'results.json and manifest name different runs',
    };
  const digest = runDigest({
    chainHead: manifest.chain.entries.at(-1)?.hash ?? CHAIN_GENESIS,
    rulePack: manifest.run.rulePack,
    rulePackVersion: manifest.run.rulePackVersion,
    sites: results.sites,
  });
  const existing = workspaceRunDigest(ws, manifest.run.id);
  if (existing === digest)
    return { file, runId: manifest.run.id, status: 'unchanged', detail: 'run already in the workspace' };
  if (existing !== null)
    return {
      file,
      runId: manifest.run.id,
      status: 'conflict',
      detail: 'the workspace holds a run with this id and different content; left as it is',
    };
  const imported = importRun(ws, pkg.dir, path.basename(file), manifest, results);
  const unlisted = unlistedChainedFindings(manifest, results);
  return {
    file,
    runId: manifest.run.id,
    status: 'imported',
    detail: unlisted
      ? `${unlisted} chained findings are not in results.json (dismissed at the source); verify will list them`
      : '',
    imported,
  };
}

/** Merges packages one after another, each all or nothing; one bad package does not stop the others. */
export async function mergePackages(ws: Workspace, files: readonly string[]): Promise<MergeOutcome[]> {
  const outcomes: MergeOutcome[] = [];
  for (const file of files) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-merge-'));
    try {
      outcomes.push(await mergeOne(ws, file, scratch));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcomes.push({ file, runId: null, status: 'rejected', detail: message });
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  return outcomes;
}

/** One tab-separated line per package, for the CLI. */
export function formatOutcome(o: MergeOutcome): string {
  const counts = o.imported
    ? `${o.imported.sites} sites, ${o.imported.findings} findings, ${o.imported.evidenceAdded} evidence files added, ${o.imported.evidenceShared} already present`
    : '';
  return [o.status, o.runId ?? '-', o.file, [counts, o.detail].filter(Boolean).join('; ')].join('\t');
}
