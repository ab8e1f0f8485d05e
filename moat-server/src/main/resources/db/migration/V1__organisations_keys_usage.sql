-- Organisations, their accounts and API keys, and the usage record.
-- Only a SHA-256 hash of each key secret is stored; the secret itself is shown once at creation.

CREATE TABLE orgs (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    country             TEXT NOT NULL,
    contact_email       TEXT,
    tier                TEXT NOT NULL,
    status              TEXT NOT NULL,
    intended_use        TEXT,
    owners_json         TEXT NOT NULL,
    screening_json      TEXT,
    requests_per_minute INTEGER NOT NULL DEFAULT 0,
    tokens_per_minute   INTEGER NOT NULL DEFAULT 0,
    tokens_per_day      INTEGER NOT NULL DEFAULT 0,
    payment_fingerprint TEXT,
    email_domain        TEXT,
    signup_ip           TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX orgs_status ON orgs (status);

CREATE TABLE org_status_changes (
    org_id      TEXT NOT NULL REFERENCES orgs (id),
    at          TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    note        TEXT,
    actor       TEXT NOT NULL
);
CREATE INDEX org_status_changes_org ON org_status_changes (org_id);

CREATE TABLE accounts (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES orgs (id),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE api_keys (
    id                  TEXT PRIMARY KEY,
    org_id              TEXT NOT NULL REFERENCES orgs (id),
    account_id          TEXT NOT NULL REFERENCES accounts (id),
    name                TEXT NOT NULL,
    secret_sha256       TEXT NOT NULL UNIQUE,
    models_json         TEXT NOT NULL,
    requests_per_minute INTEGER NOT NULL DEFAULT 0,
    tokens_per_minute   INTEGER NOT NULL DEFAULT 0,
    tokens_per_day      INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    revoked_at          TEXT
);
CREATE INDEX api_keys_org ON api_keys (org_id);

CREATE TABLE usage_events (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    id                  TEXT NOT NULL UNIQUE,
    ts                  TEXT NOT NULL,
    org_id              TEXT NOT NULL,
    key_id              TEXT NOT NULL,
    status              INTEGER NOT NULL,
    action              TEXT NOT NULL,
    prompt_tokens       INTEGER NOT NULL,
    completion_tokens   INTEGER NOT NULL,
    reasoning_tokens    INTEGER NOT NULL,
    event_json          TEXT NOT NULL,
    content_expires_at  TEXT
);
CREATE INDEX usage_events_org ON usage_events (org_id, seq);
CREATE INDEX usage_events_content_expiry ON usage_events (content_expires_at) WHERE content_expires_at IS NOT NULL;

-- Running totals per organisation and UTC day, updated in the same transaction as the events.
CREATE TABLE usage_totals (
    org_id            TEXT NOT NULL,
    day               TEXT NOT NULL,
    requests          INTEGER NOT NULL,
    denied            INTEGER NOT NULL,
    prompt_tokens     INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    reasoning_tokens  INTEGER NOT NULL,
    PRIMARY KEY (org_id, day)
);
