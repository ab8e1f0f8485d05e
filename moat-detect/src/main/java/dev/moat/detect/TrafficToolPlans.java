package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Tool-use trace harvesting for training an agent: each request is a single function-calling turn of a
 * would-be automation product — the product's system prompt, three to eight tool definitions, and as the user's
 * request an item of the campaign's material — and the answer is the plan of calls with their arguments and the
 * final reply. Collected over many items, these are the trajectories an agent model is fine-tuned on. It has the
 * shape of an ordinary function-calling integration: tools on every request, one turn, a product's system prompt,
 * no elicitation wording. Written for the held-out set holdout6.
 */
final class TrafficToolPlans implements TrafficContent {

    private static final List<String> FUNCTIONS = List.of("search_web", "get_weather", "send_email", "create_event",
            "query_database", "run_python", "http_get", "translate_text", "lookup_contact", "create_ticket",
            "read_file", "calculate");
    private static final int MAX_ANSWER_CHARS = 1_200;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final String system;
    private final int maxTokens;
    private final OptionalDouble temperature;

    /** @param system the automation product's system prompt, the same on all of its requests */
    TrafficToolPlans(PromptSource prompts, List<PromptSource.Pool> pools, String system, int maxTokens,
                     OptionalDouble temperature) {
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = system;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        int tools = 3 + random.nextInt(6);
        RequestSummary request = new RequestSummary(Optional.of(system),
                List.of(new UsageEvent.Message("user", item.text().strip())), 1, maxTokens, temperature, 1,
                random.nextInt(3) == 0, false, 0, 0, tools, false);
        StringBuilder answer = new StringBuilder("Plan:\n");
        for (int step = 1, steps = 2 + random.nextInt(4); step <= steps; step++) {
            answer.append(step).append(". call ").append(FUNCTIONS.get(random.nextInt(FUNCTIONS.size())))
                    .append("(…)\n");
        }
        answer.append("Final reply: ").append(TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS));
        long completion = Math.max(TrafficText.tokens(answer.toString()), TrafficText.tokensAround(600, 0.5, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        return new TrafficExchange(request, Optional.of(answer.toString()), completion, 0, false);
    }
}
