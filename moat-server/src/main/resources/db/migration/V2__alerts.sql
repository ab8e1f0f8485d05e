-- Findings for analysts: credential-sharing signals, policy reviews and detector verdicts, each with its evidence.
CREATE TABLE alerts (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    ts            TEXT NOT NULL,
    source        TEXT NOT NULL,
    kind          TEXT NOT NULL,
    subject_kind  TEXT NOT NULL,
    subject_id    TEXT NOT NULL,
    org_id        TEXT,
    risk          REAL NOT NULL,
    action        TEXT NOT NULL,
    summary       TEXT NOT NULL,
    evidence_json TEXT NOT NULL
);
CREATE INDEX alerts_org ON alerts (org_id, seq);
