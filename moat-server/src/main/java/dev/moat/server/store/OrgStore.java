package dev.moat.server.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moat.server.identity.Limits;
import dev.moat.server.identity.OrgStatus;
import dev.moat.server.identity.Organisation;
import dev.moat.server.identity.Owner;
import dev.moat.server.identity.KeySecrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Organisations, their status history and their accounts. */
public final class OrgStore {

    private static final String COLUMNS = "id, name, country, contact_email, tier, status, intended_use, owners_json,"
            + " screening_json, requests_per_minute, tokens_per_minute, tokens_per_day, payment_fingerprint,"
            + " signup_ip, created_at, updated_at";

    private final Database db;

    public OrgStore(Database db) {
        this.db = db;
    }

    public void insert(Organisation org, String actor) {
        db.transaction("creating organisation " + org.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO orgs (" + COLUMNS
                    + ", email_domain) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, org.id());
                s.setString(2, org.name());
                s.setString(3, org.country());
                s.setString(4, org.contactEmail());
                s.setString(5, org.tier());
                s.setString(6, org.status().wireName());
                s.setString(7, org.intendedUse());
                s.setString(8, Json.write(org.owners()));
                s.setString(9, org.screening().orElse(null));
                s.setLong(10, org.limits().requestsPerMinute());
                s.setLong(11, org.limits().tokensPerMinute());
                s.setLong(12, org.limits().tokensPerDay());
                s.setString(13, org.paymentFingerprint().orElse(null));
                s.setString(14, org.signupIp().orElse(null));
                s.setString(15, org.createdAt().toString());
                s.setString(16, org.updatedAt().toString());
                s.setString(17, org.emailDomain());
                s.executeUpdate();
            }
            recordStatus(c, org.id(), null, org.status(), "created", actor, org.createdAt());
            return null;
        });
    }

    /** Replaces the stored screening result (after the lists changed). */
    public void updateScreening(String orgId, String screeningJson, Instant at) {
        db.transaction("storing the new screening of " + orgId, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE orgs SET screening_json = ?, updated_at = ? WHERE id = ?")) {
                s.setString(1, screeningJson);
                s.setString(2, at.toString());
                s.setString(3, orgId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Stores a status change together with its history row. */
    public void updateStatus(Organisation before, Organisation after, String note, String actor) {
        db.transaction("changing status of " + after.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE orgs SET status = ?, updated_at = ? WHERE id = ?")) {
                s.setString(1, after.status().wireName());
                s.setString(2, after.updatedAt().toString());
                s.setString(3, after.id());
                s.executeUpdate();
            }
            recordStatus(c, after.id(), before.status(), after.status(), note, actor, after.updatedAt());
            return null;
        });
    }

    private static void recordStatus(Connection c, String orgId, OrgStatus from, OrgStatus to, String note,
                                     String actor, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO org_status_changes (org_id, at, from_status, to_status, note, actor) VALUES (?,?,?,?,?,?)")) {
            s.setString(1, orgId);
            s.setString(2, at.toString());
            s.setString(3, from == null ? null : from.wireName());
            s.setString(4, to.wireName());
            s.setString(5, note);
            s.setString(6, actor);
            s.executeUpdate();
        }
    }

    public Optional<Organisation> find(String id) {
        return db.read("reading organisation " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM orgs WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /** All organisations, or those with {@code status}, oldest first. */
    public List<Organisation> list(Optional<OrgStatus> status) {
        return db.read("listing organisations", c -> {
            String sql = "SELECT " + COLUMNS + " FROM orgs" + (status.isPresent() ? " WHERE status = ?" : "")
                    + " ORDER BY created_at, id";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (status.isPresent()) {
                    s.setString(1, status.get().wireName());
                }
                List<Organisation> orgs = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        orgs.add(map(rs));
                    }
                }
                return orgs;
            }
        });
    }

    /** The id of the organisation's account called {@code name}, created if it does not exist yet. */
    public String account(String orgId, String name) {
        return db.transaction("finding account " + name + " of " + orgId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM accounts WHERE org_id = ? AND name = ?")) {
                s.setString(1, orgId);
                s.setString(2, name);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            String id = KeySecrets.newId("acct");
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO accounts (id, org_id, name, created_at) VALUES (?,?,?,?)")) {
                s.setString(1, id);
                s.setString(2, orgId);
                s.setString(3, name);
                s.setString(4, Instant.now().toString());
                s.executeUpdate();
            }
            return id;
        });
    }

    private static Organisation map(ResultSet rs) throws SQLException {
        return new Organisation(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("country"),
                rs.getString("contact_email"),
                rs.getString("tier"),
                OrgStatus.parse(rs.getString("status")).orElseThrow(),
                rs.getString("intended_use"),
                Json.read(rs.getString("owners_json"), new TypeReference<List<Owner>>() { }),
                Optional.ofNullable(rs.getString("screening_json")),
                new Limits(rs.getLong("requests_per_minute"), rs.getLong("tokens_per_minute"), rs.getLong("tokens_per_day")),
                Optional.ofNullable(rs.getString("payment_fingerprint")),
                Optional.ofNullable(rs.getString("signup_ip")),
                Instant.parse(rs.getString("created_at")),
                Instant.parse(rs.getString("updated_at")));
    }
}
