package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A person chatting: picks a human-written question or dialogue, sends its turns one by one with the
 * conversation so far, and sometimes asks a follow-up of their own. The history kept is the current
 * conversation only, capped, so a client's state stays small however long it runs.
 */
final class TrafficConversation implements TrafficContent {

    private static final int MAX_HISTORY = 12;
    private static final int MAX_ANSWER_CHARS = 700;
    /** What people type after an answer; an app's operator who harvests through its own key replays these. */
    static final List<String> FOLLOW_UPS = List.of(
            "Thanks! Can you make it shorter?", "Can you give me an example?", "Why is that?",
            "ok and what if it doesn't work", "Could you explain the second point in more detail?",
            "Great, now put it in a table.", "hmm, I'm not sure that's right. Can you double-check?",
            "What would you recommend for a beginner?", "Can you rewrite that in a friendlier tone?",
            "thanks", "And in Python?", "Is there a cheaper option?");

    private final PromptSource prompts;
    private final Optional<String> system;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final boolean thinking;
    private final List<UsageEvent.Message> history = new ArrayList<>();
    private List<String> pendingTurns = List.of();
    private int extraTurns;

    TrafficConversation(PromptSource prompts, Optional<String> system, int maxTokens, OptionalDouble temperature,
                        boolean thinking) {
        this.prompts = prompts;
        this.system = system;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
        this.thinking = thinking;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String userText;
        Optional<String> reference = Optional.empty();
        if (history.isEmpty()) {
            PromptSource.Prompt prompt = prompts.pick(
                    random.nextInt(10) < 6 ? PromptSource.Pool.CHAT : PromptSource.Pool.DIALOGUE, random);
            userText = prompt.text();
            reference = prompt.reference();
            pendingTurns = prompt.followUps();
            extraTurns = random.nextInt(10) < 5 ? 0 : 1 + random.nextInt(3);
        } else if (!pendingTurns.isEmpty()) {
            userText = pendingTurns.getFirst();
            pendingTurns = pendingTurns.subList(1, pendingTurns.size());
        } else {
            userText = FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size()));
            extraTurns--;
        }
        history.add(new UsageEvent.Message("user", userText));
        RequestSummary request = new RequestSummary(system, List.copyOf(history), history.size(), maxTokens,
                temperature, 1, random.nextInt(10) < 8, false, 0, 0, 0, thinking);
        String answer = reference.map(text -> TrafficText.clip(text, MAX_ANSWER_CHARS))
                .orElseGet(() -> TrafficText.answer(random));
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(220, 0.8, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        long reasoning = thinking ? TrafficText.tokensAround(400, 0.9, random) : 0;
        boolean continues = (!pendingTurns.isEmpty() || extraTurns > 0) && history.size() < MAX_HISTORY - 1;
        if (continues) {
            history.add(new UsageEvent.Message("assistant", answer));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(answer), completion, reasoning, continues);
    }
}
