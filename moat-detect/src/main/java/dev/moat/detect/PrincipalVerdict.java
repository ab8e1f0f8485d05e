package dev.moat.detect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The detector's current judgement of one principal (an organisation, account or key).
 *
 * @param kind             {@code org}, {@code account} or {@code key}
 * @param firstActionEvent 0-based index of the event at which the principal first became subject to
 *                         {@code throttle} or stronger, from its own signals or its cluster's
 * @param firstActionTs    the timestamp of that event
 * @param cluster          the cluster the principal belongs to, when linked to others
 */
public record PrincipalVerdict(
        String kind,
        String id,
        double risk,
        Action action,
        OptionalLong firstActionEvent,
        Optional<Instant> firstActionTs,
        List<Signal> signals,
        Optional<String> cluster) {

    public PrincipalVerdict {
        signals = List.copyOf(signals);
        firstActionEvent = firstActionEvent == null ? OptionalLong.empty() : firstActionEvent;
        firstActionTs = firstActionTs == null ? Optional.empty() : firstActionTs;
        cluster = cluster == null ? Optional.empty() : cluster;
    }
}
