package dev.moat.bench;

import dev.moat.server.observe.GatewayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The metrics the gateway counts at the end of every request: {@link GatewayMetrics#request} and
 * three {@link GatewayMetrics#tokens} calls, as {@code GatewayServer.finish} makes them. Each call
 * builds a meter id and registers it (a registry lookup) every time. {@code cachedMeters} is the
 * local experiment for the fix proposed in docs/benchmarks.md: the same meters, looked up once per
 * (route, status, model, org) and kept in a map.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GatewayMetricsBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(3);

    private GatewayMetrics metrics;
    private CachedMeters cached;

    @Setup
    public void setUp() {
        metrics = new GatewayMetrics();
        cached = new CachedMeters();
    }

    @Benchmark
    public GatewayMetrics perRequestAsToday() {
        metrics.request("/v1/chat/completions", 200, "model-a", "org_3kTMd92jL0QxW7aB", LATENCY);
        metrics.tokens("input", "model-a", "org_3kTMd92jL0QxW7aB", 412);
        metrics.tokens("output", "model-a", "org_3kTMd92jL0QxW7aB", 58);
        metrics.tokens("reasoning", "model-a", "org_3kTMd92jL0QxW7aB", 0);
        return metrics;
    }

    @Benchmark
    public CachedMeters cachedMeters() {
        cached.request("/v1/chat/completions", 200, "model-a", "org_3kTMd92jL0QxW7aB", LATENCY, 412, 58, 0);
        return cached;
    }

    /** The same meters as GatewayMetrics, registered once per label set. */
    public static final class CachedMeters {
        private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        private final Map<Labels, Meters> meters = new ConcurrentHashMap<>();

        private record Labels(String route, int status, String model, String org) {
        }

        private record Meters(Counter requests, Timer duration, Counter input, Counter output, Counter reasoning) {
        }

        void request(String route, int status, String model, String org, Duration latency, long input, long output,
                     long reasoning) {
            Meters m = meters.computeIfAbsent(new Labels(route, status, model, org), this::register);
            m.requests().increment();
            m.duration().record(latency);
            if (input > 0) {
                m.input().increment(input);
            }
            if (output > 0) {
                m.output().increment(output);
            }
            if (reasoning > 0) {
                m.reasoning().increment(reasoning);
            }
        }

        private Meters register(Labels l) {
            String status = Integer.toString(l.status());
            return new Meters(
                    Counter.builder("moat.requests").tags("route", l.route(), "status", status, "model", l.model(), "org", l.org())
                            .register(registry),
                    Timer.builder("gen_ai.client.operation.duration").tags("route", l.route(), "status", status)
                            .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                            .maximumExpectedValue(Duration.ofMinutes(5)).register(registry),
                    tokens("input", l), tokens("output", l), tokens("reasoning", l));
        }

        private Counter tokens(String type, Labels l) {
            return Counter.builder("gen_ai.client.token.usage")
                    .tags("gen_ai.token.type", type, "gen_ai.request.model", l.model(), "org", l.org()).register(registry);
        }
    }
}
