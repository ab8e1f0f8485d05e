package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * One key's share of a rejection-sampling harvest. The campaign wants several independent samples of every item of a
 * fixed list (to keep the correct or best ones for training), but asking for them together — {@code n} above one, or
 * the same item again and again from one key — is what gets noticed. So every key walks the whole list once, in its own
 * order, one request per item with {@code n} of 1 at a high temperature, and the samples of an item come from the
 * campaign's different keys at different times. When a key has been through the list it starts another pass in a new
 * order. The request is the item in the organisation's own frame (its system prompt and a short prefix). Written for
 * the held-out set holdout10.
 */
final class TrafficResample implements TrafficContent {

    private static final int MAX_ANSWER_CHARS = 1_500;

    private final List<PromptSource.Prompt> items;
    private final Optional<String> system;
    private final String prefix;
    private final int maxTokens;
    private final double temperature;
    private int position;

    /**
     * @param items  the campaign's list, in the order this key walks it first
     * @param prefix what the organisation puts before each item ("" for nothing; {n} becomes a number)
     */
    TrafficResample(List<PromptSource.Prompt> items, Optional<String> system, String prefix, int maxTokens,
                    double temperature) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items: empty (expected: the campaign's list of items)");
        }
        this.items = new ArrayList<>(items);
        this.system = system;
        this.prefix = prefix;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        if (position == items.size()) {
            shuffle(items, random);
            position = 0;
        }
        PromptSource.Prompt item = items.get(position++);
        String text = prefix.replace("{n}", Integer.toString(1 + random.nextInt(9_999))) + item.text().strip();
        RequestSummary request = new RequestSummary(system, List.of(new UsageEvent.Message("user", text)), 1, maxTokens,
                OptionalDouble.of(temperature), 1, random.nextBoolean(), false, 0, 0, 0, false);
        String answer = TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS);
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(400, 0.6, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }

    /** Fisher–Yates, drawing from {@code random}: a key's order through the list. */
    static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
    }
}
