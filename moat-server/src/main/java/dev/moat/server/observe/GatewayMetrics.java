package dev.moat.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's metrics, exposed in Prometheus text format at {@code /metrics} on the admin
 * listener. Names follow the OpenTelemetry GenAI conventions where they exist
 * ({@code gen_ai.client.token.usage}, {@code gen_ai.client.operation.duration}).
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** The meters of one (route, status, model, organisation), looked up once instead of on every request. */
    private record RequestMeters(Counter requests, Timer duration, Counter input, Counter output, Counter reasoning) {
    }

    private record MeterKey(String route, int status, String model, String org) {
    }

    private final Map<MeterKey, RequestMeters> meters = new ConcurrentHashMap<>();

    /** One finished client request and the tokens it used. */
    public void request(String route, int status, String model, String org, Duration latency,
                        long inputTokens, long outputTokens, long reasoningTokens) {
        RequestMeters m = meters.computeIfAbsent(new MeterKey(route, status, model, org), this::register);
        m.requests().increment();
        m.duration().record(latency);
        if (inputTokens > 0) {
            m.input().increment(inputTokens);
        }
        if (outputTokens > 0) {
            m.output().increment(outputTokens);
        }
        if (reasoningTokens > 0) {
            m.reasoning().increment(reasoningTokens);
        }
    }

    private RequestMeters register(MeterKey key) {
        String statusText = Integer.toString(key.status());
        Counter requests = Counter.builder("moat.requests").description("Client requests by route, status, model and organisation")
                .tags("route", key.route(), "status", statusText, "model", key.model(), "org", key.org())
                .register(registry);
        Timer duration = Timer.builder("gen_ai.client.operation.duration").description("Time from request to last byte of the response")
                .tags("route", key.route(), "status", statusText)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        return new RequestMeters(requests, duration, tokens("input", key), tokens("output", key), tokens("reasoning", key));
    }

    private Counter tokens(String type, MeterKey key) {
        return Counter.builder("gen_ai.client.token.usage").description("Tokens counted from the upstream's usage reports")
                .tags("gen_ai.token.type", type, "gen_ai.request.model", key.model(), "org", key.org())
                .register(registry);
    }

    /** A failed upstream call, by kind ({@code refused}, {@code timeout}, {@code reset}, {@code status_5xx}). */
    public void upstreamError(String upstream, String kind) {
        Counter.builder("moat.upstream.errors").description("Failed calls to upstream model APIs")
                .tags("upstream", upstream, "kind", kind)
                .register(registry).increment();
    }

    /** A gauge read when metrics are scraped. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** A counter of named events, for other parts of Moat. */
    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
