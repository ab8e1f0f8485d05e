package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Reasoning harvested one step at a time, the way a student asks for hints: the first request shows a maths problem
 * (or a coding task) and asks only for the first part — "what should I figure out first?" — and every later turn of
 * the same conversation asks for the next part ("ok, what next?") until the last one asks for the result. Each
 * answer is one short piece of the worked solution (for GSM8K items, one line of its reference working), so the
 * distiller reassembles the complete chain of thought from many short, plain turns: no request asks for reasoning,
 * none needs a large budget, and nothing is single-turn.
 *
 * <p>The wording is written here for the held-out set holdout8 and avoids the vocabulary of reasoning demands
 * (no "step", "explain", "reason", "think" or "show").
 */
final class TrafficSocraticSteps implements TrafficContent {

    private static final List<String> LEADS = List.of("", "", "", "hi, ", "homework: ", "I'm stuck on this one.\n\n",
            "question from my worksheet:\n\n", "ok next one\n\n");
    private static final List<String> FIRST_MATHS = List.of(
            "Don't solve it for me. What should I figure out first?",
            "What's the first thing I need to find here? Only that part please.",
            "Where do I start with this one? Just the beginning.",
            "Can you give me just the first calculation? I want to try the rest.",
            "What do I need to work out before anything else?",
            "Just the opening bit please, not the whole answer.");
    private static final List<String> FIRST_CODE = List.of(
            "Don't write the whole thing. What should the first few lines be?",
            "How do I start this? Only the beginning of the code please.",
            "Just the first part of the code, I'll try to continue on my own.");
    private static final List<String> NEXT = List.of("ok, what next?", "got it. and after that?", "right, then what?",
            "ok I have that. what comes after?", "and then?", "done that. what now?", "makes sense, next bit?",
            "cool. only the next part please", "what do I do with that?", "ok. what's after that?");
    private static final List<String> FINAL_MATHS = List.of("so what's the final answer?",
            "and what do I get in the end?", "ok so what's the answer?", "what's the result then?",
            "so what number should I end up with?");
    private static final List<String> FINAL_CODE = List.of("can you put it all together now?",
            "ok, what does the whole thing look like?", "now the complete version please");
    private static final List<String> FIRST_OPENINGS = List.of("", "", "Start with this: ", "Begin here: ");
    private static final List<String> LATER_OPENINGS = List.of("", "", "Next: ", "Then: ", "OK — ");
    /** The most pieces one solution is cut into, the result included: conversations stay within six user turns. */
    private static final int MOST_PIECES = 5;
    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Optional<String> system;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final List<UsageEvent.Message> history = new ArrayList<>();
    private List<String> pieces = List.of();
    private boolean maths;

    /**
     * @param system    the hint app's system prompt, if it has one
     * @param maxTokens a small budget: one piece of a solution per answer
     */
    TrafficSocraticSteps(PromptSource prompts, List<PromptSource.Pool> pools, Optional<String> system, int maxTokens,
                         OptionalDouble temperature) {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens
                    + " (expected: > 0, a hint app's small budget)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = system;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String userText;
        boolean opening = history.isEmpty();
        if (opening) {
            PromptSource.Prompt item = prompts.pick(pools, random);
            maths = item.category().equals("math");
            pieces = pieces(item.reference().orElse(""), maths, random);
            String ask = oneOf(maths ? FIRST_MATHS : FIRST_CODE, random);
            userText = random.nextBoolean() ? oneOf(LEADS, random) + item.text().strip() + "\n\n" + ask
                    : ask + "\n\n" + item.text().strip();
        } else {
            userText = pieces.size() == 1 ? oneOf(maths ? FINAL_MATHS : FINAL_CODE, random) : oneOf(NEXT, random);
        }
        String answer = (pieces.size() == 1 ? "" : oneOf(opening ? FIRST_OPENINGS : LATER_OPENINGS, random))
                + pieces.getFirst();
        pieces = pieces.subList(1, pieces.size());
        history.add(new UsageEvent.Message("user", userText));
        RequestSummary request = new RequestSummary(system, List.copyOf(history), history.size(), maxTokens,
                temperature, 1, random.nextInt(10) < 7, false, 0, 0, 0, false);
        long completion = Math.min(maxTokens,
                Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(60, 0.5, random)));
        boolean continues = !pieces.isEmpty();
        if (continues) {
            history.add(new UsageEvent.Message("assistant", answer));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, continues);
    }

    /**
     * The worked solution cut into at most {@link #MOST_PIECES} answers, the result last: for a GSM8K item its working
     * lines (merged when there are many) and then its final number; for code, a few runs of lines and then the whole
     * program.
     */
    static List<String> pieces(String reference, boolean maths, SplittableRandom random) {
        List<String> lines = reference.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            return List.of(TrafficText.answer(random));
        }
        List<String> working = new ArrayList<>(lines);
        String result;
        if (maths) {
            String last = working.getLast();
            result = last.startsWith("####") ? "So the answer is " + last.substring(4).strip() + "." : last;
            working.removeLast();
        } else {
            result = TrafficText.clip(reference.strip(), MAX_ANSWER_CHARS);
        }
        List<String> pieces = new ArrayList<>();
        int runs = Math.min(working.size(), maths ? MOST_PIECES - 1 : 3);
        for (int run = 0; run < runs; run++) {
            int from = run * working.size() / runs;
            int to = (run + 1) * working.size() / runs;
            pieces.add(TrafficText.clip(String.join("\n", working.subList(from, to)), MAX_ANSWER_CHARS));
        }
        pieces.add(result);
        return List.copyOf(pieces);
    }

    private static String oneOf(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
