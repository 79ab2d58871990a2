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

  /**
   * Rewrites a stored page's artifact in place (a screenshot taken after the crawl), keeping its row and
   * so its place in the crawl order, which INSERT OR REPLACE would move to the end.
   */
  updateArtifact(runId: string, siteId: number, page: PageArtifact): void {
    this.db
      .prepare('UPDATE pages SET artifact_json = ? WHERE run_id = ? AND site_id = ? AND url = ?')
      .run(toJson(page), runId, siteId, page.url);
  }

  list(runId: string, siteId: number): PageArtifact[] {
    const rows = this.db
      .prepare('SELECT artifact_json FROM pages WHERE run_id = ? AND site_id = ? ORDER BY rowid')
      .all(runId, siteId) as { artifact_json: string }[];
    return rows.map((r) => fromJson<PageArtifact>(r.artifact_json, null as never));
  }

  get(runId: string, url: string): PageArtifact | null {
    const row = this.db
      .prepare('SELECT artifact_json FROM pages WHERE run_id = ? AND url = ?')
      .get(runId, url) as { artifact_json: string } | undefined;
    return row ? fromJson<PageArtifact>(row.artifact_json, null as never) : null;
  }

  /**
   * Copies a site's pages of an earlier run into a targeted re-check run, all but the ones it re-visits.
   * INSERT OR IGNORE: repeating it after a resume never overwrites a page the re-check already rendered.
   */
  carryOver(fromRun: string, toRun: string, siteId: number, revisited: ReadonlySet<string>): number {
    const rows = this.db
      .prepare('SELECT * FROM pages WHERE run_id = ? AND site_id = ? ORDER BY rowid')
      .all(fromRun, siteId) as PageRow[];
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO pages (run_id, site_id, url, final_url, status, depth, artifact_json, fetched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let copied = 0;
    for (const r of rows) {
      if (revisited.has(r.url)) continue;
      copied += insert.run(
        toRun,
        siteId,
        r.url,
        r.final_url,
        r.status,
        r.depth,
        r.artifact_json,
        r.fetched_at,
      ).changes;
    }
    return copied;
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

interface PageRow {
  url: string;
  final_url: string | null;
  status: number | null;
  depth: number;
  artifact_json: string;
  fetched_at: string;
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

  /**
   * Copies a site's link sources and link results of an earlier run into a targeted re-check run: not the
   * sources on the pages it re-renders (their links are read again), not the results of the links it
   * re-checks. INSERT OR IGNORE, so a resumed re-check keeps what it already found.
   */
  carryOver(
    fromRun: string,
    toRun: string,
    siteId: number,
    revisited: { pages: ReadonlySet<string>; links: ReadonlySet<string> },
  ): void {
    const sources = this.db
      .prepare('SELECT url, page_url, tag, text, box_json FROM link_sources WHERE run_id = ? AND site_id = ?')
      .all(fromRun, siteId) as {
      url: string;
      page_url: string;
      tag: string;
      text: string;
      box_json: string | null;
    }[];
    const insertSource = this.db.prepare(
      `INSERT OR IGNORE INTO link_sources (run_id, site_id, url, page_url, tag, text, box_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const copyResult = this.db.prepare(
      `INSERT OR IGNORE INTO links (run_id, url, outcome, status, result_json)
       SELECT ?, url, outcome, status, result_json FROM links WHERE run_id = ? AND url = ?`,
    );
    const urls = new Set<string>();
    for (const s of sources) {
      urls.add(s.url);
      if (!revisited.pages.has(s.page_url))
        insertSource.run(toRun, siteId, s.url, s.page_url, s.tag, s.text, s.box_json);
    }
    for (const url of urls) if (!revisited.links.has(url)) copyResult.run(toRun, fromRun, url);
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
