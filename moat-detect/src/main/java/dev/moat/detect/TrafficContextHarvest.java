package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A distiller dressed as a retrieval-augmented app: every request has the shape of a RAG request — a fixed
 * "answer from the documents" system prompt, a few retrieved passages of ordinary documentation-like text,
 * and a question at the end — but the question is an item of the campaign's material, and what is kept is the
 * model's full answer to it. The passages are filler that makes each request long, varied and app-like, so no
 * harvesting template surrounds the item and the request looks like the many genuine RAG apps. The wording is
 * written here for this held-out variant.
 */
final class TrafficContextHarvest implements TrafficContent {

    private static final List<String> SYSTEMS = List.of(
            "You are the knowledge assistant of {product}. Use the retrieved documents where they help; otherwise "
                    + "answer from your own knowledge. Be thorough.",
            "You answer questions for the {product} help desk. The search results below may be relevant. Give a "
                    + "complete answer the user can follow without asking again.",
            "Assistant for {product} users. Ground your answer in the provided sources when possible and explain "
                    + "your answer fully.");
    private static final List<String> PRODUCTS = List.of("Docsy", "Knowlane", "Fieldbook", "Archiva", "Learnly",
            "Stackwise", "Briefcase");
    private static final List<String> HEADERS = List.of("Retrieved documents:", "Search results:",
            "Relevant sources:", "Knowledge base excerpts:");
    private static final List<String> QUESTION_LEADS = List.of("Question:", "User question:", "The user asks:",
            "Query:");
    private static final int PASSAGE_CHARS = 450;
    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final String system;
    private final String header;
    private final String questionLead;
    private final int minPassages;
    private final int maxTokens;

    /** The app's look (system prompt, layout, number of passages, budget) is drawn once, for all its keys. */
    TrafficContextHarvest(PromptSource prompts, List<PromptSource.Pool> pools, int maxTokens, SplittableRandom random) {
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = SYSTEMS.get(random.nextInt(SYSTEMS.size()))
                .replace("{product}", PRODUCTS.get(random.nextInt(PRODUCTS.size())));
        this.header = HEADERS.get(random.nextInt(HEADERS.size()));
        this.questionLead = QUESTION_LEADS.get(random.nextInt(QUESTION_LEADS.size()));
        this.minPassages = 2 + random.nextInt(2);
        this.maxTokens = maxTokens;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        StringBuilder text = new StringBuilder(header).append('\n');
        List<String> passages = new ArrayList<>();
        for (int i = 0, n = minPassages + random.nextInt(3); i < n; i++) {
            passages.add(passage(random));
        }
        for (int i = 0; i < passages.size(); i++) {
            text.append('[').append(i + 1).append("] ").append(passages.get(i)).append('\n');
        }
        PromptSource.Prompt item = prompts.pick(pools, random);
        text.append('\n').append(questionLead).append(' ').append(item.text().strip());
        RequestSummary request = new RequestSummary(Optional.of(system),
                List.of(new UsageEvent.Message("user", text.toString())), 1, maxTokens, OptionalDouble.of(0.2), 1,
                true, false, 0, 0, 0, false);
        String answer = TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS);
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(700, 0.5, random));
        return new TrafficExchange(request, Optional.of(answer), Math.min(maxTokens, completion), 0, false);
    }

    /**
     * Documentation-like filler: the reference answer of an ordinary instruction (never the instruction itself,
     * so the passages carry no prompt of the ordinary pools), or a generic paragraph when it has none.
     */
    private String passage(SplittableRandom random) {
        PromptSource.Prompt source = prompts.pick(PromptSource.Pool.CHAT, random);
        return TrafficText.clip(source.reference().orElseGet(() -> TrafficText.answer(random)), PASSAGE_CHARS)
                .replace('\n', ' ');
    }
}
