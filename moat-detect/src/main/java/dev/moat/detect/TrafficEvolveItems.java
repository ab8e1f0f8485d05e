package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Synthetic-data expansion ("evol-instruct"): every request shows one item of the campaign's material as an
 * example and asks for two to five new items like it — harder, with other numbers, in another setting — each
 * with a complete worked solution. The item itself is never asked; what is harvested is new material and its
 * solutions, several pairs per request, which is what a distiller needs beyond a fixed seed set. The request reads
 * like a teacher building worksheets; its wording is assembled per request from independent parts, so no fixed
 * template wraps the items. Written for the held-out set holdout6.
 */
final class TrafficEvolveItems implements TrafficContent {

    static final List<String> OPENINGS = List.of("", "I'm putting together practice material.",
            "Here's an example from my set.", "Example:", "Use this one as a model.", "Take this as the starting point.",
            "For my worksheet —", "Reference item below.");
    static final List<String> VERBS = List.of("Write", "Create", "Come up with", "Draft", "Make", "Give me");
    static final List<String> CHANGES = List.of("that are a bit harder", "with different numbers and names",
            "set in a different situation", "that add one more constraint", "that test the same skill",
            "of increasing difficulty", "that a stronger student would find challenging");
    static final List<String> SOLUTIONS = List.of("each with a full worked solution",
            "and solve every one of them completely", "with complete solutions underneath",
            "and include the full solution after each", "with a detailed answer key",
            "and for each, the solution written out in full");
    private static final List<String> COUNTS = List.of("two", "three", "four", "five", "2", "3", "4", "5");
    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final int maxTokens;
    private final OptionalDouble temperature;

    TrafficEvolveItems(PromptSource prompts, List<PromptSource.Pool> pools, int maxTokens, OptionalDouble temperature) {
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        String count = COUNTS.get(random.nextInt(COUNTS.size()));
        int variants = switch (count) {
            case "two", "2" -> 2;
            case "three", "3" -> 3;
            case "four", "4" -> 4;
            default -> 5;
        };
        String ask = VERBS.get(random.nextInt(VERBS.size())) + " " + count + " new ones like it "
                + CHANGES.get(random.nextInt(CHANGES.size())) + ", " + SOLUTIONS.get(random.nextInt(SOLUTIONS.size()))
                + (random.nextBoolean() ? "." : "");
        String opening = OPENINGS.get(random.nextInt(OPENINGS.size()));
        StringBuilder text = new StringBuilder();
        if (!opening.isEmpty()) {
            text.append(opening).append(random.nextBoolean() ? "\n\n" : "\n");
        }
        text.append(item.text().strip()).append("\n\n").append(ask);
        RequestSummary request = new RequestSummary(Optional.empty(),
                List.of(new UsageEvent.Message("user", text.toString())), 1, maxTokens, temperature, 1,
                random.nextBoolean(), false, 0, 0, 0, false);
        String reference = TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS / variants);
        StringBuilder answer = new StringBuilder();
        for (int v = 1; v <= variants; v++) {
            answer.append("Problem ").append(v).append(": a new variant.\nSolution: ").append(reference).append("\n\n");
        }
        long completion = Math.max(TrafficText.tokens(answer.toString()),
                TrafficText.tokensAround(420.0 * variants, 0.4, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        return new TrafficExchange(request, Optional.of(answer.toString().strip()), completion, 0, false);
    }
}
