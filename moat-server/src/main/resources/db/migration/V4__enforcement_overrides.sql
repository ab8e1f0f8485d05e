-- Analysts' overrides of the detector's enforcement: one per organisation or key, each with the reason
-- and an expiry (ISO-8601 instants in whole seconds, so that text order is time order). Expired rows no
-- longer apply and are deleted lazily, the next time overrides are loaded or changed.
CREATE TABLE enforcement_overrides (
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('org', 'key')),
    subject_id   TEXT NOT NULL,
    action       TEXT NOT NULL,
    note         TEXT NOT NULL,
    set_at       TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id)
);
CREATE INDEX enforcement_overrides_expiry ON enforcement_overrides (expires_at);
