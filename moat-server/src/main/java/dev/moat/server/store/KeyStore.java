package dev.moat.server.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moat.server.identity.ApiKey;
import dev.moat.server.identity.Limits;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** API keys: only their hashes, entitlements and limits. */
public final class KeyStore {

    private final Database db;

    public KeyStore(Database db) {
        this.db = db;
    }

    public void insert(ApiKey key) {
        db.transaction("creating key " + key.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (id, org_id, account_id, name,"
                    + " secret_sha256, models_json, requests_per_minute, tokens_per_minute, tokens_per_day, created_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, key.id());
                s.setString(2, key.orgId());
                s.setString(3, key.accountId());
                s.setString(4, key.name());
                s.setString(5, key.secretSha256());
                s.setString(6, Json.write(new TreeSet<>(key.models())));
                s.setLong(7, key.limits().requestsPerMinute());
                s.setLong(8, key.limits().tokensPerMinute());
                s.setLong(9, key.limits().tokensPerDay());
                s.setString(10, key.createdAt().toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Marks the key revoked; returns it as stored, or empty when there is no such key. */
    public Optional<ApiKey> revoke(String id, Instant at) {
        return db.transaction("revoking key " + id, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")) {
                s.setString(1, at.toString());
                s.setString(2, id);
                if (s.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM api_keys WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return Optional.of(map(rs));
                }
            }
        });
    }

    /** Every key that has not been revoked. */
    public List<ApiKey> active() {
        return db.read("loading keys", c -> {
            List<ApiKey> keys = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM api_keys WHERE revoked_at IS NULL");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(map(rs));
                }
            }
            return keys;
        });
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        String revoked = rs.getString("revoked_at");
        return new ApiKey(
                rs.getString("id"),
                rs.getString("org_id"),
                rs.getString("account_id"),
                rs.getString("name"),
                rs.getString("secret_sha256"),
                Json.read(rs.getString("models_json"), new TypeReference<Set<String>>() { }),
                new Limits(rs.getLong("requests_per_minute"), rs.getLong("tokens_per_minute"), rs.getLong("tokens_per_day")),
                Instant.parse(rs.getString("created_at")),
                revoked == null ? Optional.empty() : Optional.of(Instant.parse(revoked)));
    }
}
