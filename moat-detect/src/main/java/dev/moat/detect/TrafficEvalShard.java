package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * One "evaluation run" of a distiller posing as an evaluation company: a shard of the campaign's training material sent
 * item by item, in order, in one of the public chain-of-thought evaluation templates, at temperature 0, one answer
 * each — the shape of a genuine benchmark run, except that the items are the material a distiller wants worked
 * solutions for and no shard is ever sent twice in the same configuration. Written for the held-out set holdout11.
 */
final class TrafficEvalShard implements TrafficContent {

    /** Templates of public evaluation harnesses: the wording every evaluation of a model's reasoning uses. */
    static final List<String> TEMPLATES = List.of(
            "Question: {q}\nAnswer: Let's think step by step.",
            "Solve the following problem. Show your work and give the final answer after ####.\n\n{q}",
            "{q}\nPlease reason step by step, and put your final answer within \\boxed{}.",
            "Q: {q}\nA: Let's work this out step by step to be sure we have the right answer.",
            "### Problem\n{q}\n\n### Solution\n");

    private final List<PromptSource.Prompt> shard;
    private final String template;
    private final int maxTokens;
    private final boolean thinking;
    private int position;

    /**
     * @param shard    the items of this run, in the order they are sent
     * @param template one of {@link #TEMPLATES}
     */
    TrafficEvalShard(List<PromptSource.Prompt> shard, String template, int maxTokens, boolean thinking) {
        if (shard.isEmpty()) {
            throw new IllegalArgumentException("shard: empty (expected: the items of one run)");
        }
        if (!template.contains("{q}")) {
            throw new IllegalArgumentException("template: " + template + " (expected: a {q} where the item goes)");
        }
        this.shard = List.copyOf(shard);
        this.template = template;
        this.maxTokens = maxTokens;
        this.thinking = thinking;
    }

    /** Requests one pass over the shard takes. */
    int items() {
        return shard.size();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = shard.get(position++ % shard.size());
        RequestSummary request = new RequestSummary(Optional.empty(),
                List.of(new UsageEvent.Message("user", template.replace("{q}", item.text().strip()))), 1, maxTokens,
                OptionalDouble.of(0.0), 1, false, false, 0, 0, 0, thinking);
        String answer = TrafficText.clip(item.reference().orElse(""), 1_500);
        long completion = Math.min(maxTokens, TrafficText.tokens(answer) + TrafficText.tokensAround(120, 0.6, random));
        long reasoning = thinking ? Math.max(0, Math.min(maxTokens - completion,
                TrafficText.tokensAround(1_200, 0.6, random))) : 0;
        return new TrafficExchange(request, Optional.of(answer), completion, reasoning, false);
    }
}
