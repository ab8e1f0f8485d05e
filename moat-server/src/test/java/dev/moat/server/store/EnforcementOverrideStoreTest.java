package dev.moat.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.detect.Action;
import dev.moat.server.enforcement.EnforcementOverride;
import dev.moat.server.enforcement.OverrideScope;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overrides persist across reopening the database, one per subject, and expired rows are dropped lazily. */
class EnforcementOverrideStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static EnforcementOverride override(OverrideScope scope, String id, Action action, Duration lasting) {
        return new EnforcementOverride(scope, id, action, "ticket T-7: " + id, NOW, NOW.plus(lasting));
    }

    private static long rows(Database db) {
        return db.read("counting", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM enforcement_overrides"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void overridesSurviveReopeningAndReplaceEachOther(@TempDir Path dir) {
        EnforcementOverride keySuspended = override(OverrideScope.KEY, "key_a", Action.SUSPEND, Duration.ofDays(30));
        try (Database db = Database.open(dir)) {
            EnforcementOverrideStore store = new EnforcementOverrideStore(db);
            store.put(override(OverrideScope.ORG, "org_a", Action.THROTTLE, Duration.ofDays(30)), NOW);
            store.put(override(OverrideScope.ORG, "org_a", Action.NONE, Duration.ofDays(2)), NOW);
            store.put(keySuspended, NOW);
        }
        try (Database db = Database.open(dir)) {
            EnforcementOverrideStore store = new EnforcementOverrideStore(db);

            assertThat(store.active(NOW)).containsExactlyInAnyOrder(keySuspended,
                    override(OverrideScope.ORG, "org_a", Action.NONE, Duration.ofDays(2)));
            assertThat(store.remove(OverrideScope.KEY, "key_a")).isTrue();
            assertThat(store.remove(OverrideScope.KEY, "key_a")).isFalse();
            assertThat(store.remove(OverrideScope.KEY, "org_a")).isFalse();
            assertThat(store.active(NOW)).extracting(EnforcementOverride::subjectId).containsExactly("org_a");
        }
    }

    @Test
    void expiredRowsAreNotLoadedAndAreDeleted(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            EnforcementOverrideStore store = new EnforcementOverrideStore(db);
            store.put(override(OverrideScope.ORG, "org_short", Action.SUSPEND, Duration.ofHours(1)), NOW);
            store.put(override(OverrideScope.ORG, "org_long", Action.SUSPEND, Duration.ofDays(1)), NOW);
            assertThat(rows(db)).isEqualTo(2);

            assertThat(store.active(NOW.plus(Duration.ofHours(1))))
                    .extracting(EnforcementOverride::subjectId).containsExactly("org_long");
            assertThat(rows(db)).isEqualTo(1);
        }
    }
}
