package dev.moat.bench;

import dev.moat.audit.LogSettings;
import dev.moat.audit.TransparencyLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Proofs as the server serves them: from a persisted {@link TransparencyLog} of 300,000 entries, whose nodes are
 * read from hash tiles (full tiles through the log's cache) and folded up to 127 hashes per node. Compare with
 * {@link AuditProofBenchmark}, which reads every node from memory. Setup appends the entries durably first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AuditLogProofBenchmark {
    private static final int SIZE = 300_000;

    private Path directory;
    private TransparencyLog log;
    private long[] indices;
    private int cursor;

    @Setup(Level.Trial)
    public void writeLog() throws IOException {
        directory = Files.createTempDirectory("moat-audit-proof-bench");
        log = TransparencyLog.open(LogSettings.of(directory, "bench.moat.dev/audit")
                .withBatch(8192, Duration.ofMillis(200)).withQueueCapacity(SIZE));
        CompletableFuture<Long> last = null;
        for (int i = 0; i < SIZE; i++) {
            last = log.append(("{\"kind\":\"admin.action\",\"n\":" + i + "}").getBytes());
        }
        last.join();
        SplittableRandom random = new SplittableRandom(6962);
        indices = new long[1024];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = random.nextLong(SIZE);
        }
    }

    private long next() {
        cursor = (cursor + 1) & (indices.length - 1);
        return indices[cursor];
    }

    @Benchmark
    public List<byte[]> inclusionProof() {
        return log.inclusionProof(next(), SIZE);
    }

    @Benchmark
    public List<byte[]> consistencyProof() {
        return log.consistencyProof(1 + next(), SIZE);
    }

    @TearDown(Level.Trial)
    public void removeLog() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
