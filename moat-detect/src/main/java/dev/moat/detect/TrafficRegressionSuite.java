package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One run of a product team's prompt-regression suite in its CI: a fixed list of cases — each a feature of the product
 * (its chat assistant under the product's system prompt, conversation titles, message classification, hand-over
 * summaries, suggested follow-ups), the feature's own system prompt and budget, and an input taken once from
 * human-written material (a user's question, a conversation with its earlier turns) — sent in the suite's order at
 * temperature 0, so that every run asks exactly the same requests and gets the same answers, which the CI compares
 * with the last accepted ones. A run after a merge covers the features the merge touched; the nightly run covers them
 * all. Written for the held-out set holdout14.
 */
final class TrafficRegressionSuite implements TrafficContent {

    /** A feature of the product: its name, system prompt (null for the product's own) and budget. */
    record Feature(String name, String system, int maxTokens) {
    }

    /** One case: its feature, the request's system prompt and messages, and the answer accepted for it. */
    record Case(String feature, Optional<String> system, List<UsageEvent.Message> messages, int maxTokens,
                String answer, long completionTokens) {
    }

    static final List<Feature> FEATURES = List.of(
            new Feature("chat", null, 1_024),
            new Feature("title", "Write a title of at most six words for the conversation. Reply with the title only.", 24),
            new Feature("classify", "Label the user's message with one of: question, complaint, request, feedback, "
                    + "other. Reply with the label only.", 5),
            new Feature("summary", "Summarise the conversation in two sentences for the colleague who takes it over.",
                    160),
            new Feature("follow-ups", "Suggest three short follow-up questions the user might ask next, one per line.",
                    96));
    private static final List<String> LABELS = List.of("question", "request", "feedback", "complaint", "other");

    private final List<Case> cases;
    private int position;

    /** A run over {@code cases}, in their order; its cadence sends exactly as many requests. */
    TrafficRegressionSuite(List<Case> cases) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("cases: empty (expected: the cases of the run)");
        }
        this.cases = List.copyOf(cases);
    }

    /**
     * The suite of a product: up to {@code size} cases (fewer when the pools run short of inputs) spread over {@code features} (the chat assistant weighted most), each
     * input drawn once from the human-written pools, each accepted answer fixed once — temperature 0.
     */
    static List<Case> suite(PromptSource prompts, String productSystem, List<Feature> features, int size,
                            SplittableRandom random) {
        List<Case> suite = new ArrayList<>();
        Set<String> cases = new HashSet<>();
        for (int attempt = 0; suite.size() < size && attempt < 20 * size; attempt++) {
            Feature feature = random.nextInt(2) == 0 ? features.getFirst() : features.get(random.nextInt(features.size()));
            PromptSource.Prompt prompt = prompts.pick(random.nextInt(4) == 0 ? PromptSource.Pool.DIALOGUE
                    : random.nextInt(4) == 0 ? PromptSource.Pool.CODING : PromptSource.Pool.CHAT, random);
            if (!cases.add(feature.name() + "|" + prompt.text().strip())) {
                continue; // a suite has each input once per feature
            }
            List<UsageEvent.Message> messages = new ArrayList<>();
            messages.add(new UsageEvent.Message("user", prompt.text().strip()));
            String reply = TrafficText.clip(prompt.reference().orElseGet(() -> TrafficText.answer(random)), 700);
            for (String followUp : prompt.followUps().subList(0, Math.min(2, prompt.followUps().size()))) {
                messages.add(new UsageEvent.Message("assistant", reply));
                messages.add(new UsageEvent.Message("user", followUp.strip()));
            }
            String answer = switch (feature.name()) {
                case "title" -> "Question about " + firstWords(prompt.text(), 3);
                case "classify" -> LABELS.get(random.nextInt(LABELS.size()));
                case "summary" -> "The user asked about " + firstWords(prompt.text(), 6) + ". The assistant answered; "
                        + "nothing is pending.";
                case "follow-ups" -> "Can you give an example?\nWhat are the risks?\nHow do I start?";
                default -> reply;
            };
            long completion = Math.min(feature.maxTokens(), Math.max(TrafficText.tokens(answer),
                    feature.name().equals("chat") ? TrafficText.tokensAround(260, 0.7, random) : 1));
            String system = feature.system() == null ? productSystem : feature.system();
            suite.add(new Case(feature.name(), Optional.of(system), List.copyOf(messages), feature.maxTokens(), answer,
                    completion));
        }
        return List.copyOf(suite);
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        Case item = cases.get(position++ % cases.size()); // its Counted cadence ends the run first
        RequestSummary request = new RequestSummary(item.system(), item.messages(), item.messages().size(),
                item.maxTokens(), OptionalDouble.of(0.0), 1, false, false, 0, 0, 0, false);
        return new TrafficExchange(request, Optional.of(item.answer()), item.completionTokens(), 0, false);
    }

    private static String firstWords(String text, int count) {
        String[] words = text.strip().split("\\s+");
        return String.join(" ", List.of(words).subList(0, Math.min(count, words.length)));
    }
}
