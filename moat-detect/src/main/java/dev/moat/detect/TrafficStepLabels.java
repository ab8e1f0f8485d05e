package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Process-reward labels bought in batches, as a "content QA" service would ask for them: an item of the material and
 * three to six numbered-step solutions to it (what the distiller's own student model wrote: some right, some with a
 * number changed in one step, some stopping short, some with a wrong final line), and one request to check each and
 * name the first wrong step, answered as a JSON array. The labels — which solutions are right and where the others go
 * wrong — train a step-level reward model. The wording is assembled per request from a few parts and never names
 * grading, judging, scores or rubrics. Written for the held-out set holdout12.
 */
final class TrafficStepLabels implements TrafficContent {

    private static final int MAX_STEPS = 12;
    private static final List<String> OPENINGS = List.of("Batch {n}", "QA set {n}:", "Content check #{n}",
            "Library item {n}", "");
    private static final List<String> CHECKS = List.of(
            "Check each solution above. For every one, say whether it is right and, if not, which step is the first "
                    + "one that is wrong.",
            "Go through the solutions one by one: is it correct, and where does it first go wrong?",
            "For each solution, find the first incorrect step, if there is one.",
            "Which of these solutions are correct? For the others, give the number of the first mistaken step.");
    private static final List<String> FORMATS = List.of(
            "Return a JSON array of {\"solution\": number, \"correct\": true or false, \"first_wrong_step\": number or "
                    + "null}.",
            "Answer only with JSON: [{\"solution\": 1, \"correct\": ..., \"first_wrong_step\": ...}, ...].",
            "Output one JSON object per solution in an array, with the keys solution, correct and first_wrong_step.");

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Optional<String> system;
    private final int maxTokens;

    /** @param system the service's system prompt, if it sends one */
    TrafficStepLabels(PromptSource prompts, List<PromptSource.Pool> pools, Optional<String> system, int maxTokens) {
        if (maxTokens < 128) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected: >= 128, room for six labels)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = system;
        this.maxTokens = maxTokens;
    }

    /** One candidate solution and where it first goes wrong (0: nowhere). */
    private record Candidate(List<String> steps, int firstWrong) {
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        List<String> steps = steps(item.reference().orElse(item.text()));
        StringBuilder text = new StringBuilder();
        String opening = OPENINGS.get(random.nextInt(OPENINGS.size()))
                .replace("{n}", Integer.toString(100 + random.nextInt(99_900)));
        if (!opening.isEmpty()) {
            text.append(opening).append("\n\n");
        }
        text.append("Problem:\n").append(item.text().strip()).append("\n\n");
        StringBuilder answer = new StringBuilder("[");
        for (int c = 1, count = 3 + random.nextInt(4); c <= count; c++) {
            Candidate candidate = candidate(steps, random);
            text.append("Solution ").append(c).append(":\n");
            for (int s = 0; s < candidate.steps().size(); s++) {
                text.append("Step ").append(s + 1).append(": ").append(candidate.steps().get(s)).append('\n');
            }
            text.append('\n');
            answer.append(c == 1 ? "" : ", ").append("{\"solution\": ").append(c).append(", \"correct\": ")
                    .append(candidate.firstWrong() == 0).append(", \"first_wrong_step\": ")
                    .append(candidate.firstWrong() == 0 ? "null" : Integer.toString(candidate.firstWrong()))
                    .append('}');
        }
        answer.append(']');
        text.append(CHECKS.get(random.nextInt(CHECKS.size()))).append(' ')
                .append(FORMATS.get(random.nextInt(FORMATS.size())));
        RequestSummary request = new RequestSummary(system, List.of(new UsageEvent.Message("user", text.toString())), 1,
                maxTokens, OptionalDouble.of(0.0), 1, false, false, 0, 0, 0, false);
        long completion = Math.min(maxTokens, TrafficText.tokens(answer.toString())
                + TrafficText.tokensAround(10, 0.5, random));
        return new TrafficExchange(request, Optional.of(answer.toString()), completion, 0, false);
    }

    /** The reference solution's non-empty lines, at most {@value #MAX_STEPS}, as its steps. */
    static List<String> steps(String solution) {
        List<String> steps = new ArrayList<>();
        for (String line : solution.strip().split("\n")) {
            if (!line.isBlank() && steps.size() < MAX_STEPS) {
                steps.add(line.strip());
            }
        }
        return steps.isEmpty() ? List.of(solution.strip()) : steps;
    }

    /**
     * A student's solution: the reference as it is (a third of them), with one number changed in one step, stopped
     * before its last step, or with another final line.
     */
    private static Candidate candidate(List<String> reference, SplittableRandom random) {
        List<String> steps = new ArrayList<>(reference);
        int last = steps.size() - 1;
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                return new Candidate(steps, 0);
            }
            case 2, 3 -> {
                int step = random.nextInt(steps.size());
                String changed = steps.get(step).replaceFirst("\\d+", Integer.toString(2 + random.nextInt(97)));
                if (!changed.equals(steps.get(step))) {
                    steps.set(step, changed);
                    return new Candidate(steps, step + 1);
                }
                steps.set(last, steps.get(last) + " So the answer is " + (2 + random.nextInt(997)) + ".");
                return new Candidate(steps, last + 1);
            }
            case 4 -> {
                if (last == 0) {
                    steps.set(0, steps.getFirst().substring(0, Math.max(1, steps.getFirst().length() / 2)));
                    return new Candidate(steps, 1);
                }
                // the missing last step is the first one that is wrong
                steps.remove(last);
                return new Candidate(steps, last + 1);
            }
            default -> {
                steps.set(last, "#### " + (2 + random.nextInt(997)));
                return new Candidate(steps, last + 1);
            }
        }
    }
}
