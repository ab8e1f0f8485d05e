package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A distiller posing as a synthetic-data vendor that packs several items of its material into each request — a
 * JSON array of tasks, a numbered list, or sections — and asks for a complete answer to every one, as structured
 * records. One request harvests 3–12 answers, so the campaign sends few, long requests at a low, human-like rate;
 * the skeleton around the items is short and its layout changes from request to request. The wording is written
 * here for this held-out variant.
 */
final class TrafficBundledHarvest implements TrafficContent {

    private static final List<String> ASKS = List.of(
            "For each task below, write a complete, high-quality response. Return a JSON array with one object per "
                    + "task: {\"id\", \"response\"}.",
            "Produce reference answers for the following items, one record per item, keeping the ids.",
            "We are compiling a Q&A set. Answer every question fully and return the results as JSON lines.",
            "Respond to each of these prompts in full. Output one entry per prompt, in order.");
    private static final int ITEM_ANSWER_CHARS = 400;
    private static final int MAX_ANSWER_CHARS = 4_000;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final String ask;
    private final int minItems;
    private final int maxItems;
    private final int maxTokens;

    TrafficBundledHarvest(PromptSource prompts, List<PromptSource.Pool> pools, int minItems, int maxItems,
                          int maxTokens, SplittableRandom random) {
        if (minItems < 2 || maxItems < minItems) {
            throw new IllegalArgumentException("items: " + minItems + ".." + maxItems
                    + " (expected: at least 2, and the maximum not below the minimum)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.ask = ASKS.get(random.nextInt(ASKS.size()));
        this.minItems = minItems;
        this.maxItems = maxItems;
        this.maxTokens = maxTokens;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        List<PromptSource.Prompt> items = new ArrayList<>();
        for (int i = 0, n = minItems + random.nextInt(maxItems - minItems + 1); i < n; i++) {
            items.add(prompts.pick(pools, random));
        }
        int firstId = random.nextInt(100_000);
        StringBuilder text = new StringBuilder(ask).append("\n\n");
        int layout = random.nextInt(3);
        for (int i = 0; i < items.size(); i++) {
            String task = items.get(i).text().strip();
            switch (layout) {
                case 0 -> text.append("{\"id\": ").append(firstId + i).append(", \"task\": \"").append(task)
                        .append("\"}\n");
                case 1 -> text.append(i + 1).append(". ").append(task).append("\n\n");
                default -> text.append("## Item ").append(firstId + i).append('\n').append(task).append("\n\n");
            }
        }
        RequestSummary request = new RequestSummary(Optional.empty(),
                List.of(new UsageEvent.Message("user", text.toString().strip())), 1, maxTokens,
                OptionalDouble.of(0.5), 1, false, false, 0, 0, 0, false);
        StringBuilder answer = new StringBuilder();
        long completion = 0;
        for (PromptSource.Prompt item : items) {
            String reference = item.reference().orElse("");
            answer.append(TrafficText.clip(reference, ITEM_ANSWER_CHARS)).append('\n');
            completion += Math.max(TrafficText.tokens(reference), TrafficText.tokensAround(380, 0.5, random));
        }
        return new TrafficExchange(request, Optional.of(TrafficText.clip(answer.toString(), MAX_ANSWER_CHARS)),
                Math.min(maxTokens, completion), 0, false);
    }
}
