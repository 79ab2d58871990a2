import type { EvidenceRef } from '../../shared/domain.js';
import type { ReportModel } from './model.js';

/** Every evidence file the run's report rests on, once each: the run's list plus whatever findings point to. */
export function evidenceFilesOf(model: ReportModel): { path: string; sha256: string }[] {
  const byPath = new Map<string, { path: string; sha256: string }>();
  const add = (ref: { path: string; sha256: string } | EvidenceRef | undefined) => {
    if (ref && !byPath.has(ref.path)) byPath.set(ref.path, { path: ref.path, sha256: ref.sha256 });
  };
  model.evidenceFiles?.forEach(add);
  for (const site of model.sites) {
    for (const f of site.findings) {
      f.evidence.forEach(add);
      add(f.screenshot);
      add(f.thumbnail);
    }
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}
