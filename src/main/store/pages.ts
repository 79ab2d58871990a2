import type { LinkResult, PageArtifact } from '../artifacts.js';
import type { Box } from '../../shared/domain.js';
import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

export class PageRepo {
  constructor(private readonly db: Db) {}

  /** INSERT OR REPLACE: a page re-rendered after a resume replaces its earlier row, never duplicates it. */
  save(runId: string, siteId: number, page: PageArtifact): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO pages (run_id, site_id, url, final_url, status, depth, artifact_json, fetched_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(runId, siteId, page.url, page.finalUrl, page.status, page.depth, toJson(page), page.fetchedAt);
  }

  list(runId: string, siteId: number): PageArtifact[] {
    const rows = this.db
      .prepare('SELECT artifact_json FROM pages WHERE run_id = ? AND site_id = ? ORDER BY rowid')
      .all(runId, siteId) as { artifact_json: string }[];
    return rows.map((r) => fromJson<PageArtifact>(r.artifact_json, null as never));
  }

  urls(runId: string, siteId: number): string[] {
    return (
      this.db.prepare('SELECT url FROM pages WHERE run_id = ? AND site_id = ?').all(runId, siteId) as {
        url: string;
      }[]
    ).map((r) => r.url);
  }

  count(runId: string, siteId: number): number {
    return (
      this.db
        .prepare('SELECT COUNT(*) AS n FROM pages WHERE run_id = ? AND site_id = ?')
        .get(runId, siteId) as {
        n: number;
      }
    ).n;
  }
}

export interface LinkSource {
  pageUrl: string;
  tag: string;
  text: string;
  box: Box | null;
}

export class LinkRepo {
  constructor(private readonly db: Db) {}

  save(runId: string, result: LinkResult): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO links (run_id, url, outcome, status, result_json) VALUES (?, ?, ?, ?, ?)',
      )
      .run(runId, result.url, result.outcome, result.status, toJson(result));
  }

  get(runId: string, url: string): LinkResult | null {
    const row = this.db
      .prepare('SELECT result_json FROM links WHERE run_id = ? AND url = ?')
      .get(runId, url) as { result_json: string } | undefined;
    return row ? fromJson<LinkResult>(row.result_json, null as never) : null;
  }

  addSource(runId: string, siteId: number, url: string, source: LinkSource): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO link_sources (run_id, site_id, url, page_url, tag, text, box_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(runId, siteId, url, source.pageUrl, source.tag, source.text, toJson(source.box));
  }

  /** Link results of the URLs a site's pages point to, with their sources. */
  forSite(runId: string, siteId: number): { results: LinkResult[]; sources: Record<string, LinkSource[]> } {
    const sourceRows = this.db
      .prepare('SELECT url, page_url, tag, text, box_json FROM link_sources WHERE run_id = ? AND site_id = ?')
      .all(runId, siteId) as {
      url: string;
      page_url: string;
      tag: string;
      text: string;
      box_json: string | null;
    }[];
    const sources: Record<string, LinkSource[]> = {};
    for (const r of sourceRows) {
      (sources[r.url] ??= []).push({
        pageUrl: r.page_url,
        tag: r.tag,
        text: r.text,
        box: fromJson(r.box_json, null),
      });
    }
    const results: LinkResult[] = [];
    const get = this.db.prepare('SELECT result_json FROM links WHERE run_id = ? AND url = ?');
    for (const url of Object.keys(sources)) {
      const row = get.get(runId, url) as { result_json: string } | undefined;
      if (row) results.push(fromJson<LinkResult>(row.result_json, null as never));
    }
    return { results, sources };
  }
}
