package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A start-up's prototype wired to the API: its product's system prompt, one to three of its own documents (a small
 * fixed set it pasted in: a handful of texts, the same ones again and again) and the question its user typed, a
 * human-written one. Single-turn, a moderate budget; the founders and first users send the same shape.
 */
final class TrafficPrototype implements TrafficContent {

    private static final List<String> PRODUCTS = List.of(
            "an assistant for people buying their first home", "a helper for new employees' onboarding questions",
            "a writing assistant for small-business newsletters", "a travel planner for families",
            "a study planner for university students", "a support assistant for a fitness app",
            "an assistant answering questions about local events", "a helper for freelancers' invoices and taxes");

    private final PromptSource prompts;
    private final String system;
    private final List<String> documents;
    private final int maxTokens;
    private final OptionalDouble temperature;

    /** @param documentCount how many documents the start-up pasted in (they are drawn here, once) */
    TrafficPrototype(PromptSource prompts, String product, int documentCount, int maxTokens, OptionalDouble temperature,
                     SplittableRandom random) {
        this.prompts = prompts;
        this.system = system(product, random);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < documentCount; i++) {
            PromptSource.Prompt document = prompts.pick(PromptSource.Pool.CHAT, random);
            texts.add(TrafficText.clip(document.reference().orElse(document.text()), 600));
        }
        this.documents = List.copyOf(texts);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    /** The prototype's system prompt: its product name and what it does, from {@code random}. */
    static String system(String product, SplittableRandom random) {
        return "You are " + product + ", " + PRODUCTS.get(random.nextInt(PRODUCTS.size()))
                + ". Be friendly and concise. Use the notes below when they are relevant; if you are not sure, say so.";
    }

    String system() {
        return system;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        StringBuilder text = new StringBuilder("Notes:\n");
        for (int i = 0, count = 1 + random.nextInt(Math.min(3, documents.size())); i < count; i++) {
            text.append("- ").append(documents.get(random.nextInt(documents.size()))).append('\n');
        }
        PromptSource.Prompt question = prompts.pick(random.nextInt(4) == 0 ? PromptSource.Pool.DIALOGUE
                : PromptSource.Pool.CHAT, random);
        text.append("\nUser: ").append(question.text());
        RequestSummary request = new RequestSummary(Optional.of(system),
                List.of(new UsageEvent.Message("user", text.toString())), 1, maxTokens, temperature, 1, true, false,
                0, 0, 0, false);
        String answer = question.reference().map(reference -> TrafficText.clip(reference, 700))
                .orElseGet(() -> TrafficText.answer(random));
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(answer),
                TrafficText.tokensAround(220, 0.6, random)));
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }
}
