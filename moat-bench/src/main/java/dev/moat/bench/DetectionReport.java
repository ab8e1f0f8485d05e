package dev.moat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The parts of an analyser report ({@code moat analyze --out}, the contract's JSON) the benchmark
 * scores: each organisation's final action and the index of the event at which it first became
 * subject to a customer-affecting action. Read from the JSON rather than from the detector's objects,
 * so the benchmark checks the report users get.
 */
record DetectionReport(long eventsProcessed, Map<String, OrgOutcome> orgs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One organisation's line of the report. */
    record OrgOutcome(String action, OptionalLong firstActionEvent) {

        boolean affected() {
            return firstActionEvent.isPresent() || action.equals("throttle") || action.equals("degrade")
                    || action.equals("suspend");
        }
    }

    static DetectionReport parse(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, OrgOutcome> orgs = new HashMap<>();
            for (JsonNode principal : root.path("principals")) {
                if (!principal.path("kind").asText().equals("org")) {
                    continue;
                }
                JsonNode first = principal.path("first_action_event");
                orgs.put(principal.path("id").asText(), new OrgOutcome(principal.path("action").asText("none"),
                        first.isIntegralNumber() ? OptionalLong.of(first.asLong()) : OptionalLong.empty()));
            }
            return new DetectionReport(root.path("events_processed").asLong(), Map.copyOf(orgs));
        } catch (IOException e) {
            throw new UncheckedIOException("the analyser report is not valid JSON: " + e.getMessage(), e);
        }
    }

    OrgOutcome outcome(String orgId) {
        return orgs.getOrDefault(orgId, new OrgOutcome("none", OptionalLong.empty()));
    }
}
