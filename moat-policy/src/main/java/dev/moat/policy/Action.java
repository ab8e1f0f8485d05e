package dev.moat.policy;

import java.util.Locale;
import java.util.Optional;

/** What the policy does with a request, weakest first. */
public enum Action {
    /** Let the request through. */
    ALLOW,
    /** Let the request through and raise an alert for analysts. */
    REVIEW,
    /** Refuse the request with a 403. */
    DENY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> fromLabel(String label) {
        for (Action action : values()) {
            if (action.label().equals(label)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    public boolean isStricterThan(Action other) {
        return ordinal() > other.ordinal();
    }
}
