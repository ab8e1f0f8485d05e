package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A newcomer's own small evaluation: a fixed list of a few hundred questions (drawn once from the human-written
 * pools: a start-up's sample of its users' questions, a student's sample of a public maths test split or of
 * instructions for a course project) sent once each, in order, single-turn, in the suite's own format, with a large
 * budget or thinking — to see how the model does before building on it. A pass ends with the list (its cadence
 * counts the requests); another configuration is another pass.
 */
final class TrafficPromptSuite implements TrafficContent {

    /** The formats a student or a start-up puts its questions in; {q} is the question. */
    private static final List<String> FORMATS = List.of(
            "{q}", "{q}", "Question: {q}\nAnswer:", "Answer the following question.\n\n{q}",
            "{q}\n\nGive your final answer on the last line.", "Please answer carefully.\n{q}");

    private final List<PromptSource.Prompt> items;
    private final Optional<String> system;
    private final String format;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final boolean thinking;
    private int position;

    /**
     * @param items the questions, drawn once by the caller; the suite sends each in turn
     */
    TrafficPromptSuite(List<PromptSource.Prompt> items, Optional<String> system, int formatChoice, int maxTokens,
                       OptionalDouble temperature, boolean thinking) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items: empty (expected: the questions of the suite)");
        }
        this.items = List.copyOf(items);
        this.system = system;
        this.format = FORMATS.get(Math.floorMod(formatChoice, FORMATS.size()));
        this.maxTokens = maxTokens;
        this.temperature = temperature;
        this.thinking = thinking;
    }

    static int formats() {
        return FORMATS.size();
    }

    /**
     * Up to {@code count} questions drawn from {@code pools} (each pool equally likely), no text twice; fewer when the
     * pools run short of distinct texts.
     */
    static List<PromptSource.Prompt> sample(PromptSource prompts, List<PromptSource.Pool> pools, int count,
                                            SplittableRandom random) {
        List<PromptSource.Prompt> sample = new ArrayList<>();
        Set<String> texts = new HashSet<>();
        for (int attempt = 0; sample.size() < count && attempt < 20 * count; attempt++) {
            PromptSource.Prompt prompt = prompts.pick(pools, random);
            if (texts.add(prompt.text().strip())) {
                sample.add(prompt);
            }
        }
        return sample;
    }

    int size() {
        return items.size();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = items.get(position++ % items.size()); // its Counted cadence ends the pass first
        RequestSummary request = new RequestSummary(system,
                List.of(new UsageEvent.Message("user", format.replace("{q}", item.text().strip()))), 1, maxTokens,
                temperature, 1, false, false, 0, 0, 0, thinking);
        String answer = item.reference().map(text -> TrafficText.clip(text, 700))
                .orElseGet(() -> TrafficText.answer(random));
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(400, 0.8, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        long reasoning = thinking ? TrafficText.tokensAround(1_500, 0.7, random) : 0;
        if (maxTokens > 0) {
            reasoning = Math.max(0, Math.min(reasoning, maxTokens - completion));
        }
        return new TrafficExchange(request, Optional.of(answer), completion, reasoning, false);
    }
}
