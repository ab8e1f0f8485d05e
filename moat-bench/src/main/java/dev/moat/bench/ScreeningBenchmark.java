package dev.moat.bench;

import dev.moat.screening.NameComparison;
import dev.moat.screening.ScreeningDecision;
import dev.moat.screening.ScreeningIndex;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Screenings per second against the full 2021 OFAC SDN list (8,976 entries, about 20,000 names
 * with aliases): candidate retrieval from the index, scoring, supporting facts and the decision,
 * over the seeded query mix of {@link ScreeningBenchmarkData}. {@code compare} measures one name
 * comparison alone, normalisation of both names included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ScreeningBenchmark {

    private ScreeningIndex index;
    private String[] queries;

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            next = (next + 1) & (ScreeningBenchmarkData.QUERIES - 1);
            return next;
        }
    }

    @Setup
    public void setUp() {
        index = ScreeningBenchmarkData.sdnIndex();
        queries = ScreeningBenchmarkData.queries(index);
    }

    @Benchmark
    public ScreeningDecision screen(Cursor cursor) {
        return index.screen(queries[cursor.advance()]);
    }

    @Benchmark
    public NameComparison compare(Cursor cursor) {
        int i = cursor.advance();
        return index.score(queries[i], queries[(i + 1) & (ScreeningBenchmarkData.QUERIES - 1)], Optional.empty());
    }
}
