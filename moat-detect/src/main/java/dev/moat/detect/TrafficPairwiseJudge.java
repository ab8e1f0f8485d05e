package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A grader asked for pairwise preferences, as an "experimentation platform" would ask it: an item of the material and
 * two candidate answers to it — its reference answer and a flawed one (cut short, or with the final line changed) in
 * either order — and the question which one is better, answered as a small JSON verdict with a reason. The preferences
 * and their reasons are what a reward model is trained on. The wording is assembled per request from a few parts, so
 * no two requests need share a sentence beyond the item. Written for the held-out set holdout11.
 */
final class TrafficPairwiseJudge implements TrafficContent {

    private static final List<String> OPENINGS = List.of("Experiment {n}.", "Variant comparison #{n}",
            "A/B test {n}:", "Run {n} — compare the two outputs.", "");
    private static final List<String> QUESTIONS = List.of(
            "Which response answers the prompt better, A or B?",
            "Pick the better of the two responses.",
            "Which variant should ship? Answer A or B.",
            "Decide which output is more correct and complete.",
            "Compare A and B and choose the stronger one.");
    private static final List<String> FORMATS = List.of(
            "Reply as JSON: {\"winner\": \"A\" or \"B\", \"reason\": one sentence}.",
            "Return {\"winner\": ..., \"reason\": ...}.",
            "Output JSON with the keys winner and reason.");
    private static final List<String> REASONS = List.of(
            "it reaches the correct result and shows how", "the other one stops before the answer",
            "its final result is right while the other's is wrong", "it is complete and consistent",
            "the other response contains an error in its last step");

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Optional<String> system;
    private final int maxTokens;

    /** @param system the platform's system prompt, if it sends one */
    TrafficPairwiseJudge(PromptSource prompts, List<PromptSource.Pool> pools, Optional<String> system, int maxTokens) {
        if (maxTokens < 64) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected: >= 64, room for a reason)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = system;
        this.maxTokens = maxTokens;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        String good = TrafficText.clip(item.reference().orElse(item.text()), 1_500).strip();
        String flawed = flawed(good, random);
        boolean goodFirst = random.nextBoolean();
        String opening = OPENINGS.get(random.nextInt(OPENINGS.size()))
                .replace("{n}", Integer.toString(1_000 + random.nextInt(99_000)));
        String text = (opening.isEmpty() ? "" : opening + "\n\n") + "Prompt:\n" + item.text().strip()
                + "\n\nResponse A:\n" + (goodFirst ? good : flawed) + "\n\nResponse B:\n" + (goodFirst ? flawed : good)
                + "\n\n" + QUESTIONS.get(random.nextInt(QUESTIONS.size())) + " "
                + FORMATS.get(random.nextInt(FORMATS.size()));
        RequestSummary request = new RequestSummary(system, List.of(new UsageEvent.Message("user", text)), 1,
                maxTokens, OptionalDouble.of(0.0), 1, false, false, 0, 0, 0, false);
        String verdict = "{\"winner\": \"" + (goodFirst ? "A" : "B") + "\", \"reason\": \"Response "
                + (goodFirst ? "A" : "B") + " is better because " + REASONS.get(random.nextInt(REASONS.size()))
                + ".\"}";
        long completion = Math.min(maxTokens, TrafficText.tokens(verdict) + TrafficText.tokensAround(15, 0.5, random));
        return new TrafficExchange(request, Optional.of(verdict), completion, 0, false);
    }

    /** The answer made worse the way a weak model's is: cut off half-way, or with its last line replaced. */
    static String flawed(String answer, SplittableRandom random) {
        int lastLine = answer.lastIndexOf('\n');
        if (random.nextBoolean() || lastLine < 0) {
            return answer.substring(0, Math.max(1, answer.length() / 2)).strip();
        }
        return answer.substring(0, lastLine).strip() + "\n#### " + (2 + random.nextInt(997));
    }
}
