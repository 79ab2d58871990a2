// Versioned schema. Each entry moves the database from version i to i+1 (PRAGMA user_version).
// Never edit a shipped migration: append a new one.
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    url TEXT NOT NULL UNIQUE,
    site_code TEXT,
    sponsor TEXT,
    supervisor TEXT,
    site_type TEXT,
    info_json TEXT NOT NULL DEFAULT '{}',
    no_public_service INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE columns (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    url TEXT,
    category TEXT,
    level INTEGER,
    excluded INTEGER NOT NULL DEFAULT 0,
    confirmed INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    UNIQUE(site_id, name, url)
  );
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    as_of TEXT NOT NULL,
    rule_pack TEXT NOT NULL,
    rule_pack_version TEXT NOT NULL,
    status TEXT NOT NULL,
    options_json TEXT NOT NULL,
    vantage_json TEXT NOT NULL,
    chain_head TEXT,
    recheck_of TEXT
  );
  CREATE TABLE run_sites (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    status TEXT NOT NULL,
    score_json TEXT,
    columns_json TEXT,
    availability_json TEXT,
    error TEXT,
    PRIMARY KEY (run_id, site_id)
  );
  CREATE TABLE pages (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    url TEXT NOT NULL,
    final_url TEXT,
    status INTEGER,
    depth INTEGER NOT NULL,
    artifact_json TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (run_id, url)
  );
  CREATE TABLE links (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    outcome TEXT NOT NULL,
    status INTEGER,
    result_json TEXT NOT NULL,
    PRIMARY KEY (run_id, url)
  );
  CREATE TABLE link_sources (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    site_id INTEGER NOT NULL,
    url TEXT NOT NULL,
    page_url TEXT NOT NULL,
    tag TEXT NOT NULL,
    text TEXT NOT NULL,
    box_json TEXT,
    PRIMARY KEY (run_id, url, page_url, tag)
  );
  CREATE TABLE probes (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    latency_ms INTEGER,
    status INTEGER,
    error TEXT,
    local_network INTEGER NOT NULL DEFAULT 0,
    run_id TEXT,
    evidence_sha TEXT
  );
  CREATE INDEX probes_site_at ON probes(site_id, at);
  CREATE TABLE evidence (
    sha256 TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    kind TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE findings (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    fingerprint TEXT NOT NULL,
    type TEXT NOT NULL,
    url TEXT NOT NULL,
    page_url TEXT NOT NULL,
    detail TEXT NOT NULL,
    needs_confirmation INTEGER NOT NULL DEFAULT 0,
    derived INTEGER NOT NULL DEFAULT 0,
    box_json TEXT,
    data_json TEXT,
    evidence_json TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, id)
  );
  CREATE INDEX findings_fp ON findings(site_id, fingerprint);
  CREATE TABLE chain (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    payload_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
  );
  CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('confirm', 'dismiss', 'reopen')),
    reason TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
  );
  CREATE INDEX reviews_fp ON reviews(site_id, fingerprint);
  CREATE TABLE manual_reviews (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    result TEXT NOT NULL,
    points REAL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    evidence_sha TEXT
  );
  CREATE TABLE rectifications (
    site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    measure TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    deadline TEXT,
    status TEXT NOT NULL DEFAULT '待整改',
    notes TEXT NOT NULL DEFAULT '',
    recheck TEXT,
    recheck_run TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (site_id, fingerprint)
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value_json TEXT NOT NULL
  );
  `,
  // EvidenceChain.append looks up the latest entry of a ref: without this index every append scanned the
  // run's whole chain, so saving n findings cost O(n²) (bench/store.ts: 10,000 rows at 515 rows/s).
  `
  CREATE INDEX chain_ref ON chain(run_id, ref, seq);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
