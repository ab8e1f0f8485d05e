package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A coding agent driven by a developer: one long fixed system prompt, a dozen tool definitions, and
 * for each task a loop of steps in which the conversation grows by a tool call and its result. Many
 * near-identical requests in quick succession, often with thinking on: the benign look-alike of a
 * template-driven harvester.
 */
final class TrafficCodingAgent implements TrafficContent {

    private static final String SYSTEM = """
            You are an autonomous software engineering agent working in the user's repository. \
            Use the provided tools to read files, run commands and edit code. Make minimal, \
            well-tested changes. Never invent file contents: read them first. When the task is \
            done, summarise what you changed.""";
    private static final List<String> VERBS = List.of("Fix", "Add tests for", "Refactor", "Document",
            "Speed up", "Add input validation to", "Remove dead code from", "Add logging to");
    private static final List<String> TARGETS = List.of("the CSV importer", "src/auth/session.ts",
            "the retry logic in client.py", "the /orders endpoint", "parse_config()", "the flaky test in test_api.py",
            "the Dockerfile", "UserRepository.java", "the pagination helper", "the build script");
    private static final List<String> TOOLS = List.of("read_file", "list_dir", "run_command", "edit_file", "search");
    private static final int MAX_STEPS_KEPT = 10;

    private final PromptSource prompts;
    private final int tools;
    private final boolean thinking;
    private final List<UsageEvent.Message> steps = new ArrayList<>();
    private String task = "";
    private int remaining;

    TrafficCodingAgent(PromptSource prompts, SplittableRandom random) {
        this.prompts = prompts;
        this.tools = 6 + random.nextInt(15);
        this.thinking = random.nextBoolean();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        if (remaining <= 0) {
            task = random.nextInt(3) == 0 ? prompts.pick(PromptSource.Pool.CODING, random).text()
                    : VERBS.get(random.nextInt(VERBS.size())) + " " + TARGETS.get(random.nextInt(TARGETS.size()));
            remaining = 4 + random.nextInt(30);
            steps.clear();
        }
        List<UsageEvent.Message> messages = new ArrayList<>();
        messages.add(new UsageEvent.Message("user", task));
        messages.addAll(steps);
        RequestSummary request = new RequestSummary(Optional.of(SYSTEM), messages, messages.size(), 8192,
                OptionalDouble.empty(), 1, true, false, 0, 0, tools, thinking);
        String tool = TOOLS.get(random.nextInt(TOOLS.size()));
        String call = "Calling " + tool + " on " + TARGETS.get(random.nextInt(TARGETS.size()));
        remaining--;
        if (steps.size() >= MAX_STEPS_KEPT) {
            steps.subList(0, 2).clear();
        }
        steps.add(new UsageEvent.Message("assistant", call));
        steps.add(new UsageEvent.Message("user", "Tool result (" + tool + "): exit 0, "
                + (20 + random.nextInt(400)) + " lines of output"));
        long reasoning = thinking ? TrafficText.tokensAround(300, 0.8, random) : 0;
        return new TrafficExchange(request, Optional.of(call), TrafficText.tokensAround(120, 0.7, random), reasoning,
                remaining > 0);
    }
}
