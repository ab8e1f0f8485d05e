package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A student using a tutoring app: a homework problem (grade-school maths word problems, now and then
 * another subject), pasted bare or with a few words of their own, under the app's fixed system prompt
 * that asks for every step to be explained; half the time the student follows up ("I don't get step 2",
 * "I got a different answer"). To a naive harvest detector this is narrow, maths-heavy, step-by-step
 * elicitation at volume through one key — and it is an ordinary product doing what it is for.
 */
final class TrafficTutoring implements TrafficContent {

    private static final List<String> SYSTEMS = List.of(
            "You are {app}, a patient maths tutor for school students. Explain every step of a solution in simple "
                    + "words, then check that the student understood.",
            "You are the homework helper of {app}. Never just give the answer: walk the student through the "
                    + "solution step by step and encourage them.",
            "You help pupils aged 9 to 14 with their homework in the {app} app. Use short sentences, explain each "
                    + "step, and finish with a similar practice question.");
    private static final List<String> OPENERS = List.of(
            "", "", "", "can you help me with this: ", "I don't understand this problem, can you explain it?\n\n",
            "how do i solve this??\n", "My homework question: ", "pls help\n");
    private static final List<String> FOLLOW_UPS = List.of(
            "I don't get step 2, why do we do that?", "can you explain it more simply?",
            "I got a different answer, can you check mine?", "why do we multiply there and not add?",
            "ok that makes sense, thank you!", "can you give me a similar problem to practise?",
            "what's the trick to remember this?", "wait, where did that number come from?");
    private static final int MAX_HISTORY = 8;
    private static final int MAX_ANSWER_CHARS = 700;

    private final PromptSource prompts;
    private final String system;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final boolean thinking;
    private final List<UsageEvent.Message> history = new ArrayList<>();
    private int followUpsLeft;

    /** @param appName the app's name, in its system prompt; the other parameters are the app's, shared by its users */
    TrafficTutoring(PromptSource prompts, String appName, int systemChoice, int maxTokens, OptionalDouble temperature,
                    boolean thinking) {
        this.prompts = prompts;
        this.system = SYSTEMS.get(Math.floorMod(systemChoice, SYSTEMS.size())).replace("{app}", appName);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
        this.thinking = thinking;
    }

    static int systemPrompts() {
        return SYSTEMS.size();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String text;
        Optional<String> reference = Optional.empty();
        if (history.isEmpty()) {
            PromptSource.Prompt problem = prompts.pick(
                    random.nextInt(5) == 0 ? PromptSource.Pool.CHAT : PromptSource.Pool.EVALUATION, random);
            text = OPENERS.get(random.nextInt(OPENERS.size())) + problem.text().strip();
            reference = problem.reference();
            followUpsLeft = random.nextBoolean() ? 0 : 1 + random.nextInt(3);
        } else {
            text = FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size()));
            followUpsLeft--;
        }
        history.add(new UsageEvent.Message("user", text));
        RequestSummary request = new RequestSummary(Optional.of(system), List.copyOf(history), history.size(),
                maxTokens, temperature, 1, true, false, 0, 0, 0, thinking);
        String answer = reference.map(worked -> TrafficText.clip(worked, MAX_ANSWER_CHARS))
                .orElseGet(() -> TrafficText.answer(random));
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(answer),
                TrafficText.tokensAround(280, 0.6, random)));
        long reasoning = thinking ? TrafficText.tokensAround(350, 0.8, random) : 0;
        boolean continues = followUpsLeft > 0 && history.size() < MAX_HISTORY - 1;
        if (continues) {
            history.add(new UsageEvent.Message("assistant", answer));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(answer), completion, reasoning, continues);
    }
}
