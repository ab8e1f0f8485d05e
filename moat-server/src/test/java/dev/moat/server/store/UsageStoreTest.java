package dev.moat.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.detect.Decision;
import dev.moat.detect.RequestSummary;
import dev.moat.detect.ResponseSummary;
import dev.moat.detect.UsageEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageStoreTest {

    private static UsageEvent event(String id, Instant ts, String org, boolean denied) {
        RequestSummary request = new RequestSummary(Optional.of("system prompt"), List.of(new UsageEvent.Message("user", "secret plans")),
                1, 100, OptionalDouble.empty(), 1, false, false, 0, 0, 0, false);
        ResponseSummary response = new ResponseSummary(denied ? 403 : 200, denied ? Optional.empty() : Optional.of("the answer"),
                denied ? 0 : 10, denied ? 0 : 20, 0, Optional.of("stop"));
        return new UsageEvent(id, ts, org, "acct", "key", "127.0.0.1", "US", "residential", "ua", "openai", "model-a",
                request, response, denied ? Decision.deny("org_suspended", "suspended") : Decision.ALLOW, 5);
    }

    @Test
    void totalsCountRequestsTokensAndDenials(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            UsageStore store = new UsageStore(db, Optional.of(Duration.ofDays(30)));
            Instant now = Instant.parse("2026-11-27T10:00:00Z");
            store.append(List.of(event("e1", now, "org_a", false), event("e2", now.plusSeconds(86_400), "org_a", false),
                    event("e3", now, "org_a", true), event("e4", now, "org_b", false)));

            UsageStore.Totals totals = store.totals("org_a");

            assertThat(totals.requests()).isEqualTo(3);
            assertThat(totals.denied()).isEqualTo(1);
            assertThat(totals.promptTokens()).isEqualTo(20);
            assertThat(totals.completionTokens()).isEqualTo(40);
            assertThat(store.recent(Optional.of("org_a"), 10)).extracting(UsageEvent::id).containsExactly("e3", "e2", "e1");
        }
    }

    @Test
    void contentIsDroppedWhenItsRetentionEnds(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            UsageStore store = new UsageStore(db, Optional.of(Duration.ofDays(30)));
            Instant then = Instant.parse("2026-10-01T00:00:00Z");
            store.append(List.of(event("old", then, "org", false), event("new", then.plus(Duration.ofDays(20)), "org", false)));

            int expired = store.expireContent(then.plus(Duration.ofDays(31)));

            assertThat(expired).isEqualTo(1);
            UsageEvent old = store.recent(Optional.of("org"), 10).get(1);
            UsageEvent fresh = store.recent(Optional.of("org"), 10).get(0);
            assertThat(old.request().messages()).isEmpty();
            assertThat(old.request().system()).isEmpty();
            assertThat(old.response().text()).isEmpty();
            assertThat(old.request().turns()).isEqualTo(1);
            assertThat(old.response().completionTokens()).isEqualTo(20);
            assertThat(fresh.response().text()).contains("the answer");
            assertThat(store.expireContent(then.plus(Duration.ofDays(31)))).isZero();
        }
    }

    @Test
    void retentionOffStoresOnlyTheNumbers(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            UsageStore store = new UsageStore(db, Optional.empty());
            store.append(List.of(event("e1", Instant.now(), "org", false)));

            UsageEvent stored = store.recent(Optional.empty(), 1).getFirst();

            assertThat(stored.request().messages()).isEmpty();
            assertThat(stored.response().text()).isEmpty();
            assertThat(stored.response().promptTokens()).isEqualTo(10);
        }
    }

    @Test
    void expiryGoesOnPastOneWindowAndKeepsWhatIsYoung(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            UsageStore store = new UsageStore(db, Optional.of(Duration.ofDays(30)));
            Instant then = Instant.parse("2026-10-01T00:00:00Z");
            int old = UsageStore.EXPIRY_WINDOW * 2 + 500;
            List<UsageEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < old; i++) {
                events.add(event("old" + i, then.plusMillis(i), "org", false));
            }
            events.add(event("young", then.plus(Duration.ofDays(10)), "org", false));
            store.append(events);

            assertThat(store.expireContent(then.plus(Duration.ofDays(31)))).isEqualTo(old);

            List<UsageEvent> stored = store.recent(Optional.of("org"), 2);
            assertThat(stored.get(0).response().text()).contains("the answer");
            assertThat(stored.get(1).response().text()).isEmpty();
            assertThat(stored.get(1).response().completionTokens()).isEqualTo(20);
        }
    }

    @Test
    void turningRetentionOffDropsContentAlreadyStored(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            Instant now = Instant.parse("2026-11-27T10:00:00Z");
            new UsageStore(db, Optional.of(Duration.ofDays(30))).append(List.of(event("e1", now, "org", false)));

            UsageStore retentionOff = new UsageStore(db, Optional.empty());

            assertThat(retentionOff.recent(Optional.empty(), 1).getFirst().request().system()).contains("system prompt");
            assertThat(retentionOff.expireContent(now.plusSeconds(1))).isEqualTo(1);
            assertThat(retentionOff.recent(Optional.empty(), 1).getFirst().request().system()).isEmpty();
        }
    }

    @Test
    void contentStoredBeforeItHadATableOfItsOwnIsMovedThereAndStillExpires(@TempDir Path dir) throws Exception {
        // A database as version 4 of the schema left it: content inside the event's JSON, with an expiry column.
        org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("moat.db").toAbsolutePath());
        org.flywaydb.core.Flyway.configure().dataSource(source).locations("classpath:db/migration").target("4").load().migrate();
        Instant then = Instant.parse("2026-10-01T00:00:00Z");
        UsageEvent legacy = event("legacy", then, "org", false);
        UsageEvent numbersOnly = event("numbers-only", then, "org", false).withoutContent();
        try (java.sql.Connection c = source.getConnection();
             java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO usage_events (id, ts, org_id, key_id, status,"
                     + " action, prompt_tokens, completion_tokens, reasoning_tokens, event_json, content_expires_at)"
                     + " VALUES (?, ?, 'org', 'key', 200, 'allow', 10, 20, 0, ?, ?)")) {
            for (UsageEvent e : List.of(legacy, numbersOnly)) {
                insert.setString(1, e.id());
                insert.setString(2, e.ts().toString());
                insert.setString(3, dev.moat.detect.UsageEventCodec.toJson(e));
                insert.setString(4, e == legacy ? then.plus(Duration.ofDays(30)).toString() : null);
                insert.executeUpdate();
            }
        }

        try (Database db = Database.open(dir)) {
            UsageStore store = new UsageStore(db, Optional.of(Duration.ofDays(30)));
            List<UsageEvent> stored = store.recent(Optional.of("org"), 10);

            assertThat(stored).extracting(UsageEvent::id).containsExactly("numbers-only", "legacy");
            assertThat(stored.get(1)).isEqualTo(legacy);
            assertThat(stored.get(0)).isEqualTo(numbersOnly);
            assertThat(store.expireContent(then.plus(Duration.ofDays(31)))).isEqualTo(1);
            assertThat(store.recent(Optional.of("org"), 10).get(1)).isEqualTo(legacy.withoutContent());
        }
    }
}
