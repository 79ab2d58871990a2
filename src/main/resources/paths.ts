import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's resources/ folder, found upwards from this module (source under tsx, or the built
 * bundle in out/). The packaged desktop app passes process.resourcesPath instead.
 */
export function resourcesDir(): string {
  const fromEnv = process.env['AUDIT_RESOURCES'];
  if (fromEnv) return fromEnv;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'rules'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('resources/ folder not found; set AUDIT_RESOURCES');
}
