package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Harvesting dressed as a structured-data pipeline: the organisation's system prompt asks for one JSON object per
 * record with a handful of keys, one of which (named like any pipeline's free-text field — "notes", "analysis",
 * "working") is where the model's full reasoning lands, and another the final answer; the user message is a record
 * header and one item of the campaign's material. No elicitation wording appears in the user text, and the wording
 * of the schema is the organisation's own, so several organisations share nothing. What is kept is the reasoning
 * field and the answer: worked solutions in a machine-readable form. Written for the held-out set holdout6.
 */
final class TrafficSchemaHarvest implements TrafficContent {

    /** One organisation's output schema: the field names of its input, its free-text field and its answer. */
    record Schema(String inputField, String reasoningField, String answerField, String extraField, String system) {

        private static final List<String> INPUTS = List.of("input", "question", "task", "query", "content", "body");
        private static final List<String> REASONINGS = List.of("notes", "analysis", "working", "rationale",
                "justification", "details", "explanation_text", "derivation");
        private static final List<String> ANSWERS = List.of("answer", "result", "output", "final", "resolution",
                "value");
        private static final List<String> EXTRAS = List.of("category", "confidence", "difficulty", "language",
                "tags", "status");
        private static final List<String> PURPOSES = List.of("Our ingestion service", "The records pipeline",
                "This normaliser", "The enrichment step", "Our QA data service");

        /** A schema drawn for one organisation, with its system prompt in the organisation's own wording. */
        static Schema draw(String company, SplittableRandom random) {
            String input = INPUTS.get(random.nextInt(INPUTS.size()));
            String reasoning = REASONINGS.get(random.nextInt(REASONINGS.size()));
            String answer = ANSWERS.get(random.nextInt(ANSWERS.size()));
            String extra = EXTRAS.get(random.nextInt(EXTRAS.size()));
            String system = PURPOSES.get(random.nextInt(PURPOSES.size())) + " at " + company + " sends one record per"
                    + " request. Respond with a single JSON object and nothing else, with the keys \"" + reasoning
                    + "\" (string), \"" + answer + "\" (string) and \"" + extra + "\" (string). Fill \"" + reasoning
                    + "\" thoroughly; downstream parsers reject empty or truncated fields.";
            return new Schema(input, reasoning, answer, extra, system);
        }
    }

    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Schema schema;
    private final int maxTokens;
    private final OptionalDouble temperature;

    TrafficSchemaHarvest(PromptSource prompts, List<PromptSource.Pool> pools, Schema schema, int maxTokens,
                         OptionalDouble temperature) {
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.schema = schema;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        String text = "record " + (100_000 + random.nextInt(900_000)) + "\n" + schema.inputField() + ": "
                + item.text().strip();
        RequestSummary request = new RequestSummary(Optional.of(schema.system()),
                List.of(new UsageEvent.Message("user", text)), 1, maxTokens, temperature, 1, false, false, 0, 0, 0,
                false);
        String reference = TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS).replace("\"", "'");
        String answer = "{\"" + schema.reasoningField() + "\": \"" + reference.replace("\n", "\\n") + "\", \""
                + schema.answerField() + "\": \"" + lastLine(reference) + "\", \"" + schema.extraField() + "\": \""
                + item.category() + "\"}";
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(750, 0.5, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }

    private static String lastLine(String reference) {
        String[] lines = reference.strip().split("\n");
        return TrafficText.clip(lines[lines.length - 1], 120);
    }
}
