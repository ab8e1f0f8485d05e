package dev.moat.server.identity;

import java.util.Locale;
import java.util.Optional;

/** Where an organisation stands in vetting. Only {@link #APPROVED} organisations may call models. */
public enum OrgStatus {
    PENDING, REVIEW, APPROVED, REJECTED, SUSPENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrgStatus> parse(String text) {
        for (OrgStatus status : values()) {
            if (status.wireName().equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
