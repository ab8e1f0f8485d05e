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
 *                         {@code throttle} or stronger: for an organisation from its own signals or
 *                         its cluster's, for a key from the key's own signals (the organisation's action
 *                         applies to its keys too)
 * @param firstActionTs    the timestamp of that event
 * @param cluster          the cluster the principal belongs to, when linked to others
 * @param org              for a key or account, the organisation it belongs to; empty for an organisation
 */
public record PrincipalVerdict(
        String kind,
        String id,
        double risk,
        Action action,
        OptionalLong firstActionEvent,
        Optional<Instant> firstActionTs,
        List<Signal> signals,
        Optional<String> cluster,
        Optional<String> org) {

    public PrincipalVerdict {
        signals = List.copyOf(signals);
        firstActionEvent = firstActionEvent == null ? OptionalLong.empty() : firstActionEvent;
        firstActionTs = firstActionTs == null ? Optional.empty() : firstActionTs;
        cluster = cluster == null ? Optional.empty() : cluster;
        org = org == null ? Optional.empty() : org;
    }

    /** A principal that belongs to no organisation (an organisation itself). */
    public PrincipalVerdict(String kind, String id, double risk, Action action, OptionalLong firstActionEvent,
                            Optional<Instant> firstActionTs, List<Signal> signals, Optional<String> cluster) {
        this(kind, id, risk, action, firstActionEvent, firstActionTs, signals, cluster, Optional.empty());
    }
}
