package dev.moat.server.enforcement;

import dev.moat.detect.Action;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An analyst's decision that replaces the detector's action for an organisation or a key until it
 * expires: {@code none} lets a wrongly actioned customer work again, a stronger action keeps a confirmed
 * campaign stopped whatever the detector decides later.
 *
 * @param scope     whether {@code subjectId} is an organisation id or a key id
 * @param subjectId the organisation or key
 * @param action    one of {@link #ALLOWED} ({@code flag} and {@code review} change nothing for a customer)
 * @param note      why (required, shown to other analysts and written to the audit log)
 * @param setAt     when it was set
 * @param expiresAt when it stops applying (after {@code setAt})
 */
public record EnforcementOverride(OverrideScope scope, String subjectId, Action action, String note, Instant setAt,
                                  Instant expiresAt) {

    /** The actions an override may impose: the ones that change what a customer gets, and {@code none}. */
    public static final Set<Action> ALLOWED = Set.of(Action.NONE, Action.THROTTLE, Action.DEGRADE, Action.SUSPEND);

    public EnforcementOverride {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(setAt, "setAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (subjectId == null || subjectId.isBlank()) {
            throw new IllegalArgumentException("subjectId: blank (expected an organisation or key id)");
        }
        if (!ALLOWED.contains(action)) {
            throw new IllegalArgumentException("action: " + action.wireName() + " (expected none, throttle, degrade or suspend)");
        }
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("note: blank (expected why the detector's action is overridden)");
        }
        if (!expiresAt.isAfter(setAt)) {
            throw new IllegalArgumentException("expiresAt: " + expiresAt + " (expected after setAt " + setAt + ")");
        }
    }

    /** True while the override applies: from when it was set until (not including) its expiry. */
    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
