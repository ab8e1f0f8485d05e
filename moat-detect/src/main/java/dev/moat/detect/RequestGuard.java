package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The request-level guards of the gateway's inspect stage: a pure function of one request summary and
 * the tier's {@link GuardSettings}. Stateless and thread-safe.
 *
 * <p>Output-layer extraction needs the logit_bias and logprob controls together or at a scale no
 * product needs: a large bias map, bias combined with logprobs, many top_logprobs, one-token completions
 * that carry bias and logprobs (the sweep of a probing attack, one token per request), or far more
 * choices than normal. Those are refused with {@code extraction_blocked} or stripped, per tier. Reasoning
 * coercion and system-prompt extraction are judged from the prompt's wording (see {@link IntentLexicon})
 * and reported as scores; they refuse only when the tier asks for it, because a single request is weak
 * evidence — the detector judges them over many.
 */
public final class RequestGuard {

    private RequestGuard() {
    }

    public static GuardDecision inspect(RequestSummary request, GuardSettings settings) {
        return inspect(request, settings, PromptReading.of(request));
    }

    /** Inspects {@code request}, whose prompt has already been read into {@code prompt}. */
    public static GuardDecision inspect(RequestSummary request, GuardSettings settings, PromptReading prompt) {
        List<String> reasons = new ArrayList<>();
        boolean extraction = false;
        boolean stripBias = false;
        boolean stripLogprobs = false;
        boolean wantsLogprobs = request.logprobs() || request.topLogprobs() > 0;
        if (request.logitBiasSize() > settings.maxLogitBiasEntries()) {
            reasons.add("logit_bias has " + request.logitBiasSize() + " entries (at most "
                    + settings.maxLogitBiasEntries() + " allowed)");
            extraction = true;
            stripBias = true;
        }
        if (request.logitBiasSize() > 0 && wantsLogprobs && !settings.logitBiasWithLogprobs()) {
            reasons.add("logit_bias combined with logprobs");
            extraction = true;
            stripBias = true;
            stripLogprobs = true;
        }
        if (request.topLogprobs() > settings.maxTopLogprobs()) {
            reasons.add("top_logprobs " + request.topLogprobs() + " (at most " + settings.maxTopLogprobs() + ")");
            extraction = true;
            stripLogprobs = true;
        }
        // a one-token completion with a bias map and logprobs reads the output layer one probe at a time;
        // either control alone on a tiny budget is an ordinary classifier
        if (request.maxTokens() > 0 && request.maxTokens() <= settings.probeMaxTokens()
                && request.logitBiasSize() > 0 && wantsLogprobs) {
            reasons.add("max_tokens " + request.maxTokens() + " with logit_bias and logprobs: an output-layer probe");
            extraction = true;
            stripBias = true;
            stripLogprobs = true;
        }
        OptionalInt capChoices = OptionalInt.empty();
        if (request.n() > settings.maxChoices()) {
            reasons.add("n = " + request.n() + " (at most " + settings.maxChoices() + ")");
            extraction = true;
            capChoices = OptionalInt.of(settings.maxChoices());
        }

        double coercion = 0;
        double systemExtraction = 0;
        if (prompt.hasContent()) {
            int intents = prompt.intents;
            boolean singleShot = request.turns() <= 1 && request.tools() == 0;
            if ((intents & (IntentLexicon.ELICIT | IntentLexicon.GRADER)) != 0) {
                coercion = 0.5 + (singleShot ? 0.2 : 0) + (request.thinking() ? 0.15 : 0)
                        + (request.maxTokens() >= EventTraitsReader.HIGH_MAX_TOKENS ? 0.15 : 0);
                reasons.add(String.format(java.util.Locale.ROOT,
                        "prompt asks for the model's full reasoning or a grading (score %.2f)", coercion));
            }
            if ((intents & IntentLexicon.SYSTEM_EXTRACT) != 0) {
                systemExtraction = singleShot ? 0.8 : 0.6;
                reasons.add(String.format(java.util.Locale.ROOT,
                        "prompt tries to make the model reveal its instructions (score %.2f)", systemExtraction));
            }
        }
        boolean refuseIntent = Math.max(coercion, systemExtraction) >= settings.refuseCoercionAt();
        boolean refuse = (extraction && settings.extraction() == GuardSettings.ExtractionResponse.REFUSE) || refuseIntent;
        boolean strip = extraction && !refuse;
        boolean withhold = !settings.reasoningEntitled();
        return new GuardDecision(refuse, refuse ? Optional.of(GuardDecision.EXTRACTION_BLOCKED) : Optional.empty(),
                strip && stripBias, strip && stripLogprobs, strip ? capChoices : OptionalInt.empty(), withhold,
                Math.min(1, coercion), systemExtraction, reasons);
    }
}
