package dev.moat.server.store;

import dev.moat.detect.Action;
import dev.moat.server.enforcement.EnforcementOverride;
import dev.moat.server.enforcement.OverrideScope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Analysts' enforcement overrides, one row per organisation or key. Instants are stored in whole
 * seconds, so that comparing the ISO-8601 text compares the times; expired rows are deleted lazily
 * by {@link #active} and {@link #put}. Blocking: never on the request path (the gateway reads the
 * in-memory view).
 */
public final class EnforcementOverrideStore {

    private final Database db;

    public EnforcementOverrideStore(Database db) {
        this.db = db;
    }

    /** Stores {@code override}, replacing the subject's previous one; drops expired rows on the way. */
    public void put(EnforcementOverride override, Instant now) {
        db.transaction("storing the enforcement override of " + override.subjectId(), c -> {
            deleteExpired(c, now);
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO enforcement_overrides"
                    + " (subject_kind, subject_id, action, note, set_at, expires_at) VALUES (?,?,?,?,?,?)")) {
                s.setString(1, override.scope().wireName());
                s.setString(2, override.subjectId());
                s.setString(3, override.action().wireName());
                s.setString(4, override.note());
                s.setString(5, seconds(override.setAt()));
                s.setString(6, seconds(override.expiresAt()));
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Deletes the subject's override; true if there was a row (expired or not). */
    public boolean remove(OverrideScope scope, String subjectId) {
        return db.transaction("removing the enforcement override of " + subjectId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM enforcement_overrides WHERE subject_kind = ? AND subject_id = ?")) {
                s.setString(1, scope.wireName());
                s.setString(2, subjectId);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Every override still in force at {@code now}, after deleting the expired ones. */
    public List<EnforcementOverride> active(Instant now) {
        return db.transaction("loading enforcement overrides", c -> {
            deleteExpired(c, now);
            List<EnforcementOverride> overrides = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM enforcement_overrides ORDER BY set_at");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    overrides.add(new EnforcementOverride(OverrideScope.fromWireName(rs.getString("subject_kind")),
                            rs.getString("subject_id"), Action.fromWireName(rs.getString("action")), rs.getString("note"),
                            Instant.parse(rs.getString("set_at")), Instant.parse(rs.getString("expires_at"))));
                }
            }
            return overrides;
        });
    }

    private static void deleteExpired(java.sql.Connection c, Instant now) throws java.sql.SQLException {
        // now rounded down: only rows that have certainly expired go.
        try (PreparedStatement s = c.prepareStatement("DELETE FROM enforcement_overrides WHERE expires_at <= ?")) {
            s.setString(1, seconds(now));
            s.executeUpdate();
        }
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
