package dev.moat.server.gateway;

import dev.moat.detect.Action;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Applies the graduated response in force to the next request — the detector's, or an analyst's
 * override of it (the functions given decide which; see
 * {@link dev.moat.server.enforcement.EnforcementOverrides}): {@code suspend} refuses it,
 * {@code throttle} puts it under the (much lower) throttle limits, {@code degrade} forwards it
 * without logprobs, logit bias or reasoning and with a capped completion budget. {@code flag} and
 * {@code review} only inform analysts and change nothing here.
 *
 * <p>The detector judges keys as well as organisations: a leaked or resold key inside an honest
 * organisation is acted on alone ({@code key_suspended}, the key's own throttle), while the
 * organisation's other keys go on being served.
 */
public final class EnforcementStage implements Stage {

    private final Function<String, Action> forOrg;
    private final BiFunction<String, String, Action> forKey;
    private final int degradeMaxTokens;

    /**
     * @param forOrg the action in force for an organisation id (lock-free, read per request)
     * @param forKey the action in force for a request of (organisation id, key id): at least the organisation's
     */
    public EnforcementStage(Function<String, Action> forOrg, BiFunction<String, String, Action> forKey, int degradeMaxTokens) {
        this.forOrg = forOrg;
        this.forKey = forKey;
        this.degradeMaxTokens = degradeMaxTokens;
    }

    @Override
    public Optional<GatewayError> apply(Call call) {
        Action action = forKey.apply(call.org.id(), call.key.id());
        boolean keyOnly = action != Action.NONE && forOrg.apply(call.org.id()).compareTo(action) < 0;
        switch (action) {
            case SUSPEND -> {
                return Optional.of(keyOnly
                        ? GatewayError.forbidden("key_suspended", "This API key's access is suspended pending a review by the"
                                + " provider's trust & safety team. Your organisation's other keys are not affected.")
                        : GatewayError.forbidden("org_suspended",
                                "Your organisation's access is suspended pending a review by the provider's trust & safety team."));
            }
            case THROTTLE -> throttle(call, keyOnly);
            case DEGRADE -> {
                throttle(call, keyOnly);
                RequestShaping.degrade(call, degradeMaxTokens);
            }
            default -> {
            }
        }
        return Optional.empty();
    }

    private static void throttle(Call call, boolean keyOnly) {
        if (keyOnly) {
            call.keyThrottled = true;
        } else {
            call.throttled = true;
        }
    }
}
