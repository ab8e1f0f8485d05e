package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * An evaluation run: a benchmark's test split sent item by item, in order, in one fixed few-shot
 * chain-of-thought template, at temperature 0, from a server. Step-by-step elicitation, one
 * template, a narrow topic, high rate: every harvesting signal at once, and entirely legitimate.
 */
final class TrafficEvaluation implements TrafficContent {

    private static final List<String> TEMPLATES = List.of(
            "Question: {q}\nAnswer: Let's think step by step.",
            "Solve the following math problem. Show your work and give the final answer after ####.\n\n{q}",
            "{q}\nPlease reason step by step, and put your final answer within \\boxed{}.");

    private final List<PromptSource.Prompt> items;
    private final String template;
    private final int samples;
    private final int maxTokens;
    private final boolean thinking;
    private int position;

    TrafficEvaluation(PromptSource prompts, SplittableRandom random) {
        this.items = prompts.pool(PromptSource.Pool.EVALUATION);
        this.template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        this.samples = random.nextInt(4) == 0 ? 5 : 1;
        this.maxTokens = 512;
        this.thinking = false;
    }

    /**
     * A run with a budget of {@code maxTokens} and, when {@code thinking}, the reasoning of a reasoning model: the
     * settings evaluations of current models use, which a harvester of reasoning traces uses too.
     */
    TrafficEvaluation(PromptSource prompts, SplittableRandom random, int maxTokens, boolean thinking) {
        this.items = prompts.pool(PromptSource.Pool.EVALUATION);
        this.template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        this.samples = 1;
        this.maxTokens = maxTokens;
        this.thinking = thinking;
    }

    /** Requests one full pass over the test split takes. */
    int itemsPerRun() {
        return items.size();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = items.get(position++ % items.size());
        RequestSummary request = new RequestSummary(Optional.empty(),
                List.of(new UsageEvent.Message("user", template.replace("{q}", item.text()))), 1, maxTokens,
                OptionalDouble.of(samples > 1 ? 0.7 : 0.0), samples, false, false, 0, 0, 0, thinking);
        String answer = item.reference().orElse("");
        long completion = samples * Math.min(maxTokens, TrafficText.tokens(answer) + TrafficText.tokensAround(20, 0.5, random));
        long reasoning = thinking ? Math.min(maxTokens - completion, TrafficText.tokensAround(1_200, 0.6, random)) : 0;
        return new TrafficExchange(request, Optional.of(answer), completion, Math.max(0, reasoning), false);
    }
}
