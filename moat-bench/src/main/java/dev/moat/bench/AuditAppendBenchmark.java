package dev.moat.bench;

import dev.moat.audit.CanonicalJson;
import dev.moat.audit.LogSettings;
import dev.moat.audit.TransparencyLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * Durable appends to the transparency log: each invocation queues {@value #ENTRIES} access-decision entries
 * (about 300 bytes of canonical JSON each) and waits until the last one is acknowledged, i.e. written with its
 * tiles, fsynced, and covered by a newly signed and published checkpoint. The score is entries per second.
 * {@code batchSize} is the most entries integrated under one checkpoint (one Ed25519 signature and one round
 * of fsyncs per batch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class AuditAppendBenchmark {
    private static final int ENTRIES = 2048;

    @Param({"256", "1024"})
    public int batchSize;

    private Path directory;
    private TransparencyLog log;
    private byte[][] entries;

    @Setup(Level.Trial)
    public void openLog() throws IOException {
        directory = Files.createTempDirectory("moat-audit-bench");
        log = TransparencyLog.open(LogSettings.of(directory, "bench.moat.dev/audit")
                .withBatch(batchSize, Duration.ofMillis(200)).withQueueCapacity(4 * ENTRIES));
        entries = new byte[ENTRIES][];
        for (int i = 0; i < ENTRIES; i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", "access.decision");
            entry.put("time", "2026-11-27T16:00:00." + String.format("%03d", i % 1000) + "Z");
            entry.put("actor", Map.of("org", "org_" + (i % 97), "key", "key_" + (i % 1013)));
            entry.put("subject", Map.of("model", "model-a", "ip", "203.0.113." + (i % 250), "country", "US"));
            entry.put("outcome", i % 10 == 0 ? "deny" : "review");
            entry.put("reasons", List.of("network_restricted", "policy:self-serve-no-hosting"));
            entry.put("request_id", "req_" + Integer.toHexString(0x10000000 + i));
            entries[i] = CanonicalJson.toBytes(entry);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public long appendDurably() {
        CompletableFuture<Long> last = null;
        for (byte[] entry : entries) {
            last = log.append(entry);
        }
        return last.join();
    }

    @TearDown(Level.Trial)
    public void closeLog() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
