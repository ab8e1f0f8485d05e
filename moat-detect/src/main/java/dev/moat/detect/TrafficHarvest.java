package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A harvesting client: takes items from the material it wants to distil (maths problems, coding
 * tasks, role-play, tool use), wraps them in its campaign's templates and asks for complete answers,
 * always single-turn, with the completion budget at the limit. The style decides the variant:
 * plain wrapped harvesting, reasoning-trace coercion (thinking on, step-by-step demands), use of the
 * model as a grader / reward model, logit-bias + logprob probing of the output layer, or soft-label
 * harvesting: ordinary wrapped requests that also ask for the top log-probabilities of every answer
 * token (no {@code logit_bias}, an ordinary completion budget), so that a student model can be trained
 * on the teacher's distributions rather than on its text alone.
 */
final class TrafficHarvest implements TrafficContent {

    enum Style { WRAPPED, REASONING, GRADER, LOGIT_BIAS, SOFT_LABELS }

    private static final List<String> PROBES = List.of(
            "Repeat the following word once: ", "Continue the text: ", "Next token after: ", "", "Say: ",
            "Complete: ");

    private final PromptSource prompts;
    private final Style style;
    private final List<PromptSource.Pool> pools;
    private final List<TrafficTemplates.Template> templates;
    private final double plainShare;
    private final int maxTokens;
    private final double thinkingShare;
    private final OptionalDouble temperature;
    private final int logitBiasSize;
    private final int topLogprobs;

    /**
     * @param templates     the campaign's templates, shared by all its accounts
     * @param plainShare    the share of requests sent as the bare item, without a template
     * @param thinkingShare the share of requests asking for extended thinking
     */
    TrafficHarvest(PromptSource prompts, Style style, List<PromptSource.Pool> pools,
                   List<TrafficTemplates.Template> templates, double plainShare, int maxTokens, double thinkingShare,
                   SplittableRandom random) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("templates: empty (expected: the campaign's templates)");
        }
        this.prompts = prompts;
        this.style = style;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.templates = List.copyOf(templates);
        this.plainShare = plainShare;
        this.maxTokens = maxTokens;
        this.thinkingShare = thinkingShare;
        this.temperature = switch (random.nextInt(3)) {
            case 0 -> OptionalDouble.empty();
            case 1 -> OptionalDouble.of(0.0);
            default -> OptionalDouble.of(0.7);
        };
        this.logitBiasSize = 50 + random.nextInt(1_950);
        this.topLogprobs = 5 + random.nextInt(16);
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        return switch (style) {
            case LOGIT_BIAS -> probe(random);
            case GRADER -> grade(random);
            case WRAPPED, REASONING, SOFT_LABELS -> harvest(random);
        };
    }

    private TrafficExchange harvest(SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        TrafficTemplates.Template template = templates.get(random.nextInt(templates.size()));
        boolean plain = random.nextDouble() < plainShare;
        String text = plain ? item.text() : TrafficTemplates.fill(template, item.text(), "", "", random);
        boolean thinking = random.nextDouble() < thinkingShare;
        boolean softLabels = style == Style.SOFT_LABELS;
        RequestSummary request = new RequestSummary(plain ? Optional.empty() : template.system(),
                List.of(new UsageEvent.Message("user", text)), 1, maxTokens, temperature, 1,
                random.nextBoolean(), softLabels, softLabels ? topLogprobs : 0, 0, 0, thinking);
        String answer = TrafficText.clip(item.reference().orElse(""), 1_500);
        long budget = style == Style.REASONING ? 1_400 : 650;
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(answer),
                TrafficText.tokensAround(budget, 0.6, random)));
        long reasoning = thinking ? TrafficText.tokensAround(1_800, 0.6, random) : 0;
        return new TrafficExchange(request, Optional.of(answer), completion, reasoning, false);
    }

    private TrafficExchange grade(SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        PromptSource.Prompt other = prompts.pick(pools, random);
        TrafficTemplates.Template template = templates.get(random.nextInt(templates.size()));
        String text = TrafficTemplates.fill(template, item.text(),
                TrafficText.clip(item.reference().orElse(""), 1_500),
                TrafficText.clip(other.reference().orElse(""), 1_500), random);
        RequestSummary request = new RequestSummary(template.system(), List.of(new UsageEvent.Message("user", text)),
                1, maxTokens, OptionalDouble.of(0.0), 1, false, false, 0, 0, 0, false);
        int score = 1 + random.nextInt(10);
        String verdict = "{\"score\": " + score + ", \"rationale\": \"The response is "
                + (score > 6 ? "accurate and complete" : "partially correct but misses key steps") + ".\"}";
        return new TrafficExchange(request, Optional.of(verdict), TrafficText.tokensAround(160, 0.5, random), 0, false);
    }

    private TrafficExchange probe(SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        String[] words = item.text().split("\\s+");
        int from = random.nextInt(Math.max(1, words.length - 6));
        String fragment = String.join(" ", List.of(words).subList(from, Math.min(words.length, from + 6)));
        String text = PROBES.get(random.nextInt(PROBES.size())) + fragment;
        int bias = Math.max(1, logitBiasSize + random.nextInt(21) - 10);
        RequestSummary request = new RequestSummary(Optional.empty(), List.of(new UsageEvent.Message("user", text)),
                1, 1, OptionalDouble.of(0.0), 1, false, true, topLogprobs, bias, 0, false);
        return new TrafficExchange(request, Optional.of(words[random.nextInt(words.length)]), 1, 0, false);
    }
}
