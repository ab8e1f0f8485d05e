package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A worker on shift pasting items one after another: each session is a run of a few to a few dozen items of the
 * material, each asked on its own (single-turn, in plain words, now and then after a short opener of the worker's
 * own), the next one sent once the worker has read the answer. The session ends when its run of items does, and the
 * next starts with the worker's next sitting. Written for the held-out set holdout14 (follow-the-sun).
 */
final class TrafficShiftSession implements TrafficContent {

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final List<String> openers;
    private final int fewest;
    private final int most;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private int left;

    /**
     * @param openers what the worker may type before an item ("" for nothing)
     * @param fewest  the fewest items of a session
     * @param most    the most items of a session
     */
    TrafficShiftSession(PromptSource prompts, List<PromptSource.Pool> pools, List<String> openers, int fewest, int most,
                        int maxTokens, OptionalDouble temperature) {
        if (openers.isEmpty() || fewest < 1 || most < fewest) {
            throw new IllegalArgumentException("openers: " + openers + ", fewest: " + fewest + ", most: " + most
                    + " (expected: at least \"\", 1 <= fewest <= most)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.openers = List.copyOf(openers);
        this.fewest = fewest;
        this.most = most;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        if (left <= 0) {
            left = fewest + random.nextInt(most - fewest + 1);
        }
        left--;
        PromptSource.Prompt item = prompts.pick(pools, random);
        String opener = openers.get(random.nextInt(openers.size()));
        RequestSummary request = new RequestSummary(Optional.empty(),
                List.of(new UsageEvent.Message("user", opener + item.text().strip())), 1, maxTokens, temperature, 1,
                random.nextInt(10) < 6, false, 0, 0, 0, false);
        String answer = TrafficText.clip(item.reference().orElseGet(() -> TrafficText.answer(random)), 1_500);
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(420, 0.5, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, left > 0);
    }
}
