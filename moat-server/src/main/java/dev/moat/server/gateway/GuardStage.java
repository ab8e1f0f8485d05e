package dev.moat.server.gateway;

import dev.moat.detect.GuardDecision;
import dev.moat.detect.GuardSettings;
import dev.moat.detect.PromptReading;
import dev.moat.detect.RequestGuard;
import java.util.Optional;

/**
 * The request-level extraction guards: logit-bias/logprob probing is refused with
 * {@code extraction_blocked} or stripped (per tier), too many choices are capped, and reasoning is
 * withheld from tiers not entitled to it. Coercion and system-prompt-extraction scores are added
 * to the decision's reasons, where the detector and analysts see them.
 */
public final class GuardStage implements Stage {

    @Override
    public Optional<GatewayError> apply(Call call) {
        PromptReading prompt = PromptReading.of(call.facts.summary());
        call.promptReading = Optional.of(prompt);
        GuardDecision decision = RequestGuard.inspect(call.facts.summary(), GuardSettings.forTier(call.org.tier()), prompt);
        if (decision.refuse()) {
            return Optional.of(GatewayError.forbidden(decision.code().orElse(GuardDecision.EXTRACTION_BLOCKED),
                    "This request matches a model-extraction pattern and was refused: " + String.join(" ", decision.reasons())));
        }
        if (decision.stripLogitBias()) {
            RequestShaping.stripLogitBias(call);
        }
        if (decision.stripLogprobs()) {
            RequestShaping.stripLogprobs(call);
        }
        decision.capChoices().ifPresent(n -> RequestShaping.capChoices(call, n));
        if (decision.withholdReasoning()) {
            RequestShaping.withholdReasoning(call);
        }
        if (!decision.reasons().isEmpty()) {
            call.guardReasons = decision.reasons();
        }
        return Optional.empty();
    }
}
