// What "the same run" means when two workstations hand in a run with one id: the same evidence chain (which
// commits to every evidence file and finding row) and the same scoring (a rescore changes scores without
// necessarily touching the chain). Reviews and rectifications are the receiving workspace's own business.
import crypto from 'node:crypto';
import { CHAIN_GENESIS } from '../evidence/chain.js';
import type { Workspace } from '../store/workspace.js';

export interface RunDigestInput {
  chainHead: string;
  rulePack: string;
  rulePackVersion: string;
  sites: { url: string; verdict: string; score: number | null; bonus: number }[];
}

export function runDigest(input: RunDigestInput): string {
  const sites = [...input.sites]
    .sort((a, b) => a.url.localeCompare(b.url))
    .map((s) => [s.url, s.verdict, s.score, s.bonus]);
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([input.chainHead, input.rulePack, input.rulePackVersion, sites]))
    .digest('hex');
}

/** The digest of a run already in the workspace, or null when the workspace has no run with that id. */
export function workspaceRunDigest(ws: Workspace, runId: string): string | null {
  const run = ws.runs.get(runId);
  if (!run) return null;
  const sites = ws.runs.sites(runId).map((entry) => ({
    url: ws.sites.get(entry.siteId)?.url ?? '',
    verdict: entry.score?.verdict ?? '待确认',
    score: entry.score?.score ?? null,
    bonus: entry.score?.bonus ?? 0,
  }));
  const head = ws.chain.entries(runId).at(-1)?.hash ?? CHAIN_GENESIS;
  return runDigest({ chainHead: head, rulePack: run.rulePack, rulePackVersion: run.rulePackVersion, sites });
}
