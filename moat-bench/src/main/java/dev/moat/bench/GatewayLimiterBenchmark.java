package dev.moat.bench;

import dev.moat.server.identity.Limits;
import dev.moat.server.limit.LocalRateLimiter;
import dev.moat.server.limit.RateLimiter;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request's limit work on {@link LocalRateLimiter}: reserve a request and its token budget
 * from a key and its organisation (all three limits set, never reached), then settle to the
 * actual usage. {@code reserveSettle} takes prebuilt principals, as {@code LimitStage} does since session 11 (it
 * makes them once per key and organisation record); {@code stageLike} also builds them the way the stage did per
 * request until then (string concatenation, {@code Limits.orElse}); {@code contended} runs two threads on the
 * same organisation's buckets, as two event loops would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GatewayLimiterBenchmark {

    private static final Limits KEY_LIMITS = new Limits(100_000_000, 1_000_000_000, 1_000_000_000_000L);
    private static final Limits ORG_LIMITS = new Limits(0, 1_000_000_000, 1_000_000_000_000L);
    private static final long RESERVED = 412 + 512;
    private static final long USED = 412 + 58;

    private LocalRateLimiter limiter;
    private List<RateLimiter.Principal> principals;

    @Setup
    public void setUp() {
        limiter = new LocalRateLimiter();
        principals = List.of(new RateLimiter.Principal("key:key_bench", KEY_LIMITS),
                new RateLimiter.Principal("org:org_bench", ORG_LIMITS));
    }

    @Benchmark
    public RateLimiter.Outcome reserveSettle() {
        return reserveAndSettle(principals);
    }

    @Benchmark
    public RateLimiter.Outcome stageLike() {
        String keyId = "key_bench";
        String orgId = "org_bench";
        return reserveAndSettle(List.of(new RateLimiter.Principal("key:" + keyId, KEY_LIMITS.orElse(Limits.NONE)),
                new RateLimiter.Principal("org:" + orgId, ORG_LIMITS)));
    }

    @Benchmark
    @Threads(2)
    public RateLimiter.Outcome contended() {
        return reserveAndSettle(principals);
    }

    private RateLimiter.Outcome reserveAndSettle(List<RateLimiter.Principal> who) {
        RateLimiter.Outcome outcome = limiter.reserve(who, RESERVED);
        if (outcome instanceof RateLimiter.Reservation reservation) {
            limiter.settle(reservation, USED);
        }
        return outcome;
    }
}
