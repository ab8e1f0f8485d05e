package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A reward model distilled through a classifier's probabilities: every request shows an item of the material and one
 * candidate answer (the item's own worked answer, or another item's, standing in for the distiller's student model's
 * attempts) and asks for a one-word label — correct or not — with {@code logprobs} and a small {@code top_logprobs}.
 * The label's probability is the teacher's calibrated judgement, what a verifier or reward model is trained on. No
 * {@code logit_bias}, and a short budget of a few tokens rather than one, like any classification call that wants
 * calibrated confidences. Written for the held-out set holdout9.
 */
final class TrafficVerdictProbe implements TrafficContent {

    /** How an organisation's classifier is phrased: its system prompt, its user layout and its two labels. */
    record Classifier(Optional<String> system, String layout, String yes, String no) {
    }

    private static final List<List<String>> LABELS = List.of(List.of("yes", "no"), List.of("CORRECT", "INCORRECT"),
            List.of("PASS", "FAIL"), List.of("1", "0"), List.of("valid", "invalid"));
    private static final List<String> LAYOUTS = List.of(
            "Request:\n{task}\n\nResponse:\n{candidate}\n\nDoes the response fully and correctly answer the request? "
                    + "Reply {yes} or {no}.",
            "<request>{task}</request>\n<response>{candidate}</response>\nLabel ({yes}/{no}):",
            "Item: {task}\nCandidate: {candidate}\nIs the candidate right? {yes} or {no} only.",
            "{task}\n\n---\nProposed answer:\n{candidate}\n---\nAnswer with one word, {yes} if the proposed answer is "
                    + "right and {no} otherwise.");
    private static final List<String> PRODUCTS = List.of("a content quality pipeline", "an answer-checking service",
            "a homework platform's auto-checker", "a support knowledge base's QA step", "a data cleaning tool");
    private static final int MAX_CANDIDATE_CHARS = 1_200;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Classifier classifier;
    private final int maxTokens;
    private final int topLogprobs;

    TrafficVerdictProbe(PromptSource prompts, List<PromptSource.Pool> pools, Classifier classifier, int maxTokens,
                        int topLogprobs) {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected: > 0, the label's budget)");
        }
        if (topLogprobs <= 0) {
            throw new IllegalArgumentException("topLogprobs: " + topLogprobs + " (expected: > 0)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.classifier = classifier;
        this.maxTokens = maxTokens;
        this.topLogprobs = topLogprobs;
    }

    /** An organisation's classifier, drawn: labels, layout and, for two in three, a system prompt naming its product. */
    static Classifier classifier(String name, SplittableRandom random) {
        List<String> labels = LABELS.get(random.nextInt(LABELS.size()));
        String layout = LAYOUTS.get(random.nextInt(LAYOUTS.size()));
        Optional<String> system = random.nextInt(3) == 0 ? Optional.empty()
                : Optional.of("You are the checking step of " + name + ", " + PRODUCTS.get(random.nextInt(PRODUCTS.size()))
                + ". Reply with " + labels.get(0) + " or " + labels.get(1) + " and nothing else.");
        return new Classifier(system, layout, labels.get(0), labels.get(1));
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Pool pool = pools.get(random.nextInt(pools.size()));
        PromptSource.Prompt item = prompts.pick(pool, random);
        boolean own = random.nextBoolean();
        PromptSource.Prompt source = own ? item : prompts.pick(pool, random);
        String candidate = TrafficText.clip(source.reference().orElse(""), MAX_CANDIDATE_CHARS).strip();
        String text = classifier.layout().replace("{yes}", classifier.yes()).replace("{no}", classifier.no())
                .replace("{candidate}", candidate).replace("{task}", item.text().strip());
        RequestSummary request = new RequestSummary(classifier.system(), List.of(new UsageEvent.Message("user", text)),
                1, maxTokens, OptionalDouble.of(0.0), 1, false, true, topLogprobs, 0, 0, false);
        // mostly right: a worked answer to its own item is usually correct, another item's never is
        boolean correct = own ? random.nextInt(10) < 9 : random.nextInt(20) == 0;
        String label = correct ? classifier.yes() : classifier.no();
        return new TrafficExchange(request, Optional.of(label), 1 + random.nextInt(2), 0, false);
    }
}
