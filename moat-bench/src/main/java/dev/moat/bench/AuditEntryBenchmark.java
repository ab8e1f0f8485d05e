package dev.moat.bench;

import dev.moat.audit.CanonicalJson;
import dev.moat.server.store.InstantText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The usage writer's audit work per request before the entry is queued: an {@code access.decision} entry built as
 * {@code AuditTrail.accessDecision} builds it (a map in insertion order) and written in canonical JSON
 * ({@link CanonicalJson#toBytes}, what {@code TransparencyLog.appendJson} hashes and stores) — the time's text made
 * beforehand, so that this measures the canonical writer. {@code instantToString} and {@code instantText} are the
 * time's text as the JDK's formatter writes it and as {@link InstantText} does (session 11), which the writer makes
 * for every event's rows and audit entry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditEntryBenchmark {

    private final Instant at = Instant.parse("2026-11-28T16:43:05.123Z");
    private final String time = at.toString();
    private long seq;

    @Benchmark
    public String instantToString() {
        return at.plusMillis(seq++ & 1023).toString();
    }

    @Benchmark
    public String instantText() {
        return InstantText.of(at.plusMillis(seq++ & 1023));
    }

    @Benchmark
    public byte[] accessDecision() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", seq++);
        entry.put("time", time);
        entry.put("kind", "access.decision");
        entry.put("actor", "key_01JDX3K9Q2WZ8F7M4N6P");
        entry.put("subject", "org_01JDX3K9Q2WZ8F7M4N6Q");
        entry.put("outcome", "review");
        entry.put("reasons", List.of("rule:review-new-orgs"));
        entry.put("request_id", "req_m3x9k2p1abcdefghij0123");
        entry.put("status", 200);
        entry.put("model", "gpt-4o-mini");
        entry.put("country", "US");
        entry.put("network", "residential");
        return CanonicalJson.toBytes(entry);
    }
}
