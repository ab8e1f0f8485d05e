package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A student of a maths-olympiad coaching platform: a competition problem from the platform's own problem sets
 * (number theory, algebra, combinatorics, geometry; written for the platform, with its own numbers), sent under
 * the platform's system prompt that asks for a complete, rigorous solution, with extended thinking on and a
 * completion budget of 16–32 k tokens; often the student asks about a step afterwards. To a naive harvest
 * detector this is narrow, maths-only, step-by-step elicitation of long reasoning at volume through one key;
 * it is what the platform sells. Written for the held-out set ordinary2.
 */
final class TrafficOlympiadCoach implements TrafficContent {

    private static final List<String> SYSTEMS = List.of(
            "You are the coach of {platform}, a training platform for students preparing for mathematical olympiads. "
                    + "Give a complete, rigorous solution: state the key idea, prove every claim step by step, and "
                    + "end with the final answer. Then suggest one related practice problem.",
            "You are {platform}'s olympiad tutor. Solve the problem fully and rigorously, explaining each step so a "
                    + "strong high-school student can follow it, and point out the common mistakes.");
    /** The platform's problem sets; {a}, {b}, {c} are numbers drawn per problem. */
    static final List<String> PROBLEMS = List.of(
            "Find all positive integers n such that n^2 + {a} is divisible by n + {b}.",
            "Prove that for all positive reals x, y, z with x + y + z = {c}, we have x^2 + y^2 + z^2 >= {c}^2/3.",
            "How many subsets of {1, 2, ..., {c}} contain no two consecutive integers?",
            "Find the remainder when {a}^{b} is divided by {c}.",
            "In triangle ABC, AB = {a}, AC = {b} and angle A = 60 degrees. Find BC and the circumradius.",
            "Find all functions f: R -> R such that f(x + y) = f(x) + f(y) + {a}xy for all real x, y.",
            "A {c} x {c} board is tiled with dominoes. Prove that the number of horizontal dominoes is even.",
            "Determine the number of ordered pairs (x, y) of positive integers with 1/x + 1/y = 1/{a}.",
            "Let p be a prime greater than {b}. Prove that p^2 - 1 is divisible by 24.",
            "The sequence a_1 = {a}, a_(n+1) = a_n^2 - a_n + 1. Prove that the a_i are pairwise coprime.",
            "How many ways can {b} identical balls be put into {a} distinct boxes so that no box is empty?",
            "Find the minimum of x + {a}/x + y + {b}/y for positive reals x, y, and prove it is attained.",
            "Prove that among any {c} integers one can choose some whose sum is divisible by {c}.",
            "Points A and B lie on a circle of radius {a}. The chord AB has length {b}. Find the distance from the "
                    + "centre to AB.");
    private static final List<String> OPENERS = List.of("", "", "", "Problem: ", "Can you solve this? ",
            "I'm stuck on this one from the number theory set:\n", "Practice set, problem {n}:\n");
    private static final List<String> FOLLOW_UPS = List.of(
            "Why does the case n < 0 not need checking?", "Is there a solution without induction?",
            "I tried working mod 3 instead, is that also valid?", "Can you explain the key idea again more slowly?",
            "How would a grader mark my solution if I skipped step 2?", "Can you give me only a hint for the next one?");
    private static final int MAX_HISTORY = 6;

    private final String system;
    private final int maxTokens;
    private final List<UsageEvent.Message> history = new ArrayList<>();
    private int followUpsLeft;

    TrafficOlympiadCoach(String platform, int systemChoice, int maxTokens) {
        this.system = SYSTEMS.get(Math.floorMod(systemChoice, SYSTEMS.size())).replace("{platform}", platform);
        this.maxTokens = maxTokens;
    }

    static int systemPrompts() {
        return SYSTEMS.size();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String text;
        if (history.isEmpty()) {
            String problem = PROBLEMS.get(random.nextInt(PROBLEMS.size()))
                    .replace("{a}", Integer.toString(2 + random.nextInt(40)))
                    .replace("{b}", Integer.toString(3 + random.nextInt(30)))
                    .replace("{c}", Integer.toString(4 + random.nextInt(60)));
            text = OPENERS.get(random.nextInt(OPENERS.size())).replace("{n}", Integer.toString(1 + random.nextInt(30)))
                    + problem;
            followUpsLeft = random.nextInt(5) < 2 ? 1 + random.nextInt(2) : 0;
        } else {
            text = FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size()));
            followUpsLeft--;
        }
        history.add(new UsageEvent.Message("user", text));
        RequestSummary request = new RequestSummary(Optional.of(system), List.copyOf(history), history.size(),
                maxTokens, OptionalDouble.empty(), 1, true, false, 0, 0, 0, true);
        // olympiad problems take long thinking and long written solutions; both share the budget
        long reasoning = Math.min(maxTokens * 3L / 4, TrafficText.tokensAround(5_000, 0.6, random));
        long completion = Math.min(maxTokens - reasoning, TrafficText.tokensAround(1_400, 0.4, random));
        String solution = "Key idea: rewrite the condition in an equivalent form and bound the cases. Step 1: we "
                + "transform the condition. Step 2: we show that only finitely many values can work. Step 3: checking "
                + "them gives the answer, and each one does satisfy the condition.";
        boolean continues = followUpsLeft > 0 && history.size() < MAX_HISTORY - 1;
        if (continues) {
            history.add(new UsageEvent.Message("assistant", solution));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(solution), completion, reasoning, continues);
    }
}
