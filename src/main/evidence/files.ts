import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EvidenceRef } from '../../shared/domain.js';

export function sha256(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Workspace-relative path of a content-addressed file: evidence/ab/abcdef….ext */
export function evidencePath(hash: string, ext: string): string {
  return path.posix.join('evidence', hash.slice(0, 2), `${hash}.${ext}`);
}

/**
 * Writes bytes under their own hash (never under a name derived from audited text). The write goes to a
 * temporary file first and is renamed into place, so a crash never leaves a half-written evidence file.
 */
export function writeEvidenceFile(
  workspaceDir: string,
  data: Buffer,
  ext: string,
  kind: EvidenceRef['kind'],
): EvidenceRef {
  if (!/^[a-z0-9]{1,5}$/.test(ext)) throw new Error(`bad evidence extension: ${ext}`);
  const hash = sha256(data);
  const rel = evidencePath(hash, ext);
  const abs = path.join(workspaceDir, rel);
  if (!fs.existsSync(abs)) {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const tmp = `${abs}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, abs);
  }
  return { path: rel, sha256: hash, kind };
}
