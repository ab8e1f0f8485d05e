package dev.moat.server.identity;

import java.util.Locale;
import java.util.Optional;

/** The administrative actions that move an organisation between statuses. */
public enum OrgTransition {
    APPROVE, REJECT, SUSPEND, REINSTATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrgTransition> parse(String text) {
        for (OrgTransition transition : values()) {
            if (transition.wireName().equals(text)) {
                return Optional.of(transition);
            }
        }
        return Optional.empty();
    }
}
