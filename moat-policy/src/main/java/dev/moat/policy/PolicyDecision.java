package dev.moat.policy;

import java.util.List;
import java.util.Optional;

/**
 * The policy's answer for one request.
 *
 * @param action        allow, review (allow and alert) or deny
 * @param code          for a deny, the 403 code the gateway returns
 * @param decidedBy     what decided: {@code group:NAME}, {@code network:KIND}, {@code rule:NAME} or
 *                      {@code default} (nothing matched)
 * @param clientMessage a message that may be shown to the client: names the policy, not its internals
 * @param reasons       for analysts and the audit log: every group, network and rule that matched, with values
 */
public record PolicyDecision(Action action, Optional<DenialCode> code, String decidedBy, String clientMessage,
                             List<String> reasons) {

    public PolicyDecision {
        reasons = List.copyOf(reasons);
        if ((action == Action.DENY) != code.isPresent()) {
            throw new IllegalArgumentException("code: %s for action %s (expected: a code exactly when the action is deny)"
                    .formatted(code, action));
        }
    }

    public boolean denied() {
        return action == Action.DENY;
    }
}
