package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A distiller collecting self-improvement data: its own student model has already answered the campaign's
 * items, and every request sends one item with the student's draft (here: an incomplete, cut-short version of
 * the item's reference answer) and asks the model to point out what is wrong or missing and then write the
 * complete, correct answer. What is kept is the critique and the rewrite — correction pairs for training the
 * student. It reads like a learner asking for feedback on their own attempt; the wording is assembled per
 * request from independent parts (opening, layout, critique ask, rewrite ask), so no fixed template wraps the
 * items. Written for the held-out set holdout5.
 */
final class TrafficCritiqueRewrite implements TrafficContent {

    private static final List<String> OPENINGS = List.of("", "Here is a problem and my attempt at it.",
            "I tried this one myself but I'm not sure about my answer.", "Can you look over my work?",
            "My solution below — be honest.", "Working through some exercises and got stuck checking this one.",
            "This is what I came up with.", "Could you review this for me?");
    private static final List<String[]> LAYOUTS = List.of(
            new String[] {"Problem:", "My attempt:"}, new String[] {"Task:", "What I wrote:"},
            new String[] {"Question", "My answer"}, new String[] {"The exercise:", "My draft:"},
            new String[] {"", "---"}, new String[] {"### Task", "### Attempt"});
    static final List<String> CRITIQUES = List.of("What's wrong or missing in my answer?",
            "Point out any mistakes or gaps.", "Where does my reasoning go off track?",
            "Tell me what I got wrong, if anything.", "Please critique it step by step.",
            "Is anything incorrect or incomplete?");
    static final List<String> REWRITES = List.of("Then write the full corrected solution.",
            "After that, give me a complete and correct version.", "Then rewrite it properly from start to finish.",
            "And show me how a complete answer should look.", "Then please redo it in full.",
            "Finally, write out the answer the way it should have been written.");
    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final int maxTokens;
    private final OptionalDouble temperature;

    TrafficCritiqueRewrite(PromptSource prompts, List<PromptSource.Pool> pools, int maxTokens,
                           OptionalDouble temperature) {
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        String reference = item.reference().orElse("");
        String[] layout = LAYOUTS.get(random.nextInt(LAYOUTS.size()));
        String opening = OPENINGS.get(random.nextInt(OPENINGS.size()));
        String critique = CRITIQUES.get(random.nextInt(CRITIQUES.size()));
        String rewrite = REWRITES.get(random.nextInt(REWRITES.size()));
        StringBuilder text = new StringBuilder();
        if (!opening.isEmpty()) {
            text.append(opening).append("\n\n");
        }
        if (!layout[0].isEmpty()) {
            text.append(layout[0]).append('\n');
        }
        text.append(item.text().strip()).append("\n\n").append(layout[1]).append('\n').append(draft(reference, random))
                .append("\n\n");
        // the asks come together or one per line, in either order now and then, like people write them
        if (random.nextInt(4) == 0) {
            text.append(rewrite).append(' ').append(critique);
        } else {
            text.append(critique).append(random.nextBoolean() ? " " : "\n").append(rewrite);
        }
        RequestSummary request = new RequestSummary(Optional.empty(),
                List.of(new UsageEvent.Message("user", text.toString())), 1, maxTokens, temperature, 1,
                random.nextBoolean(), false, 0, 0, 0, false);
        String answer = "Your draft stops before the end and skips a step. Here is a complete solution:\n\n"
                + TrafficText.clip(reference, MAX_ANSWER_CHARS);
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(answer),
                TrafficText.tokensAround(900, 0.5, random)));
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }

    /**
     * The student's draft: the first 30–75 % of the reference, cut at a word boundary — a plausible, incomplete
     * attempt that differs from request to request.
     */
    static String draft(String reference, SplittableRandom random) {
        String text = reference.strip();
        if (text.length() < 40) {
            return "I think the answer is " + (text.isEmpty() ? "unclear" : text.split("\\s+")[0]) + ", but I'm not sure.";
        }
        int cut = (int) (text.length() * (0.3 + 0.45 * random.nextDouble()));
        int space = text.lastIndexOf(' ', cut);
        return TrafficText.clip(text.substring(0, space > 10 ? space : cut), 1_200) + " …";
    }
}
