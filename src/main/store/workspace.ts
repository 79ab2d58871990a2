import fs from 'node:fs';
import path from 'node:path';
import type { EvidenceRef } from '../../shared/domain.js';
import { EvidenceChain } from '../evidence/chain.js';
import { evidencePath, sha256, writeEvidenceFile } from '../evidence/files.js';
import type { Finding } from '../../shared/domain.js';
import { ColumnRepo } from './columns.js';
import { openWorkspaceDb, writeTx, type Db, type OpenDbOptions } from './database.js';
import { canonicalFinding, FindingRepo } from './findings.js';
import { nowIso } from './json.js';
import { LinkRepo, PageRepo } from './pages.js';
import { ProbeRepo } from './probes.js';
import { RectificationRepo } from './rectifications.js';
import { ReviewRepo } from './reviews.js';
import { RunRepo } from './runs.js';
import { SettingsRepo } from './settings.js';
import { SiteRepo } from './sites.js';

/** One workspace: audit.db plus the evidence folder, with a repository per aggregate. */
export class Workspace {
  readonly sites: SiteRepo;
  readonly columns: ColumnRepo;
  readonly runs: RunRepo;
  readonly pages: PageRepo;
  readonly links: LinkRepo;
  readonly probes: ProbeRepo;
  readonly findings: FindingRepo;
  readonly reviews: ReviewRepo;
  readonly rectifications: RectificationRepo;
  readonly settings: SettingsRepo;
  readonly chain: EvidenceChain;

  private constructor(
    readonly dir: string,
    readonly db: Db,
  ) {
    this.sites = new SiteRepo(db);
    this.columns = new ColumnRepo(db);
    this.runs = new RunRepo(db);
    this.pages = new PageRepo(db);
    this.links = new LinkRepo(db);
    this.probes = new ProbeRepo(db);
    this.findings = new FindingRepo(db);
    this.reviews = new ReviewRepo(db);
    this.rectifications = new RectificationRepo(db);
    this.settings = new SettingsRepo(db);
    this.chain = new EvidenceChain(db);
  }

  static open(dir: string, opts: Pick<OpenDbOptions, 'quickCheck'> = {}): Workspace {
    const abs = path.resolve(dir);
    fs.mkdirSync(path.join(abs, 'evidence'), { recursive: true });
    return new Workspace(abs, openWorkspaceDb(abs, opts));
  }

  tx<T>(fn: () => T): T {
    return writeTx(this.db, fn);
  }

  /** Stores an evidence file, records it and chains it into the run. */
  putEvidence(runId: string, data: Buffer, ext: string, kind: EvidenceRef['kind']): EvidenceRef {
    const file = this.absolute(evidencePath(sha256(data), ext));
    const existed = fs.existsSync(file);
    const ref = writeEvidenceFile(this.dir, data, ext, kind);
    try {
      this.tx(() => {
        this.db
          .prepare(
            'INSERT OR IGNORE INTO evidence (sha256, path, kind, bytes, created_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(ref.sha256, ref.path, kind, data.length, nowIso());
        this.chain.append(runId, 'evidence', ref.path, ref.sha256);
      });
    } catch (error) {
      // A file this call added but could not record (disk full) is in no chain: verify would report it as
      // planted evidence. Remove it so a failed write leaves the workspace as it was.
      if (!existed) fs.rmSync(file, { force: true });
      throw error;
    }
    return ref;
  }

  /**
   * Removes evidence files (and temporary files) that no evidence row records: what a process killed
   * between writing a file and recording it leaves behind. Returns their paths for the log.
   */
  removeUnrecordedEvidence(): string[] {
    const recorded = new Set(
      (this.db.prepare('SELECT path FROM evidence').all() as { path: string }[]).map((r) => r.path),
    );
    const removed: string[] = [];
    const root = path.join(this.dir, 'evidence');
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const abs = path.join(entry.parentPath, entry.name);
      const rel = path.relative(this.dir, abs).split(path.sep).join('/');
      if (recorded.has(rel)) continue;
      fs.rmSync(abs, { force: true });
      removed.push(rel);
    }
    return removed;
  }

  /**
   * Replaces a site's findings for a run and chains them: each new or changed row is appended, each row
   * that disappeared (e.g. after a rescore) is chained as removed, all in one transaction.
   */
  saveSiteFindings(runId: string, siteId: number, findings: Finding[], derivedIds: Set<string>): void {
    this.tx(() => {
      const before = new Set(this.findings.list(runId, siteId).map((f) => f.id));
      this.findings.replaceForSite(runId, siteId, findings, derivedIds);
      for (const f of findings) {
        before.delete(f.id);
        this.chain.append(runId, 'finding', f.id, sha256(canonicalFinding(f)));
      }
      for (const removed of before) this.chain.append(runId, 'finding-removed', removed, '-');
    });
  }

  absolute(relPath: string): string {
    return path.join(this.dir, relPath);
  }

  close(): void {
    this.db.close();
  }
}
