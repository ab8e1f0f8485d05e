package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Output-layer extraction spread thin: every request is an item of the material sent as it is, with {@code logprobs},
 * a small {@code top_logprobs} and a small {@code logit_bias} map whose size (and, in reality, whose token ids) changes
 * from request to request. Raising a few chosen tokens into the returned top-k tells the attacker their logits
 * relative to the rest; every position of the completion is one more observation, so an ordinary completion budget
 * yields more per request than {@code max_tokens}=1 and looks like an app that bans or boosts a few tokens. Nothing in
 * the text asks for anything unusual. Written for the held-out set holdout7.
 */
final class TrafficThinProbes implements TrafficContent {

    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final int topLogprobs;
    private final int largestBias;
    private final int maxTokens;
    private final OptionalDouble temperature;

    /**
     * @param topLogprobs the alternatives asked for at every position (what the API's documentation shows as usual)
     * @param largestBias the most entries a request's {@code logit_bias} map has; each has 2 to this many
     */
    TrafficThinProbes(PromptSource prompts, List<PromptSource.Pool> pools, int topLogprobs, int largestBias,
                      int maxTokens, OptionalDouble temperature) {
        if (largestBias < 2) {
            throw new IllegalArgumentException("largestBias: " + largestBias + " (expected: >= 2)");
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected: > 0, the probes' budget)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.topLogprobs = topLogprobs;
        this.largestBias = largestBias;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        int bias = 2 + random.nextInt(largestBias - 1);
        RequestSummary request = new RequestSummary(Optional.empty(),
                List.of(new UsageEvent.Message("user", item.text().strip())), 1, maxTokens, temperature, 1, false, true,
                topLogprobs, bias, 0, false);
        // the completion runs to (nearly) the budget: each position is an observation of the biased distribution
        long completion = Math.min(maxTokens, TrafficText.tokensAround(0.85 * maxTokens, 0.2, random));
        String answer = TrafficText.clip(item.reference().orElse(""), (int) Math.min(MAX_ANSWER_CHARS, 4 * completion));
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }
}
