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
 * scores: each organisation's and each judged key's final action and the index of the event at which it
 * first became subject to a customer-affecting action (a key's own action stops only that key). Read from the JSON rather than from the detector's objects,
 * so the benchmark checks the report users get.
 */
record DetectionReport(long eventsProcessed, Map<String, OrgOutcome> orgs, Map<String, Map<String, OrgOutcome>> keys) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One organisation's or key's line of the report. */
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
            Map<String, Map<String, OrgOutcome>> keys = new HashMap<>();
            for (JsonNode principal : root.path("principals")) {
                JsonNode first = principal.path("first_action_event");
                OrgOutcome outcome = new OrgOutcome(principal.path("action").asText("none"),
                        first.isIntegralNumber() ? OptionalLong.of(first.asLong()) : OptionalLong.empty());
                switch (principal.path("kind").asText()) {
                    case "org" -> orgs.put(principal.path("id").asText(), outcome);
                    case "key" -> keys.computeIfAbsent(principal.path("org").asText(), org -> new HashMap<>())
                            .put(principal.path("id").asText(), outcome);
                    default -> { }
                }
            }
            return new DetectionReport(root.path("events_processed").asLong(), Map.copyOf(orgs), Map.copyOf(keys));
        } catch (IOException e) {
            throw new UncheckedIOException("the analyser report is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static final OrgOutcome NONE = new OrgOutcome("none", OptionalLong.empty());

    OrgOutcome outcome(String orgId) {
        return orgs.getOrDefault(orgId, NONE);
    }

    /** A key's own outcome (without its organisation's). */
    OrgOutcome keyOutcome(String orgId, String keyId) {
        return keys.getOrDefault(orgId, Map.of()).getOrDefault(keyId, NONE);
    }

    /** The organisation's keys that earned a verdict of their own. */
    Map<String, OrgOutcome> keysOf(String orgId) {
        return keys.getOrDefault(orgId, Map.of());
    }

    /** The first customer-affecting action on a request of {@code keyId}: its organisation's or its own. */
    long firstActionOn(String orgId, String keyId) {
        return Math.min(outcome(orgId).firstActionEvent().orElse(Long.MAX_VALUE),
                keyOutcome(orgId, keyId).firstActionEvent().orElse(Long.MAX_VALUE));
    }

    /** Whether the organisation or any of its keys was throttled, degraded or suspended. */
    boolean affectedAnywhere(String orgId) {
        return outcome(orgId).affected() || keysOf(orgId).values().stream().anyMatch(OrgOutcome::affected);
    }

    /** The strongest final action of the organisation and its keys. */
    String strongestAction(String orgId) {
        String strongest = outcome(orgId).action();
        for (OrgOutcome key : keysOf(orgId).values()) {
            if (RANK.indexOf(key.action()) > RANK.indexOf(strongest)) {
                strongest = key.action();
            }
        }
        return strongest;
    }

    private static final java.util.List<String> RANK = java.util.List.of("none", "flag", "review", "throttle",
            "degrade", "suspend");
}
