package dev.moat.server.gateway;

import dev.moat.detect.Action;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies the detector's graduated response to the organisation's next request: {@code suspend}
 * refuses it, {@code throttle} puts it under the (much lower) throttle limits, {@code degrade}
 * forwards it without logprobs, logit bias or reasoning and with a capped completion budget.
 * {@code flag} and {@code review} only inform analysts and change nothing here.
 */
public final class EnforcementStage implements Stage {

    private final Function<String, Action> enforcement;
    private final int degradeMaxTokens;

    /** @param enforcement the action in force for an organisation id (lock-free, read per request) */
    public EnforcementStage(Function<String, Action> enforcement, int degradeMaxTokens) {
        this.enforcement = enforcement;
        this.degradeMaxTokens = degradeMaxTokens;
    }

    @Override
    public Optional<GatewayError> apply(Call call) {
        Action action = enforcement.apply(call.org.id());
        switch (action) {
            case SUSPEND -> {
                return Optional.of(GatewayError.forbidden("org_suspended",
                        "Your organisation's access is suspended pending a review by the provider's trust & safety team."));
            }
            case THROTTLE -> call.throttled = true;
            case DEGRADE -> {
                call.throttled = true;
                RequestShaping.degrade(call, degradeMaxTokens);
            }
            default -> {
            }
        }
        return Optional.empty();
    }
}
