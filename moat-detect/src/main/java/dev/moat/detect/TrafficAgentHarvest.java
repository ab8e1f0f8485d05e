package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A harvester dressed as a coding agent: every task it hands the "agent" is an item of the material it
 * wants to distil (a code-generation, tool-use or maths task), and every task runs as an agent loop — a
 * long system prompt, a dozen tool definitions, the conversation growing by tool calls and their results,
 * thinking often on — ending in a step where the model writes out the complete solution. What it collects
 * is the model's whole agentic trajectory (each tool call with its reasoning) plus the final answer: the
 * material for distilling an agent, in requests shaped like an ordinary developer's agent traffic.
 *
 * <p>The system prompts, tool names and file names are written here for this held-out variant and are
 * not the ordinary coding agent's.
 */
final class TrafficAgentHarvest implements TrafficContent {

    private static final List<String> SYSTEMS = List.of("""
            You are a senior engineer pair-programming inside the user's workspace. You can inspect and \
            change the project only through the tools listed. Plan briefly, act, check the result of each \
            action, and finish by writing the complete, working solution to the file the task names.""", """
            You operate as a coding assistant with access to a sandboxed shell and the project files. \
            Prefer small verified steps. When you write code, write the whole file, not a diff, and \
            explain the design decisions in comments.""", """
            Agent mode. Tools are available for reading, searching, executing and writing. Investigate \
            before changing anything; after the last tool result, deliver the final implementation and a \
            short explanation of how it works.""");
    private static final List<String> TOOLS = List.of("open_file", "grep_workspace", "shell", "run_tests",
            "write_file", "list_tree");
    private static final List<String> FILES = List.of("solution.py", "src/main.rs", "lib/task.js", "app/core.go",
            "tests/test_task.py", "README.md", "pyproject.toml", "src/index.ts");
    private static final int MAX_STEPS_KEPT = 10;
    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final String system;
    private final int tools;
    private final int maxTokens;
    private final boolean thinking;
    private final List<UsageEvent.Message> steps = new ArrayList<>();
    private String task = "";
    private String solution = "";
    private int remaining;

    /** @param systemChoice which of the campaign's agent system prompts this key's agent uses */
    TrafficAgentHarvest(PromptSource prompts, List<PromptSource.Pool> pools, int systemChoice, SplittableRandom random) {
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = SYSTEMS.get(Math.floorMod(systemChoice, SYSTEMS.size()));
        this.tools = 6 + random.nextInt(15);
        this.maxTokens = random.nextBoolean() ? 4_096 : 8_192;
        this.thinking = random.nextInt(3) != 0;
    }

    static int systemPrompts() {
        return SYSTEMS.size();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        if (remaining <= 0) {
            PromptSource.Prompt item = prompts.pick(pools, random);
            task = item.text();
            solution = TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS);
            remaining = 4 + random.nextInt(11);
            steps.clear();
        }
        List<UsageEvent.Message> messages = new ArrayList<>();
        messages.add(new UsageEvent.Message("user", task));
        messages.addAll(steps);
        RequestSummary request = new RequestSummary(Optional.of(system), messages, messages.size(), maxTokens,
                OptionalDouble.empty(), 1, true, false, 0, 0, tools, thinking);
        remaining--;
        long reasoning = thinking ? TrafficText.tokensAround(500, 0.7, random) : 0;
        if (remaining == 0) {
            // the harvest proper: the complete solution, written out in full
            long completion = Math.max(TrafficText.tokens(solution), TrafficText.tokensAround(1_100, 0.5, random));
            return new TrafficExchange(request, Optional.of(solution), Math.min(maxTokens, completion), reasoning,
                    false);
        }
        String tool = TOOLS.get(random.nextInt(TOOLS.size()));
        String call = "Calling " + tool + " on " + FILES.get(random.nextInt(FILES.size()));
        if (steps.size() >= MAX_STEPS_KEPT) {
            steps.subList(0, 2).clear();
        }
        steps.add(new UsageEvent.Message("assistant", call));
        steps.add(new UsageEvent.Message("user", "[" + tool + " result] status 0, " + (5 + random.nextInt(300))
                + " lines"));
        return new TrafficExchange(request, Optional.of(call), TrafficText.tokensAround(260, 0.6, random), reasoning,
                true);
    }
}
