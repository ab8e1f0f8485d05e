package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A harvester that spreads its harvest over conversations instead of single requests: it asks for an
 * item wrapped in one of its templates, then follows up one to three times in the same conversation,
 * asking the model to go through its answer again step by step, to justify it, or to show another
 * method — so most of what it collects comes from multi-turn requests, the shape of an ordinary chat.
 * The follow-up wording is written here, for this held-out variant, and is deliberately not the
 * vocabulary of the single-turn campaigns.
 */
final class TrafficHarvestDialogue implements TrafficContent {

    private static final List<String> FOLLOW_UPS = List.of(
            "Now explain each step of that in more detail.",
            "Go through it again and justify every step you took.",
            "Can you show a different way to get the same result, and compare the two?",
            "Rewrite the whole solution the way a teacher would present it to a class.",
            "What mistakes do people usually make here? Walk through each one.",
            "Expand on the middle part, it went too fast.",
            "Now generalise it and explain why it works.");
    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final List<TrafficTemplates.Template> templates;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final List<UsageEvent.Message> history = new ArrayList<>();
    private Optional<String> system = Optional.empty();
    private String reference = "";
    private int followUpsLeft;

    TrafficHarvestDialogue(PromptSource prompts, List<PromptSource.Pool> pools, List<TrafficTemplates.Template> templates,
                           int maxTokens, SplittableRandom random) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("templates: empty (expected: the campaign's templates)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.templates = List.copyOf(templates);
        this.maxTokens = maxTokens;
        this.temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.7);
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String text;
        long completion;
        if (history.isEmpty()) {
            PromptSource.Prompt item = prompts.pick(pools, random);
            TrafficTemplates.Template template = templates.get(random.nextInt(templates.size()));
            system = template.system();
            text = TrafficTemplates.fill(template, item.text(), "", "", random);
            reference = TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS);
            followUpsLeft = 1 + random.nextInt(3);
            completion = Math.max(TrafficText.tokens(reference), TrafficText.tokensAround(650, 0.6, random));
        } else {
            text = FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size()));
            followUpsLeft--;
            completion = TrafficText.tokensAround(900, 0.5, random);
        }
        history.add(new UsageEvent.Message("user", text));
        RequestSummary request = new RequestSummary(system, List.copyOf(history), history.size(), maxTokens,
                temperature, 1, random.nextBoolean(), false, 0, 0, 0, false);
        boolean continues = followUpsLeft > 0;
        if (continues) {
            history.add(new UsageEvent.Message("assistant", reference));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(reference), Math.min(maxTokens, completion), 0, continues);
    }
}
