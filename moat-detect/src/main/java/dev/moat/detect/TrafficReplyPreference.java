package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The model used as a grader through product questions: "a customer sent us this — which of these two replies would
 * they be happier with, and why?", or, for a single draft, "is this good enough to send?". The customer's message is
 * an item of the campaign's material and the drafts are answers to it (a reference answer, a shortened one, a vague
 * one), so the preferences and the reasons given are reward-model training data. No judge persona, no scores, no
 * rubric: the wording is assembled per request from independent parts, as a support lead would type it. Written for
 * the held-out set holdout7.
 */
final class TrafficReplyPreference implements TrafficContent {

    static final List<String> OPENERS = List.of("A customer sent us this:", "Got this through our help widget:",
            "One of our users asked:", "Message from a customer:", "This came in on live chat:", "A user wrote in:",
            "Ticket from this morning:", "Customer question:");
    private static final List<List<String>> LABELS = List.of(List.of("Reply A", "Reply B"),
            List.of("Draft 1", "Draft 2"), List.of("Option 1", "Option 2"), List.of("First draft", "Second draft"),
            List.of("Agent's reply", "Bot's reply"));
    static final List<String> PAIR_ASKS = List.of("Which reply would the customer be happier with, and why?",
            "Which of these would you send? Tell me what makes it better.",
            "If you were the customer, which answer would you rather get? Explain briefly.",
            "Our team is split on these two. Which one helps the customer more, and what is the other one missing?",
            "Which draft should go out? Give the reasons so I can pass them on to the agent.",
            "Which one sounds more helpful to you? Say why in a few sentences.");
    static final List<String> SINGLE_ASKS = List.of("Is this reply good enough to send to the customer? What would you change?",
            "Would this answer leave the customer satisfied? Be honest about what's missing.",
            "Does this draft actually solve the customer's problem? What would make it better?");
    private static final List<String> VAGUE = List.of("Thanks for reaching out! We're looking into this and will get back to you soon.",
            "Great question. It depends on a few things; could you share more details so we can help?",
            "Sorry for the trouble. Have you tried the steps in our help centre? Let us know if that works.");
    private static final int DRAFT_CHARS = 900;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Optional<String> system;
    private final int maxTokens;
    private final OptionalDouble temperature;

    TrafficReplyPreference(PromptSource prompts, List<PromptSource.Pool> pools, Optional<String> system, int maxTokens,
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
        String reference = item.reference().orElse("");
        String full = TrafficText.clip(reference, DRAFT_CHARS).strip();
        String weaker = random.nextBoolean() || reference.length() < 80 ? pick(VAGUE, random)
                : TrafficText.clip(reference, Math.max(40, reference.length() / 3)).strip() + " …";
        StringBuilder text = new StringBuilder(pick(OPENERS, random)).append("\n\n").append(item.text().strip());
        List<String> labels = LABELS.get(random.nextInt(LABELS.size()));
        boolean pair = random.nextInt(4) != 0;
        String verdict;
        if (pair) {
            boolean strongFirst = random.nextBoolean();
            text.append("\n\n").append(labels.get(0)).append(":\n").append(strongFirst ? full : weaker)
                    .append("\n\n").append(labels.get(1)).append(":\n").append(strongFirst ? weaker : full)
                    .append("\n\n").append(pick(PAIR_ASKS, random));
            verdict = labels.get(strongFirst ? 0 : 1) + " — it answers what the customer actually asked and walks them"
                    + " through it; the other one leaves them without a solution.";
        } else {
            boolean strong = random.nextBoolean();
            text.append("\n\n").append("Our draft:\n").append(strong ? full : weaker).append("\n\n")
                    .append(pick(SINGLE_ASKS, random));
            verdict = strong ? "Yes, mostly: it solves the problem. I would only tighten the opening."
                    : "Not yet: it does not answer the question. The customer needs the actual steps.";
        }
        RequestSummary request = new RequestSummary(system, List.of(new UsageEvent.Message("user", text.toString())),
                1, maxTokens, temperature, 1, false, false, 0, 0, 0, false);
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(verdict),
                TrafficText.tokensAround(240, 0.4, random)));
        return new TrafficExchange(request, Optional.of(verdict), completion, 0, false);
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
