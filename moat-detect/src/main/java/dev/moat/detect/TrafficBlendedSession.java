package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Harvesting in the exact shape of the chat workload it hides in: a conversation that opens with an item of the
 * campaign's material pasted as it is and, half the time, goes on for one to three of the follow-ups people really
 * type ({@link TrafficConversation#FOLLOW_UPS}), each sent with the conversation so far — under the workload's own
 * system prompt, completion budget and temperature, streamed as often as its users stream. Someone who can read the
 * genuine traffic of the key (the app's operator, or a thief who also took the app's code) copies every part of the
 * frame; only the items differ. Written for the held-out set holdout8.
 */
final class TrafficBlendedSession implements TrafficContent {

    private static final int MAX_HISTORY = 12;
    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Optional<String> system;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final List<UsageEvent.Message> history = new ArrayList<>();
    private int followUpsLeft;

    /**
     * @param system      the genuine workload's system prompt, copied
     * @param maxTokens   its completion budget (0 when it sets none)
     * @param temperature its temperature
     */
    TrafficBlendedSession(PromptSource prompts, List<PromptSource.Pool> pools, Optional<String> system, int maxTokens,
                          OptionalDouble temperature) {
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = system;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String userText;
        String answer;
        long median;
        if (history.isEmpty()) {
            PromptSource.Prompt item = prompts.pick(pools, random);
            userText = item.text().strip();
            answer = TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS);
            // as often as a person's chat goes on: half the conversations end after the first answer
            followUpsLeft = random.nextInt(10) < 5 ? 0 : 1 + random.nextInt(3);
            median = 450;
        } else {
            userText = TrafficConversation.FOLLOW_UPS.get(random.nextInt(TrafficConversation.FOLLOW_UPS.size()));
            answer = TrafficText.answer(random);
            followUpsLeft--;
            median = 220;
        }
        history.add(new UsageEvent.Message("user", userText));
        RequestSummary request = new RequestSummary(system, List.copyOf(history), history.size(), maxTokens,
                temperature, 1, random.nextInt(10) < 8, false, 0, 0, 0, false);
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(median, 0.7, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        boolean continues = followUpsLeft > 0 && history.size() < MAX_HISTORY - 1;
        if (continues) {
            history.add(new UsageEvent.Message("assistant", answer));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, continues);
    }
}
