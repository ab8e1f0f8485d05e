-- Content-free MinHash fingerprints of responses (64 bytes each), kept after content retention expires,
-- so that a leaked dataset can be traced back to the accounts that received it (moat trace).
CREATE TABLE response_fingerprints (
    event_id   TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    account_id TEXT NOT NULL,
    ts         TEXT NOT NULL,
    bins       TEXT NOT NULL
);
