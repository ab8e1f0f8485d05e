package dev.moat.bench;

import dev.moat.detect.UsageEvent;
import dev.moat.detect.UsageEventCodec;
import dev.moat.server.store.Database;
import dev.moat.server.store.UsageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Storing usage events as the gateway's usage writer does ({@link UsageStore#append}): a batch of
 * events, each with its daily totals and response fingerprint, in one SQLite transaction on a real
 * database file. Reported per event. The batch of 16 is what the writer gathers in its linger at
 * about 2,000 req/s; 512 is its largest batch, reached at saturation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class UsageStoreBenchmark {

    private static final int MAX_BATCH = 512;

    @Param({"16", "512"})
    public int batch;

    @Param({"true", "false"})
    public boolean content;

    private Path dir;
    private Database db;
    private UsageStore store;
    private UsageEvent template;
    private long sequence;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("moat-usage-bench");
        db = Database.open(dir);
        store = new UsageStore(db, content ? Optional.of(Duration.ofDays(30)) : Optional.empty());
        template = UsageEventCodec.fromJson(GatewayUsageEventBenchmark.EVENT);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Benchmark
    @OperationsPerInvocation(MAX_BATCH)
    public void append() {
        // Always MAX_BATCH events per invocation, in batches of `batch`, so the score is per event either way.
        for (int stored = 0; stored < MAX_BATCH; stored += batch) {
            List<UsageEvent> events = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                events.add(next());
            }
            store.append(events);
        }
    }

    /** The template event with a fresh, time-ordered id (as the gateway makes them) and timestamp. */
    private UsageEvent next() {
        long n = sequence++;
        Instant ts = Instant.parse("2026-11-27T16:00:00Z").plusMillis(n);
        String id = "evt_" + Long.toString(ts.toEpochMilli(), 36) + Long.toString(0x9e3779b97f4a7c15L * n >>> 1, 36);
        UsageEvent t = template;
        return new UsageEvent(id, ts, t.orgId(), t.accountId(), t.keyId(), t.ip(), t.country(), t.network(),
                t.userAgent(), t.api(), t.model(), t.request(), t.response(), t.decision(), t.latencyMs());
    }
}
