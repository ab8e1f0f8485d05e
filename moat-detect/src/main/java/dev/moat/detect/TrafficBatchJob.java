package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * An enterprise batch job: one fixed system prompt and one fixed template applied to record after
 * record (support tickets, reviews, product texts), deterministic settings, short answers. It looks
 * like a harvester on every volume and template signal, which is why it is in the benchmark.
 */
final class TrafficBatchJob implements TrafficContent {

    private static final List<String[]> JOBS = List.of(
            new String[] {"You classify customer messages for a support team. Reply with one label only.",
                    "Classify the following customer message as one of: billing, technical, account, other.\n\nMessage:\n{record}"},
            new String[] {"You write one-sentence summaries for an internal knowledge base.",
                    "Summarise the text below in one sentence of at most 25 words.\n\n{record}"},
            new String[] {"You extract structured data. Output valid JSON only.",
                    "Extract {\"topic\", \"sentiment\", \"language\"} from this text:\n{record}"},
            new String[] {"You are a translation engine for product content.",
                    "Translate into German, keeping formatting:\n{record}"},
            new String[] {"You tag documents for search.",
                    "Give up to five comma-separated keywords for:\n---\n{record}\n---"},
            new String[] {"You moderate user-generated content according to the community guidelines.",
                    "Does this post violate the guidelines? Answer yes or no and the rule number.\nPost: {record}"});

    private final PromptSource prompts;
    private final String system;
    private final String template;
    private final int maxTokens;

    TrafficBatchJob(PromptSource prompts, SplittableRandom random) {
        this.prompts = prompts;
        String[] job = JOBS.get(random.nextInt(JOBS.size()));
        this.system = job[0];
        this.template = job[1];
        this.maxTokens = List.of(64, 128, 256, 512).get(random.nextInt(4));
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt prompt = prompts.pick(
                random.nextBoolean() ? PromptSource.Pool.CHAT : PromptSource.Pool.DIALOGUE, random);
        String record = prompt.reference().filter(text -> random.nextBoolean()).orElse(prompt.text());
        String text = template.replace("{record}", TrafficText.clip(record, 1_200));
        RequestSummary request = new RequestSummary(Optional.of(system),
                List.of(new UsageEvent.Message("user", text)), 1, maxTokens, OptionalDouble.of(0.0), 1, false,
                false, 0, 0, 0, false);
        long completion = Math.min(maxTokens, TrafficText.tokensAround(maxTokens / 4.0, 0.5, random));
        return new TrafficExchange(request, Optional.empty(), completion, 0, false);
    }
}
