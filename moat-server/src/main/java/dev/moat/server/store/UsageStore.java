package dev.moat.server.store;

import dev.moat.detect.ResponseFingerprint;
import dev.moat.detect.UsageEvent;
import dev.moat.detect.UsageEventCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usage record: every event, and running totals per organisation and day kept in the same
 * transaction, so {@code /admin/v1/usage} never has to scan events. Event content (prompt and
 * response text) is dropped from stored events once its retention period has passed.
 */
public final class UsageStore {

    private final Database db;
    private final Optional<Duration> contentRetention;

    public UsageStore(Database db, Optional<Duration> contentRetention) {
        this.db = db;
        this.contentRetention = contentRetention;
    }

    /** The key of the daily totals table. */
    private record OrgDay(String org, String day) {
    }

    /** Totals for one organisation over all time. */
    public record Totals(String org, long requests, long promptTokens, long completionTokens,
                         long reasoningTokens, long denied) {
    }

    /** Stores a batch of events and their totals in one transaction. */
    public void append(Collection<UsageEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        db.transaction("storing " + events.size() + " usage events", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO usage_events (id, ts, org_id, key_id,"
                    + " status, action, prompt_tokens, completion_tokens, reasoning_tokens, event_json, content_expires_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement totals = c.prepareStatement("INSERT INTO usage_totals (org_id, day, requests, denied,"
                         + " prompt_tokens, completion_tokens, reasoning_tokens) VALUES (?,?,?,?,?,?,?)"
                         + " ON CONFLICT (org_id, day) DO UPDATE SET requests = requests + excluded.requests,"
                         + " denied = denied + excluded.denied,"
                         + " prompt_tokens = prompt_tokens + excluded.prompt_tokens,"
                         + " completion_tokens = completion_tokens + excluded.completion_tokens,"
                         + " reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens")) {
                Map<OrgDay, long[]> dayTotals = new HashMap<>();
                for (UsageEvent event : events) {
                    UsageEvent stored = contentRetention.isPresent() ? event : event.withoutContent();
                    boolean hasContent = contentRetention.isPresent() && hasContent(event);
                    insert.setString(1, event.id());
                    insert.setString(2, event.ts().toString());
                    insert.setString(3, event.orgId());
                    insert.setString(4, event.keyId());
                    insert.setInt(5, event.response().status());
                    insert.setString(6, event.decision().action());
                    insert.setLong(7, event.response().promptTokens());
                    insert.setLong(8, event.response().completionTokens());
                    insert.setLong(9, event.response().reasoningTokens());
                    insert.setString(10, UsageEventCodec.toJson(stored));
                    insert.setString(11, hasContent ? event.ts().plus(contentRetention.get()).toString() : null);
                    insert.addBatch();
                    long[] sums = dayTotals.computeIfAbsent(
                            new OrgDay(event.orgId(), event.ts().atZone(ZoneOffset.UTC).toLocalDate().toString()), k -> new long[5]);
                    sums[0]++;
                    sums[1] += event.decision().denied() ? 1 : 0;
                    sums[2] += event.response().promptTokens();
                    sums[3] += event.response().completionTokens();
                    sums[4] += event.response().reasoningTokens();
                }
                insert.executeBatch();
                // One upsert per organisation and day of the batch, not one per event.
                for (Map.Entry<OrgDay, long[]> sum : dayTotals.entrySet()) {
                    totals.setString(1, sum.getKey().org());
                    totals.setString(2, sum.getKey().day());
                    for (int i = 0; i < 5; i++) {
                        totals.setLong(3 + i, sum.getValue()[i]);
                    }
                    totals.addBatch();
                }
                totals.executeBatch();
            }
            try (PreparedStatement fingerprints = c.prepareStatement(
                    "INSERT OR IGNORE INTO response_fingerprints (event_id, org_id, account_id, ts, bins) VALUES (?,?,?,?,?)")) {
                for (UsageEvent event : events) {
                    Optional<ResponseFingerprint> fingerprint = ResponseFingerprint.of(event);
                    if (fingerprint.isPresent()) {
                        fingerprints.setString(1, event.id());
                        fingerprints.setString(2, event.orgId());
                        fingerprints.setString(3, event.accountId());
                        fingerprints.setString(4, event.ts().toString());
                        fingerprints.setString(5, fingerprint.get().encodedBins());
                        fingerprints.addBatch();
                    }
                }
                fingerprints.executeBatch();
            }
            return null;
        });
    }

    private static boolean hasContent(UsageEvent event) {
        return event.request().system().isPresent() || !event.request().messages().isEmpty()
                || event.response().text().isPresent();
    }

    /** Every stored response fingerprint, oldest first, for provenance tracing. */
    public void forEachFingerprint(java.util.function.Consumer<ResponseFingerprint> sink) {
        db.read("reading response fingerprints", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT event_id, org_id, account_id, ts, bins FROM response_fingerprints ORDER BY ts");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new ResponseFingerprint(rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.parse(rs.getString(4)), ResponseFingerprint.decodeBins(rs.getString(5))));
                }
            }
            return null;
        });
    }

    public Totals totals(String orgId) {
        return db.read("reading usage of " + orgId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(requests),0), COALESCE(SUM(prompt_tokens),0),"
                    + " COALESCE(SUM(completion_tokens),0), COALESCE(SUM(reasoning_tokens),0), COALESCE(SUM(denied),0)"
                    + " FROM usage_totals WHERE org_id = ?")) {
                s.setString(1, orgId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Totals(orgId, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                }
            }
        });
    }

    /** The most recent events, newest first; all organisations when {@code orgId} is empty. */
    public List<UsageEvent> recent(Optional<String> orgId, int limit) {
        return db.read("reading usage events", c -> {
            String sql = "SELECT event_json FROM usage_events" + (orgId.isPresent() ? " WHERE org_id = ?" : "")
                    + " ORDER BY seq DESC LIMIT ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (orgId.isPresent()) {
                    s.setString(i++, orgId.get());
                }
                s.setInt(i, limit);
                List<UsageEvent> events = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        events.add(UsageEventCodec.fromJson(rs.getString(1)));
                    }
                }
                return events;
            }
        });
    }

    /** Drops prompt and response text from events whose retention has expired; returns how many. */
    public int expireContent(Instant now) {
        return db.transaction("expiring event content", c -> {
            List<String[]> rewritten = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, event_json FROM usage_events WHERE content_expires_at IS NOT NULL AND content_expires_at <= ? LIMIT 10000")) {
                s.setString(1, now.toString());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UsageEvent stripped = UsageEventCodec.fromJson(rs.getString(2)).withoutContent();
                        rewritten.add(new String[] {rs.getString(1), UsageEventCodec.toJson(stripped)});
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE usage_events SET event_json = ?, content_expires_at = NULL WHERE id = ?")) {
                for (String[] row : rewritten) {
                    s.setString(1, row[1]);
                    s.setString(2, row[0]);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return rewritten.size();
        });
    }
}
