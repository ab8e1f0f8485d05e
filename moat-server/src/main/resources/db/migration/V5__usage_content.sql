-- Event content (system prompt, messages, response text) in a table of its own, keyed by the event's seq and
-- carrying the event's timestamp. Content has a retention period and the numbers do not: expiring it is now
-- deleting rows in seq order (against the retention configured now, so shortening it applies to what is
-- stored), where it used to be reading, re-encoding and rewriting every expired event; and the events
-- table's rows stay small (docs/benchmarks.md, fix 19).
CREATE TABLE usage_content (
    seq          INTEGER PRIMARY KEY,
    ts           TEXT NOT NULL,
    content_json TEXT NOT NULL
);

-- Content stored before this migration moves across, in the same JSON shape the store now writes.
INSERT INTO usage_content (seq, ts, content_json)
SELECT seq,
       ts,
       json_object('system', json_extract(event_json, '$.request.system'),
                   'messages', json(COALESCE(json_extract(event_json, '$.request.messages'), '[]')),
                   'text', json_extract(event_json, '$.response.text'))
FROM usage_events
WHERE content_expires_at IS NOT NULL;

UPDATE usage_events
SET event_json = json_remove(event_json, '$.request.system', '$.request.messages', '$.response.text')
WHERE content_expires_at IS NOT NULL;

DROP INDEX usage_events_content_expiry;
ALTER TABLE usage_events DROP COLUMN content_expires_at;
