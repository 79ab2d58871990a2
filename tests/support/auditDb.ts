// Reading the workspace database of a CLI run from a test, read-only: what the kill-and-resume tests compare
// (every page, link result and finding, order-free) and how far a running audit has got.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type AuditDb = Database.Database;

export function readAuditDb<T>(workspace: string, read: (db: AuditDb) => T): T {
  const db = new Database(path.join(workspace, 'audit.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Pages, link results and findings as sorted text rows: two runs that stored the same things compare equal. */
export function storedRows(db: AuditDb): { pages: string[]; links: string[]; findings: string[] } {
  const column = (sql: string) => (db.prepare(sql).pluck().all() as string[]).sort();
  return {
    pages: column('SELECT url FROM pages'),
    links: column(`SELECT url || ' ' || outcome FROM links`),
    findings: column(`SELECT type || ' ' || fingerprint FROM findings`),
  };
}

/** Pages stored so far by a running audit; 0 before its database or schema exists. */
export function storedPages(workspace: string): number {
  if (!fs.existsSync(path.join(workspace, 'audit.db'))) return 0;
  try {
    return readAuditDb(workspace, (db) => db.prepare('SELECT COUNT(*) FROM pages').pluck().get() as number);
  } catch {
    return 0; // the schema is not there yet
  }
}
