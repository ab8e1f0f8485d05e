package dev.moat.server.store;

import dev.moat.detect.EventContent;
import dev.moat.detect.ResponseFingerprint;
import dev.moat.detect.UsageEvent;
import dev.moat.detect.UsageEventCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usage record: every event, and running totals per organisation and day kept in the same
 * transaction, so {@code /admin/v1/usage} never has to scan events. Event content (prompt and
 * response text) is kept in a table of its own beside the event's numbers, and deleted from there
 * once its retention period has passed; with retention off it is never written.
 */
public final class UsageStore {

    /** How many of the oldest content rows one expiry transaction looks at. */
    static final int EXPIRY_WINDOW = 10_000;

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

    /**
     * The usage writer's statements, prepared once on the database's connection and used for every batch (the
     * connection lives as long as the database). Touched only inside {@link Database#transaction}, under its lock.
     */
    private Connection preparedOn;
    private PreparedStatement insert;
    private PreparedStatement content;
    private PreparedStatement totals;
    private PreparedStatement fingerprints;

    private void prepare(Connection c) throws SQLException {
        if (c == preparedOn) {
            insert.clearBatch();
            content.clearBatch();
            totals.clearBatch();
            fingerprints.clearBatch();
            return;
        }
        insert = c.prepareStatement("INSERT INTO usage_events (seq, id, ts, org_id, key_id,"
                + " status, action, prompt_tokens, completion_tokens, reasoning_tokens, event_json)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?)");
        content = c.prepareStatement("INSERT INTO usage_content (seq, ts, content_json) VALUES (?,?,?)");
        totals = c.prepareStatement("INSERT INTO usage_totals (org_id, day, requests, denied,"
                + " prompt_tokens, completion_tokens, reasoning_tokens) VALUES (?,?,?,?,?,?,?)"
                + " ON CONFLICT (org_id, day) DO UPDATE SET requests = requests + excluded.requests,"
                + " denied = denied + excluded.denied,"
                + " prompt_tokens = prompt_tokens + excluded.prompt_tokens,"
                + " completion_tokens = completion_tokens + excluded.completion_tokens,"
                + " reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens");
        fingerprints = c.prepareStatement(
                "INSERT OR IGNORE INTO response_fingerprints (event_id, org_id, account_id, ts, bins) VALUES (?,?,?,?,?)");
        preparedOn = c;
    }

    /** Stores a batch of events and their totals in one transaction. */
    public void append(Collection<UsageEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        db.transaction("storing " + events.size() + " usage events", c -> {
            prepare(c);
            // One writer (this store, under the database's lock) numbers the batch itself, so the content rows
            // can carry their event's seq without a round trip per row for the generated key.
            long seq = lastSeq(c);
            Map<OrgDay, long[]> dayTotals = new HashMap<>();
            for (UsageEvent event : events) {
                seq++;
                // The time's text once per event (it goes into three rows and names the day).
                String ts = InstantText.of(event.ts());
                insert.setLong(1, seq);
                insert.setString(2, event.id());
                insert.setString(3, ts);
                insert.setString(4, event.orgId());
                insert.setString(5, event.keyId());
                insert.setInt(6, event.response().status());
                insert.setString(7, event.decision().action());
                insert.setLong(8, event.response().promptTokens());
                insert.setLong(9, event.response().completionTokens());
                insert.setLong(10, event.response().reasoningTokens());
                insert.setString(11, UsageEventCodec.toJson(event.withoutContent()));
                insert.addBatch();
                EventContent text = event.content();
                if (contentRetention.isPresent() && !text.isEmpty()) {
                    content.setLong(1, seq);
                    content.setString(2, ts);
                    content.setString(3, UsageEventCodec.contentToJson(text));
                    content.addBatch();
                }
                long[] sums = dayTotals.computeIfAbsent(new OrgDay(event.orgId(), InstantText.day(ts)), k -> new long[5]);
                sums[0]++;
                sums[1] += event.decision().denied() ? 1 : 0;
                sums[2] += event.response().promptTokens();
                sums[3] += event.response().completionTokens();
                sums[4] += event.response().reasoningTokens();
                Optional<ResponseFingerprint> fingerprint = ResponseFingerprint.of(event);
                if (fingerprint.isPresent()) {
                    fingerprints.setString(1, event.id());
                    fingerprints.setString(2, event.orgId());
                    fingerprints.setString(3, event.accountId());
                    fingerprints.setString(4, ts);
                    fingerprints.setString(5, fingerprint.get().encodedBins());
                    fingerprints.addBatch();
                }
            }
            insert.executeBatch();
            content.executeBatch();
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
            fingerprints.executeBatch();
            return null;
        });
    }

    /** The highest seq ever given to an event (AUTOINCREMENT never hands one out twice, even after deletes). */
    private static long lastSeq(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(COALESCE((SELECT MAX(seq) FROM usage_events), 0),"
                     + " COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'usage_events'), 0))")) {
            rs.next();
            return rs.getLong(1);
        }
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

    /** The most recent events, newest first, with their content while it is retained; all organisations when {@code orgId} is empty. */
    public List<UsageEvent> recent(Optional<String> orgId, int limit) {
        return db.read("reading usage events", c -> {
            String sql = "SELECT e.event_json, c.content_json FROM usage_events e LEFT JOIN usage_content c ON c.seq = e.seq"
                    + (orgId.isPresent() ? " WHERE e.org_id = ?" : "") + " ORDER BY e.seq DESC LIMIT ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (orgId.isPresent()) {
                    s.setString(i++, orgId.get());
                }
                s.setInt(i, limit);
                List<UsageEvent> events = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UsageEvent event = UsageEventCodec.fromJson(rs.getString(1));
                        String content = rs.getString(2);
                        events.add(content == null ? event : event.withContent(UsageEventCodec.contentFromJson(content)));
                    }
                }
                return events;
            }
        });
    }

    /**
     * Deletes the content of events older than the retention configured now (all of it when retention is
     * off, so turning retention off or shortening it applies to what is already stored); returns how
     * many. Content rows are taken oldest first in windows of {@value #EXPIRY_WINDOW}, each window in its
     * own short transaction so the usage writer is never held up for long, until a window holds nothing
     * to delete. Events are stored in about the order of their timestamps (a long stream is stored when
     * it ends), so content behind a younger event's waits at most as long as the longest request, on top
     * of the sweep interval.
     */
    public int expireContent(Instant now) {
        // ISO-8601 instants as text sort in time order to the second (within one second, "…:00Z" and "…:00.5Z" may
        // sort either way): content goes at most a second early or one sweep late
        String cutoff = now.minus(contentRetention.orElse(Duration.ZERO)).toString();
        int expired = 0;
        while (true) {
            int deleted = db.transaction("expiring event content", c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM usage_content WHERE seq IN"
                        + " (SELECT seq FROM usage_content ORDER BY seq LIMIT ?) AND ts <= ?")) {
                    s.setInt(1, EXPIRY_WINDOW);
                    s.setString(2, cutoff);
                    return s.executeUpdate();
                }
            });
            if (deleted == 0) {
                return expired;
            }
            expired += deleted;
        }
    }
}
