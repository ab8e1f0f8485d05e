package dev.moat.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The gateway's metrics, exposed in Prometheus text format at {@code /metrics} on the admin
 * listener. Names follow the OpenTelemetry GenAI conventions where they exist
 * ({@code gen_ai.client.token.usage}, {@code gen_ai.client.operation.duration}).
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** One finished client request. */
    public void request(String route, int status, String model, String org, Duration latency) {
        String statusText = Integer.toString(status);
        Counter.builder("moat.requests").description("Client requests by route, status, model and organisation")
                .tags("route", route, "status", statusText, "model", model, "org", org)
                .register(registry).increment();
        Timer.builder("gen_ai.client.operation.duration").description("Time from request to last byte of the response")
                .tags("route", route, "status", statusText)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry).record(latency);
    }

    /** Tokens used, by type ({@code input}, {@code output}, {@code reasoning}). */
    public void tokens(String type, String model, String org, long count) {
        if (count <= 0) {
            return;
        }
        Counter.builder("gen_ai.client.token.usage").description("Tokens counted from the upstream's usage reports")
                .tags("gen_ai.token.type", type, "gen_ai.request.model", model, "org", org)
                .register(registry).increment(count);
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
