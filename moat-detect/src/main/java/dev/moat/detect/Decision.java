package dev.moat.detect;

import java.util.List;
import java.util.Optional;

/**
 * What the gateway decided for one request.
 *
 * @param action  {@code allow}, {@code review} (allowed, but an analyst should look), {@code deny},
 *                or {@code error} (allowed but failed upstream)
 * @param reasons human-readable reasons, most decisive first; empty for a plain allow
 * @param code    the machine-readable error code returned to the client, for denials
 *                (e.g. {@code org_not_approved}, {@code region_restricted})
 */
public record Decision(String action, List<String> reasons, Optional<String> code) {

    public static final Decision ALLOW = new Decision("allow", List.of(), Optional.empty());

    public Decision {
        if (action == null || action.isEmpty()) {
            throw new IllegalArgumentException("action: empty (expected: allow, review, deny or error)");
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        code = code == null ? Optional.empty() : code;
    }

    public static Decision deny(String code, String reason) {
        return new Decision("deny", List.of(reason), Optional.of(code));
    }

    public boolean denied() {
        return action.equals("deny");
    }
}
