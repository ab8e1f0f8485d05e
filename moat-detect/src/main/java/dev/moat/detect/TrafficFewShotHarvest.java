package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Reasoning coerced by example rather than by instruction: before the item, every request shows two other items of
 * the same material with their complete worked solutions — as earlier user and assistant turns of the conversation,
 * or as a few-shot block in one message — and the model, continuing the pattern, writes out its full working for the
 * item too. No word in the request asks for steps, reasoning or detail; the examples change from request to request,
 * so the only recurring text is the few-shot labels. Written for the held-out set holdout9.
 */
final class TrafficFewShotHarvest implements TrafficContent {

    /** How a campaign lays its examples out: as turns of a conversation, or as labelled blocks in one message. */
    enum Layout { TURNS, BLOCK }

    /** Label pairs of a few-shot block; each organisation uses one. */
    static final List<List<String>> LABELS = List.of(List.of("Q:", "A:"), List.of("Problem:", "Solution:"),
            List.of("Question:", "Answer:"), List.of("Input:", "Output:"), List.of("Exercise", "Worked solution"));

    private static final int MAX_EXAMPLE_CHARS = 1_500;
    private static final int EXAMPLES = 2;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Layout layout;
    private final List<String> labels;
    private final int maxTokens;
    private final OptionalDouble temperature;

    /**
     * @param labels the question and answer labels of a {@link Layout#BLOCK} layout (unused for turns)
     */
    TrafficFewShotHarvest(PromptSource prompts, List<PromptSource.Pool> pools, Layout layout, List<String> labels,
                          int maxTokens, OptionalDouble temperature) {
        if (labels.size() != 2) {
            throw new IllegalArgumentException("labels: " + labels + " (expected: a question label and an answer label)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.layout = layout;
        this.labels = List.copyOf(labels);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        // the examples come from the item's own pool, so they show the kind of working wanted for it
        PromptSource.Pool pool = pools.get(random.nextInt(pools.size()));
        PromptSource.Prompt item = prompts.pick(pool, random);
        List<PromptSource.Prompt> examples = new ArrayList<>();
        for (int attempt = 0; examples.size() < EXAMPLES; attempt++) {
            if (attempt == 10_000) {
                throw new IllegalStateException("pool " + pool + " has too few prompts with a worked answer for "
                        + EXAMPLES + " examples (expected: a pool of worked problems, such as HARVEST_MATH)");
            }
            PromptSource.Prompt example = prompts.pick(pool, random);
            if (example.reference().isPresent() && example != item && !examples.contains(example)) {
                examples.add(example);
            }
        }
        List<UsageEvent.Message> messages = new ArrayList<>();
        if (layout == Layout.TURNS) {
            for (PromptSource.Prompt example : examples) {
                messages.add(new UsageEvent.Message("user", example.text().strip()));
                messages.add(new UsageEvent.Message("assistant", worked(example)));
            }
            messages.add(new UsageEvent.Message("user", item.text().strip()));
        } else {
            StringBuilder block = new StringBuilder();
            for (PromptSource.Prompt example : examples) {
                block.append(labels.get(0)).append(' ').append(example.text().strip()).append('\n')
                        .append(labels.get(1)).append(' ').append(worked(example)).append("\n\n");
            }
            block.append(labels.get(0)).append(' ').append(item.text().strip()).append('\n').append(labels.get(1));
            messages.add(new UsageEvent.Message("user", block.toString()));
        }
        RequestSummary request = new RequestSummary(Optional.empty(), messages, messages.size(), maxTokens,
                temperature, 1, random.nextBoolean(), false, 0, 0, 0, false);
        String answer = TrafficText.clip(item.reference().orElse(""), MAX_EXAMPLE_CHARS);
        // the answer imitates the examples' full working: as long as a worked solution, not a bare result
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(520, 0.5, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }

    private static String worked(PromptSource.Prompt example) {
        return TrafficText.clip(example.reference().orElseThrow().strip(), MAX_EXAMPLE_CHARS);
    }
}
