package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * An evaluation company's grading pipeline: it samples its clients' production chatbot conversations (people's
 * questions and the clients' bots' answers) and asks the model to judge each against a fixed rubric, returning
 * scores as JSON. It uses the model as a grader, at volume, with one template — and it is an ordinary product:
 * what is graded is its clients' own traffic, and what comes back is a short score, not a capability.
 */
final class TrafficJudgeService implements TrafficContent {

    private static final List<String> SYSTEMS = List.of(
            "You are the quality evaluator of {company}. Judge customer-support chatbot replies against the "
                    + "rubric and return only JSON.",
            "You grade conversations from our clients' assistants for {company}'s monitoring dashboard. Be strict "
                    + "and consistent; output JSON only.",
            "You are an evaluation model used by {company} to score chatbot answers for helpfulness, accuracy and "
                    + "tone.");
    private static final List<String> COMPANIES = List.of("Evalbridge", "Scorecard AI", "Judgely", "Metricly",
            "Benchline");
    private static final List<String> RUBRICS = List.of(
            "Score 1-5 for each of: helpfulness, factual accuracy, tone, policy compliance. Return "
                    + "{\"helpfulness\", \"accuracy\", \"tone\", \"compliance\", \"comment\"}.",
            "Rate the assistant's reply from 1 to 10 and flag it if it is wrong, rude or off-topic. Return "
                    + "{\"score\", \"flags\", \"reason\"}.",
            "Does the reply answer the user's question correctly and politely? Return {\"pass\": true|false, "
                    + "\"severity\", \"note\"}.");
    private static final int MAX_REPLY_CHARS = 800;

    private final PromptSource prompts;
    private final String system;
    private final String rubric;
    private final int maxTokens;

    /** The pipeline's system prompt and rubric, shared by all its keys: a system choice and rubric choice. */
    TrafficJudgeService(PromptSource prompts, int systemChoice, int rubricChoice, String company, int maxTokens) {
        this.prompts = prompts;
        this.system = SYSTEMS.get(Math.floorMod(systemChoice, SYSTEMS.size())).replace("{company}", company);
        this.rubric = RUBRICS.get(Math.floorMod(rubricChoice, RUBRICS.size()));
        this.maxTokens = maxTokens;
    }

    static int systemPrompts() {
        return SYSTEMS.size();
    }

    static int rubrics() {
        return RUBRICS.size();
    }

    static String company(SplittableRandom random) {
        return COMPANIES.get(random.nextInt(COMPANIES.size()));
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt conversation = prompts.pick(
                random.nextInt(10) < 6 ? PromptSource.Pool.CHAT : PromptSource.Pool.DIALOGUE, random);
        String reply = TrafficText.clip(conversation.reference().orElseGet(() -> TrafficText.answer(random)),
                MAX_REPLY_CHARS);
        String text = "Conversation to evaluate:\nUser: " + conversation.text().strip() + "\nAssistant: " + reply.strip()
                + "\n\nRubric: " + rubric;
        RequestSummary request = new RequestSummary(Optional.of(system), List.of(new UsageEvent.Message("user", text)),
                1, maxTokens, OptionalDouble.of(0.0), 1, false, false, 0, 0, 0, false);
        int score = 1 + random.nextInt(5);
        String verdict = "{\"score\": " + score + ", \"reason\": \""
                + (score >= 4 ? "Correct and polite." : "Partly answers the question; misses the user's main point.")
                + "\"}";
        return new TrafficExchange(request, Optional.of(verdict),
                Math.min(maxTokens, TrafficText.tokensAround(90, 0.5, random)), 0, false);
    }
}
