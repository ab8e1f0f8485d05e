package dev.moat.server.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alerts, kept in the database so the review queue survives restarts. */
public final class AlertStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public AlertStore(Database db) {
        this.db = db;
    }

    public void insert(Alert alert) {
        db.transaction("storing alert " + alert.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO alerts (id, ts, source, kind, subject_kind, subject_id,"
                    + " org_id, risk, action, summary, evidence_json) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, alert.id());
                s.setString(2, alert.ts().toString());
                s.setString(3, alert.source());
                s.setString(4, alert.kind());
                s.setString(5, alert.subjectKind());
                s.setString(6, alert.subjectId());
                s.setString(7, alert.orgId());
                s.setDouble(8, alert.risk());
                s.setString(9, alert.action());
                s.setString(10, alert.summary());
                s.setString(11, JSON.writeValueAsString(alert.evidence()));
                s.executeUpdate();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("alert evidence is not serialisable", e);
            }
            return null;
        });
    }

    /** The most recent alerts, newest first, optionally of one organisation. */
    public List<Alert> recent(Optional<String> orgId, int limit) {
        return db.read("reading alerts", c -> {
            String sql = "SELECT * FROM alerts" + (orgId.isPresent() ? " WHERE org_id = ?" : "") + " ORDER BY seq DESC LIMIT ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (orgId.isPresent()) {
                    s.setString(i++, orgId.get());
                }
                s.setInt(i, limit);
                List<Alert> alerts = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        alerts.add(new Alert(rs.getString("id"), Instant.parse(rs.getString("ts")), rs.getString("source"),
                                rs.getString("kind"), rs.getString("subject_kind"), rs.getString("subject_id"),
                                rs.getString("org_id"), rs.getDouble("risk"), rs.getString("action"), rs.getString("summary"),
                                evidence(rs.getString("evidence_json"))));
                    }
                }
                return alerts;
            }
        });
    }

    private static Map<String, Object> evidence(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", json);
        }
    }
}
