package dev.moat.detect;

import java.util.List;
import java.util.OptionalLong;

/**
 * The detector's judgement of a cluster of linked organisations, scored as a whole.
 *
 * @param firstActionEvent 0-based index of the event at which the cluster first reached {@code throttle}
 *                         or stronger
 */
public record ClusterVerdict(
        String id,
        List<String> orgs,
        double risk,
        Action action,
        OptionalLong firstActionEvent,
        List<Signal> signals) {

    public ClusterVerdict {
        orgs = List.copyOf(orgs);
        signals = List.copyOf(signals);
        firstActionEvent = firstActionEvent == null ? OptionalLong.empty() : firstActionEvent;
    }
}
