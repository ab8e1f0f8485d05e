package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reasoning traces bought as programs: each maths item of the material goes out as a small programming task — write a
 * function that computes what the problem asks — with a request for readable code: a named value per quantity, a
 * comment on each line. The program the model writes is the worked solution in another notation (every intermediate
 * quantity named, computed and commented, the answer returned), so nothing in the request asks for steps, reasoning or
 * explanations, and the traffic reads like a programming course's exercises. The wording is assembled per request from
 * interchangeable parts in either order. Written for the held-out set holdout13.
 */
final class TrafficProgramOfThought implements TrafficContent {

    private static final List<String> ASKS = List.of("Write a Python function that", "Implement a Python function which",
            "Using Python, write a small function that", "Give me a Python program that", "Code a Python function that",
            "Please write Python code that", "I need a Python function that");
    private static final List<String> GOALS = List.of("computes the answer to this problem",
            "returns the number the question below asks for", "works out the result of the following",
            "calculates what this word problem asks", "models the situation below and returns the result",
            "solves this for me");
    private static final List<String> STYLES = List.of("Give every quantity its own descriptive variable.",
            "Comment each line with what the value means.", "Use clear variable names and a comment on every line.",
            "Keep it readable: one named value per quantity, with a short comment each.",
            "Add a docstring and a comment for each calculation.", "No libraries, plain arithmetic only.",
            "Make it readable for a beginner.");
    /**
     * An arithmetic expression and its value as GSM8K writes them — {@code 48/2 = 24}, {@code 2 x 3 = 6},
     * {@code 12 × 5 = $60} — with the multiplication signs people type.
     */
    private static final Pattern CALCULATION = Pattern.compile(
            "([0-9][0-9.+\\-*/()×x ]*[0-9)])\\s*=\\s*[$€£]?([0-9][0-9.,]*)");

    private final PromptSource prompts;
    private final Optional<String> system;
    private final int maxTokens;
    private final OptionalDouble temperature;

    TrafficProgramOfThought(PromptSource prompts, Optional<String> system, int maxTokens, OptionalDouble temperature) {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected: > 0, a programming task's budget)");
        }
        this.prompts = prompts;
        this.system = system;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(PromptSource.Pool.HARVEST_MATH, random);
        String ask = pick(ASKS, random) + " " + pick(GOALS, random) + ". " + pick(STYLES, random);
        String text = random.nextBoolean() ? ask + "\n\n" + item.text().strip()
                : item.text().strip() + "\n\n" + ask;
        RequestSummary request = new RequestSummary(system, List.of(new UsageEvent.Message("user", text)), 1, maxTokens,
                temperature, 1, random.nextInt(3) == 0, false, 0, 0, 0, false);
        String program = program(item.reference().orElse(""));
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(program),
                TrafficText.tokensAround(380, 0.4, random)));
        return new TrafficExchange(request, Optional.of(TrafficText.clip(program, 1_500)), completion, 0, false);
    }

    /** The reference solution written as the program a model would answer with: each line a comment and a value. */
    static String program(String solution) {
        List<String> lines = new ArrayList<>();
        lines.add("```python");
        lines.add("def solve():");
        String result = "None";
        int step = 0;
        for (String line : solution.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("####")) {
                result = trimmed.substring(4).strip().replace(",", "");
                continue;
            }
            lines.add("    # " + trimmed);
            Matcher calculation = CALCULATION.matcher(trimmed);
            if (calculation.find()) {
                String expression = calculation.group(1).strip().replace("×", "*").replace("x", "*");
                lines.add("    value_" + ++step + " = " + expression + "  # " + calculation.group(2).replace(",", ""));
            }
        }
        lines.add("    return " + (step > 0 ? "value_" + step : result));
        lines.add("");
        lines.add("print(solve())  # " + result);
        lines.add("```");
        return String.join("\n", lines);
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
