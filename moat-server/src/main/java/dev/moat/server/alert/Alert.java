package dev.moat.server.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One finding for analysts, with what Moat did about it and why.
 *
 * @param source      what raised it: {@code credential_sharing}, {@code policy}, {@code detector}
 * @param kind        the pattern, e.g. {@code impossible_travel}, {@code policy_review}, {@code reasoning_elicitation}
 * @param subjectKind {@code key}, {@code org} or {@code cluster}
 * @param risk        in [0, 1]
 * @param action      what was done: {@code flag}, {@code review}, {@code throttle}, {@code degrade}, {@code suspend}, {@code suspend_key}
 * @param summary     one sentence an analyst can read
 * @param evidence    the values behind it
 */
public record Alert(String id, Instant ts, String source, String kind, String subjectKind, String subjectId, String orgId,
                    double risk, String action, String summary, Map<String, Object> evidence) {

    public Alert {
        evidence = Map.copyOf(evidence);
    }
}
