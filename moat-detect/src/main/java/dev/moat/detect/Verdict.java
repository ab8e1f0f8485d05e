package dev.moat.detect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A change in the detector's judgement of one organisation or one of its keys, emitted the moment it
 * happens so the gateway can apply it to the next request.
 *
 * <p>An organisation's verdict ({@code keyId} empty) carries the action in force for all its keys. A
 * key's verdict ({@code keyId} present) carries the key's own action, from the key's own traffic; the
 * action in force on that key's requests is the stronger of it and its organisation's
 * ({@link Detector#enforcement(String, String)}).
 *
 * @param orgId          the organisation the action applies to
 * @param risk           risk in [0,1] at this moment
 * @param action         the action now in force for the organisation (its own or its cluster's, whichever
 *                       is stronger)
 * @param previous       the action in force before this event
 * @param enforced       false in shadow mode: record, do not apply
 * @param eventIndex     0-based index of the event that caused the change
 * @param eventId        id of that event
 * @param ts             timestamp of that event
 * @param cluster        the cluster whose verdict drove the action, if it was a cluster's
 * @param signals        the evidence
 * @param keyId          the key this verdict is about, or empty for the whole organisation
 */
public record Verdict(
        String orgId,
        double risk,
        Action action,
        Action previous,
        boolean enforced,
        long eventIndex,
        String eventId,
        Instant ts,
        Optional<String> cluster,
        List<Signal> signals,
        Optional<String> keyId) {

    public Verdict {
        signals = List.copyOf(signals);
        cluster = cluster == null ? Optional.empty() : cluster;
        keyId = keyId == null ? Optional.empty() : keyId;
    }

    /** An organisation's verdict. */
    public Verdict(String orgId, double risk, Action action, Action previous, boolean enforced, long eventIndex,
                   String eventId, Instant ts, Optional<String> cluster, List<Signal> signals) {
        this(orgId, risk, action, previous, enforced, eventIndex, eventId, ts, cluster, signals, Optional.empty());
    }
}
