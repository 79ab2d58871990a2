import type { Db } from './database.js';
import { nowIso } from './json.js';

export type ReviewAction = 'confirm' | 'dismiss' | 'reopen';

export interface Review {
  siteId: number;
  fingerprint: string;
  action: ReviewAction;
  reason: string;
  reviewer: string;
  at: string;
}

export interface ManualReview {
  id: number;
  siteId: number;
  item: string;
  result: string;
  points: number | null;
  reviewer: string;
  at: string;
  evidenceSha: string | null;
}

/** A person's decisions: confirmations and dismissals (误报) of findings, and results of manual items. */
export class ReviewRepo {
  constructor(private readonly db: Db) {}

  add(review: Omit<Review, 'at'>): Review {
    const at = nowIso();
    this.db
      .prepare(
        'INSERT INTO reviews (site_id, fingerprint, action, reason, reviewer, at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(review.siteId, review.fingerprint, review.action, review.reason, review.reviewer, at);
    return { ...review, at };
  }

  /** The latest decision per fingerprint of a site. */
  latest(siteId: number): Map<string, Review> {
    const rows = this.db
      .prepare(
        'SELECT site_id, fingerprint, action, reason, reviewer, at FROM reviews WHERE site_id = ? ORDER BY id',
      )
      .all(siteId) as {
      site_id: number;
      fingerprint: string;
      action: ReviewAction;
      reason: string;
      reviewer: string;
      at: string;
    }[];
    const map = new Map<string, Review>();
    for (const r of rows) {
      map.set(r.fingerprint, {
        siteId: r.site_id,
        fingerprint: r.fingerprint,
        action: r.action,
        reason: r.reason,
        reviewer: r.reviewer,
        at: r.at,
      });
    }
    return map;
  }

  addManual(review: Omit<ManualReview, 'id' | 'at'>): ManualReview {
    const at = nowIso();
    const info = this.db
      .prepare(
        'INSERT INTO manual_reviews (site_id, item, result, points, reviewer, at, evidence_sha) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(review.siteId, review.item, review.result, review.points, review.reviewer, at, review.evidenceSha);
    return { ...review, id: Number(info.lastInsertRowid), at };
  }

  /** The latest result per manual item of a site. */
  manual(siteId: number): ManualReview[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM manual_reviews m WHERE site_id = ? AND id = (SELECT MAX(id) FROM manual_reviews WHERE site_id = m.site_id AND item = m.item) ORDER BY item`,
      )
      .all(siteId) as {
      id: number;
      site_id: number;
      item: string;
      result: string;
      points: number | null;
      reviewer: string;
      at: string;
      evidence_sha: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      item: r.item,
      result: r.result,
      points: r.points,
      reviewer: r.reviewer,
      at: r.at,
      evidenceSha: r.evidence_sha,
    }));
  }
}
