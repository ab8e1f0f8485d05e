package dev.moat.policy;

import java.util.Locale;
import java.util.Optional;

/** What the operator wants done when a credential-sharing signal fires. */
public enum SharingAction {
    /** Record it for analysts only. */
    FLAG,
    /** Put it in the review queue. */
    REVIEW,
    /** Suspend the key (the gateway revokes or blocks it until an analyst reinstates it). */
    SUSPEND_KEY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SharingAction> fromLabel(String label) {
        for (SharingAction action : values()) {
            if (action.label().equals(label)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
