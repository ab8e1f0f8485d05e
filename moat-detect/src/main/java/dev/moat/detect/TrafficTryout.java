package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A developer trying the API for the first time, from the quick-start: a greeting to see that the key works, then
 * questions of their own (human-written chat and programming questions), each sent once or re-sent a few times with
 * the parameters changed — a bigger {@code max_tokens}, another temperature, streaming, thinking switched on — to see
 * what they do; now and then a follow-up to see that a conversation works. Single-turn almost always, with every kind
 * of budget, the large ones included: what a newcomer's first sitting looks like.
 */
final class TrafficTryout implements TrafficContent {

    /** What people send first to check that the key and the endpoint work. */
    static final List<String> GREETINGS = List.of(
            "Hello", "hello", "Hi!", "test", "Say hello", "What model are you?", "Hello, are you working?",
            "Say this is a test", "ping", "Write a haiku about APIs.", "Tell me a joke.", "hi, what can you do?");
    private static final List<Integer> BUDGETS = List.of(0, 0, 50, 256, 1_024, 1_024, 4_096, 8_192, 16_000, 32_000);
    private static final List<Double> TEMPERATURES = List.of(0.0, 0.5, 0.7, 1.0, 1.5);

    private final PromptSource prompts;
    private final boolean greets;
    private final double codingShare;
    private int budget;
    private OptionalDouble temperature;
    private boolean stream;
    private boolean thinking;
    private String question = "";
    private Optional<String> reference = Optional.empty();
    private int retriesLeft;
    private boolean greeted;

    /**
     * @param greets      whether the sitting opens with a greeting
     * @param codingShare the share of the developer's own questions that are programming questions
     */
    TrafficTryout(PromptSource prompts, boolean greets, double codingShare, int budget) {
        this.prompts = prompts;
        this.greets = greets;
        this.codingShare = codingShare;
        this.budget = budget;
        this.temperature = OptionalDouble.empty();
    }

    static List<Integer> budgets() {
        return BUDGETS;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        List<UsageEvent.Message> messages;
        String answer;
        if (greets && !greeted) {
            greeted = true;
            String greeting = GREETINGS.get(random.nextInt(GREETINGS.size()));
            messages = List.of(new UsageEvent.Message("user", greeting));
            answer = "Hello! I'm working and ready to help. What would you like to do?";
        } else if (retriesLeft > 0) {
            retriesLeft--;
            tweak(random);
            messages = List.of(new UsageEvent.Message("user", question));
            answer = reference.map(text -> TrafficText.clip(text, 700)).orElseGet(() -> TrafficText.answer(random));
        } else if (!question.isEmpty() && random.nextInt(8) == 0) {
            // a follow-up, to see that the conversation is kept: the question, its answer and the next turn
            answer = reference.map(text -> TrafficText.clip(text, 700)).orElseGet(() -> TrafficText.answer(random));
            messages = List.of(new UsageEvent.Message("user", question), new UsageEvent.Message("assistant", answer),
                    new UsageEvent.Message("user", oneOf(TrafficConversation.FOLLOW_UPS, random)));
            question = "";
        } else {
            PromptSource.Prompt prompt = prompts.pick(random.nextDouble() < codingShare ? PromptSource.Pool.CODING
                    : PromptSource.Pool.CHAT, random);
            question = prompt.text();
            reference = prompt.reference();
            retriesLeft = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
            thinking = false; // tried on one question; the budget, temperature and streaming they settled on stay
            messages = List.of(new UsageEvent.Message("user", question));
            answer = reference.map(text -> TrafficText.clip(text, 700)).orElseGet(() -> TrafficText.answer(random));
        }
        RequestSummary request = new RequestSummary(Optional.empty(), messages, messages.size(), budget, temperature, 1,
                stream, false, 0, 0, 0, thinking);
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(300, 0.9, random));
        if (budget > 0) {
            completion = Math.min(completion, budget);
        }
        long reasoning = thinking ? TrafficText.tokensAround(600, 0.9, random) : 0;
        return new TrafficExchange(request, Optional.of(answer), completion, reasoning, retriesLeft > 0);
    }

    /** One parameter changed before the same question is sent again. */
    private void tweak(SplittableRandom random) {
        switch (random.nextInt(4)) {
            case 0 -> budget = BUDGETS.get(random.nextInt(BUDGETS.size()));
            case 1 -> temperature = OptionalDouble.of(TEMPERATURES.get(random.nextInt(TEMPERATURES.size())));
            case 2 -> stream = !stream;
            default -> thinking = !thinking;
        }
    }

    private static <T> T oneOf(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
