package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A retrieval-augmented app: a fixed system prompt, retrieved passages pasted into the user message,
 * and the end user's question at the end. The passages make every request long and similar in shape.
 */
final class TrafficRetrieval implements TrafficContent {

    private static final List<String> SYSTEMS = List.of(
            "Answer the user's question using only the provided context. If the answer is not in the context, say you don't know.",
            "You are the help-centre assistant of {product}. Use the documentation excerpts below; cite them as [1], [2].",
            "You answer employee questions about internal policies, based on the retrieved documents.");
    private static final List<String> PRODUCTS = List.of("Ledgerly", "Parcelhub", "Tandem HR", "Brightdesk", "Quillon");

    private final PromptSource prompts;
    private final String system;
    private final int passages;

    TrafficRetrieval(PromptSource prompts, SplittableRandom random) {
        this.prompts = prompts;
        this.system = SYSTEMS.get(random.nextInt(SYSTEMS.size()))
                .replace("{product}", PRODUCTS.get(random.nextInt(PRODUCTS.size())));
        this.passages = 2 + random.nextInt(4);
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        StringBuilder text = new StringBuilder("Context:\n");
        for (int i = 1; i <= passages; i++) {
            PromptSource.Prompt passage = prompts.pick(PromptSource.Pool.CHAT, random);
            text.append('[').append(i).append("] ")
                    .append(TrafficText.clip(passage.reference().orElse(passage.text()), 500)).append('\n');
        }
        PromptSource.Prompt question = prompts.pick(PromptSource.Pool.CHAT, random);
        text.append("\nQuestion: ").append(question.text());
        RequestSummary request = new RequestSummary(Optional.of(system),
                List.of(new UsageEvent.Message("user", text.toString())), 1, 1024, OptionalDouble.of(0.2), 1,
                true, false, 0, 0, 0, false);
        String answer = TrafficText.answer(random);
        return new TrafficExchange(request, Optional.of(answer), TrafficText.tokensAround(180, 0.6, random), 0,
                false);
    }
}
