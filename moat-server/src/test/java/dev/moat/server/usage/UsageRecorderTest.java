package dev.moat.server.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moat.detect.Decision;
import dev.moat.detect.RequestSummary;
import dev.moat.detect.ResponseSummary;
import dev.moat.detect.UsageEvent;
import dev.moat.server.store.Database;
import dev.moat.server.store.UsageStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage queue's two bounds: admission stops when either the events or their bytes would not fit. */
class UsageRecorderTest {

    private static UsageEvent eventWithText(String id, int chars) {
        RequestSummary request = new RequestSummary(Optional.empty(), List.of(new UsageEvent.Message("user", "x".repeat(chars))),
                1, 100, OptionalDouble.empty(), 1, false, false, 0, 0, 0, false);
        ResponseSummary response = new ResponseSummary(200, Optional.of("ok"), 10, 2, 0, Optional.of("stop"));
        return new UsageEvent(id, Instant.parse("2026-11-27T10:00:00Z"), "org", "acct", "key", "127.0.0.1", "US",
                "residential", "ua", "openai", "model-a", request, response, Decision.ALLOW, 5);
    }

    @Test
    void admissionStopsWhileQueuedTextExceedsTheByteBoundAndResumesOnceStored(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir)) {
            UsageStore store = new UsageStore(db, Optional.empty());
            CountDownLatch storeHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // Holding the database keeps the writer from storing, as a slow disk would.
            Thread holder = Thread.ofPlatform().start(() -> db.read("hold the store", connection -> {
                storeHeld.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            storeHeld.await(5, TimeUnit.SECONDS);
            try (UsageRecorder recorder = new UsageRecorder(store, 100, 10_000)) {
                assertThat(recorder.tryAdmit()).isTrue();
                recorder.record(eventWithText("evt_long", 6_000));

                assertThat(recorder.queuedBytes()).isGreaterThan(10_000);
                assertThat(recorder.depth()).isEqualTo(1);
                assertThat(recorder.tryAdmit()).as("99 event places are free, but the bytes are spent").isFalse();
                assertThat(recorder.hasRoom()).isFalse();

                release.countDown();
                holder.join();
                recorder.flush().get(10, TimeUnit.SECONDS);

                assertThat(recorder.queuedBytes()).isZero();
                assertThat(recorder.tryAdmit()).isTrue();
                recorder.record(eventWithText("evt_short", 10));
                recorder.flush().get(10, TimeUnit.SECONDS);
            }
            assertThat(store.recent(Optional.of("org"), 10)).extracting(UsageEvent::id).containsExactly("evt_short", "evt_long");
        }
    }

    @Test
    void theEventBoundStillHoldsForSmallEvents(@TempDir Path dir) {
        try (Database db = Database.open(dir); UsageRecorder recorder = new UsageRecorder(new UsageStore(db, Optional.empty()), 2, 1L << 30)) {
            assertThat(recorder.tryAdmit()).isTrue();
            assertThat(recorder.tryAdmit()).isTrue();
            assertThat(recorder.tryAdmit()).isFalse();
        }
    }

    @Test
    void boundsMustBePositive(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            UsageStore store = new UsageStore(db, Optional.empty());
            assertThatThrownBy(() -> new UsageRecorder(store, 0, 1)).hasMessageContaining("must be positive");
            assertThatThrownBy(() -> new UsageRecorder(store, 1, 0)).hasMessageContaining("must be positive");
        }
    }

    @Test
    void flushAndCloseDoNotWaitOutTheWritersLinger(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir)) {
            UsageStore store = new UsageStore(db, Optional.empty());
            // A linger far longer than the waits below: only the writer being woken can meet them.
            long linger = TimeUnit.MINUTES.toNanos(10);
            UsageRecorder recorder = new UsageRecorder(store, 100, 1L << 30, linger);
            assertThat(recorder.tryAdmit()).isTrue();
            recorder.record(eventWithText("evt_flushed", 10));
            recorder.flush().get(20, TimeUnit.SECONDS);
            assertThat(store.recent(Optional.of("org"), 10)).extracting(UsageEvent::id).containsExactly("evt_flushed");

            assertThat(recorder.tryAdmit()).isTrue();
            recorder.record(eventWithText("evt_closed", 10));
            recorder.close();
            assertThat(store.recent(Optional.of("org"), 10)).extracting(UsageEvent::id)
                    .containsExactly("evt_closed", "evt_flushed");
        }
    }
}
