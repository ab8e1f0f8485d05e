package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A student doing homework or revising for an exam through a chat client on their own key: maths word problems
 * (GSM8K's test split, the kind of problem set in school), programming questions and general questions, pasted bare
 * or with a request to be taken through it step by step; often a follow-up ("I got a different answer", "why that
 * step?"). No system prompt, a chat client's default budget, thinking switched on by some. To a harvest detector this
 * looks like maths and code with step-by-step demands from a brand-new account — and it is homework.
 */
final class TrafficRevision implements TrafficContent {

    private static final List<String> ASKS = List.of(
            "", "", "", "Can you explain this step by step? ", "I have an exam tomorrow, please explain how to solve "
                    + "this: ", "how do you do this one?\n", "Explain the solution step by step so I can follow it:\n",
            "Check my reasoning, I keep getting it wrong:\n", "Homework question: ", "pls explain like I'm revising\n");
    private static final List<String> FOLLOW_UPS = List.of(
            "I got a different answer, where did I go wrong?", "why that step?", "can you explain it more simply?",
            "ok, and how would I check my answer?", "can you give me a similar one to practise?",
            "thanks, that makes sense now", "what's the formula I should remember for this?",
            "is there a faster way to do it in the exam?", "wait, where does that number come from?");
    private static final int MAX_HISTORY = 8;

    private final PromptSource prompts;
    private final double mathsShare;
    private final double codingShare;
    private final int maxTokens;
    private final boolean thinking;
    private final List<UsageEvent.Message> history = new ArrayList<>();
    private int followUpsLeft;

    /**
     * @param mathsShare  the share of questions that are maths problems
     * @param codingShare the share that are programming questions (the rest are general questions)
     */
    TrafficRevision(PromptSource prompts, double mathsShare, double codingShare, int maxTokens, boolean thinking) {
        if (mathsShare < 0 || codingShare < 0 || mathsShare + codingShare > 1) {
            throw new IllegalArgumentException("mathsShare " + mathsShare + ", codingShare " + codingShare
                    + " (expected: non-negative, together at most 1)");
        }
        this.prompts = prompts;
        this.mathsShare = mathsShare;
        this.codingShare = codingShare;
        this.maxTokens = maxTokens;
        this.thinking = thinking;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String text;
        Optional<String> reference = Optional.empty();
        if (history.isEmpty()) {
            double subject = random.nextDouble();
            PromptSource.Pool pool = subject < mathsShare ? PromptSource.Pool.EVALUATION
                    : subject < mathsShare + codingShare ? PromptSource.Pool.CODING : PromptSource.Pool.CHAT;
            PromptSource.Prompt prompt = prompts.pick(pool, random);
            text = ASKS.get(random.nextInt(ASKS.size())) + prompt.text().strip();
            reference = prompt.reference();
            followUpsLeft = random.nextInt(5) < 2 ? 0 : 1 + random.nextInt(3);
        } else {
            text = FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size()));
            followUpsLeft--;
        }
        history.add(new UsageEvent.Message("user", text));
        RequestSummary request = new RequestSummary(Optional.empty(), List.copyOf(history), history.size(), maxTokens,
                OptionalDouble.empty(), 1, true, false, 0, 0, 0, thinking);
        String answer = reference.map(worked -> TrafficText.clip(worked, 700)).orElseGet(() -> TrafficText.answer(random));
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(350, 0.7, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        long reasoning = thinking ? TrafficText.tokensAround(700, 0.8, random) : 0;
        boolean continues = followUpsLeft > 0 && history.size() < MAX_HISTORY - 1;
        if (continues) {
            history.add(new UsageEvent.Message("assistant", answer));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(answer), completion, reasoning, continues);
    }
}
