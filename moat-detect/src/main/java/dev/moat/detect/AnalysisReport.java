package dev.moat.detect;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The result of analysing a stream of usage events: every organisation seen with its verdict, every key
 * that earned a verdict of its own ({@code kind: "key"}, with its {@code org}), and every cluster of
 * linked organisations. {@link #writeJson} writes the analyser report of
 * ARCHITECTURE.md ({@code moat analyze --out}); each signal additionally carries its example event ids.
 */
public record AnalysisReport(long eventsProcessed, List<PrincipalVerdict> principals, List<ClusterVerdict> clusters) {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    public AnalysisReport {
        if (eventsProcessed < 0) {
            throw new IllegalArgumentException("eventsProcessed: " + eventsProcessed + " (expected: >= 0)");
        }
        principals = List.copyOf(principals);
        clusters = List.copyOf(clusters);
    }

    /** Writes the report as pretty-printed JSON; does not close {@code out}. */
    public void writeJson(OutputStream out) {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("events_processed", eventsProcessed);
            json.writeArrayFieldStart("principals");
            for (PrincipalVerdict principal : principals) {
                json.writeStartObject();
                json.writeStringField("kind", principal.kind());
                json.writeStringField("id", principal.id());
                if (principal.org().isPresent()) {
                    json.writeStringField("org", principal.org().get());
                }
                json.writeNumberField("risk", rounded(principal.risk()));
                json.writeStringField("action", principal.action().wireName());
                writeFirstAction(json, principal.firstActionEvent());
                if (principal.firstActionTs().isPresent()) {
                    json.writeStringField("first_action_ts", principal.firstActionTs().get().toString());
                } else {
                    json.writeNullField("first_action_ts");
                }
                if (principal.cluster().isPresent()) {
                    json.writeStringField("cluster", principal.cluster().get());
                }
                writeSignals(json, principal.signals());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("clusters");
            for (ClusterVerdict cluster : clusters) {
                json.writeStartObject();
                json.writeStringField("id", cluster.id());
                json.writeArrayFieldStart("orgs");
                for (String org : cluster.orgs()) {
                    json.writeString(org);
                }
                json.writeEndArray();
                json.writeNumberField("risk", rounded(cluster.risk()));
                json.writeStringField("action", cluster.action().wireName());
                writeFirstAction(json, cluster.firstActionEvent());
                writeSignals(json, cluster.signals());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFirstAction(JsonGenerator json, java.util.OptionalLong index) throws IOException {
        if (index.isPresent()) {
            json.writeNumberField("first_action_event", index.getAsLong());
        } else {
            json.writeNullField("first_action_event");
        }
    }

    private static void writeSignals(JsonGenerator json, List<Signal> signals) throws IOException {
        json.writeArrayFieldStart("signals");
        for (Signal signal : signals) {
            json.writeStartObject();
            json.writeStringField("name", signal.name());
            json.writeNumberField("value", rounded(signal.value()));
            json.writeStringField("detail", signal.detail());
            if (!signal.examples().isEmpty()) {
                json.writeArrayFieldStart("examples");
                for (String example : signal.examples()) {
                    json.writeString(example);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static double rounded(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
