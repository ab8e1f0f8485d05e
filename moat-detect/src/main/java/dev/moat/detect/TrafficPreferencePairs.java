package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A harvester of preference data for reward-model training: for each item of its material it wants two or three
 * different answers to rank later. Through an API that offers it, it asks for 2–3 choices per request
 * ({@code n}, well below the counts that extraction guards look for) at a high sampling temperature; otherwise it
 * asks in the prompt for alternative answers, with a phrasing that changes from request to request. Either way one
 * request harvests several complete answers, so the request count stays a fraction of the harvest. The phrasings
 * are written here for this held-out variant.
 */
final class TrafficPreferencePairs implements TrafficContent {

    static final List<String> ALTERNATIVES = List.of(
            "Give me two quite different answers to this, labelled A and B.",
            "Write two alternative responses (Response 1 and Response 2) that take different approaches.",
            "I'd like a couple of different takes on this — two versions, please.",
            "Answer this twice, in two different styles, and mark them clearly.",
            "Draft two options for this so I can pick the better one.",
            "Could you give two separate answers, one concise and one detailed?",
            "Provide a pair of contrasting responses to the following.",
            "Two variants please, each complete on its own.");
    private static final int MAX_ANSWER_CHARS = 1_200;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final boolean choicesThroughApi;
    private final int maxTokens;
    private final double temperature;

    /**
     * @param choicesThroughApi whether the client's API offers {@code n} (then each request asks for 2–3 choices),
     *                          else alternatives are asked for in the prompt
     */
    TrafficPreferencePairs(PromptSource prompts, List<PromptSource.Pool> pools, boolean choicesThroughApi,
                           int maxTokens, SplittableRandom random) {
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.choicesThroughApi = choicesThroughApi;
        this.maxTokens = maxTokens;
        // diverse samples are the point of preference data: the temperature is high
        this.temperature = List.of(0.9, 1.0, 1.1, 1.2).get(random.nextInt(4));
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        int choices;
        String text;
        if (choicesThroughApi) {
            choices = 2 + random.nextInt(2);
            text = item.text().strip();
        } else {
            choices = 1;
            String ask = ALTERNATIVES.get(random.nextInt(ALTERNATIVES.size()));
            text = random.nextBoolean() ? ask + "\n\n" + item.text().strip() : item.text().strip() + "\n\n" + ask;
        }
        RequestSummary request = new RequestSummary(Optional.empty(), List.of(new UsageEvent.Message("user", text)), 1,
                maxTokens, OptionalDouble.of(temperature), choices, random.nextBoolean(), false, 0, 0, 0, false);
        String answer = TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS);
        // every choice (or both answers in one) is a complete answer: the completion counts them all
        int answers = choicesThroughApi ? choices : 2;
        long completion = 0;
        for (int i = 0; i < answers; i++) {
            completion += Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(450, 0.5, random));
        }
        long limit = (long) maxTokens * choices;
        return new TrafficExchange(request, Optional.of(answer), Math.min(limit, completion), 0, false);
    }
}
