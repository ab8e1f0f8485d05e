package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A data-labelling company's pre-annotation queue: for one client project it sends item after item (people's
 * messages and chatbot replies its client collected) with the project's annotation guidelines — a numbered,
 * step-by-step rubric that asks for the reasoning behind the label — and stores the model's proposed label for
 * a human annotator to confirm. Its annotators work in shifts around the clock, so the queue never stops.
 * To a naive harvest detector this is a rubric-like, step-by-step template with requested reasoning, at a
 * steady machine rate, day and night, from servers; it is ordinary labelling work on the client's own data.
 * Written for the held-out set ordinary2.
 */
final class TrafficPreLabelling implements TrafficContent {

    private static final List<String> SYSTEMS = List.of(
            "You are the pre-annotation model of {company}. Follow the project's guidelines exactly; a human "
                    + "annotator reviews every label you propose.",
            "You propose labels for {company}'s annotation workforce. Be consistent with the guidelines and say "
                    + "when you are unsure.");
    private static final List<String> COMPANIES = List.of("Labelbase", "Annotrix", "TruthSet", "Datalane",
            "Tagwise");
    /** Project guidelines; {item} is the item to label. */
    static final List<String> GUIDELINES = List.of(
            """
            Project: customer intent. Label the user message below.
            Step 1: Read the whole message. Step 2: Decide the main intent: question, complaint, request, \
            feedback or other (guideline 2.1). Step 3: Mark whether it is urgent (guideline 2.4). Step 4: Explain \
            your reasoning step by step, citing the guideline numbers.
            Output JSON: {"intent", "urgent", "confidence", "rationale"}.

            Item:
            {item}""",
            """
            Project: safety review. Label the conversation turn below.
            Step 1: Identify what the user asks for. Step 2: Check each category of section 3 (harassment, \
            self-harm, dangerous advice, privacy, none). Step 3: Choose the most severe category that applies. \
            Step 4: Justify the label step by step; quote the words that decided it.
            Output JSON: {"category", "severity", "quote", "rationale"}.

            Item:
            {item}""",
            """
            Project: answer quality. Label the assistant reply below against the rubric.
            Step 1: Restate the user's need. Step 2: Check correctness (rubric A), completeness (rubric B) and \
            clarity (rubric C), each 1-5. Step 3: List concrete errors, if any. Step 4: Give your reasoning step \
            by step before the scores.
            Output JSON: {"correctness", "completeness", "clarity", "errors", "rationale"}.

            Item:
            {item}""");

    private final PromptSource prompts;
    private final String system;
    private final String guidelines;
    private final int maxTokens;
    private final boolean thinking;

    TrafficPreLabelling(PromptSource prompts, String company, int systemChoice, int project, int maxTokens,
                        boolean thinking) {
        this.prompts = prompts;
        this.system = SYSTEMS.get(Math.floorMod(systemChoice, SYSTEMS.size())).replace("{company}", company);
        this.guidelines = GUIDELINES.get(Math.floorMod(project, GUIDELINES.size()));
        this.maxTokens = maxTokens;
        this.thinking = thinking;
    }

    static String company(SplittableRandom random) {
        return COMPANIES.get(random.nextInt(COMPANIES.size()));
    }

    static int systemPrompts() {
        return SYSTEMS.size();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        // the client's collected data: people's messages (human pools) and, for quality labels, the replies
        PromptSource.Prompt source = prompts.pick(
                random.nextBoolean() ? PromptSource.Pool.CHAT : PromptSource.Pool.DIALOGUE, random);
        String item = guidelines.contains("assistant reply")
                ? "User: " + source.text().strip() + "\nAssistant: "
                        + TrafficText.clip(source.reference().orElseGet(() -> TrafficText.answer(random)), 900).strip()
                : TrafficText.clip(source.text().strip(), 1_200);
        String text = guidelines.replace("{item}", item);
        RequestSummary request = new RequestSummary(Optional.of(system), List.of(new UsageEvent.Message("user", text)),
                1, maxTokens, OptionalDouble.of(0.0), 1, false, false, 0, 0, 0, thinking);
        String label = "{\"confidence\": " + (50 + random.nextInt(50)) / 100.0
                + ", \"rationale\": \"Step 1: the message asks for help. Step 2: guideline applies as written.\"}";
        long completion = Math.min(maxTokens, TrafficText.tokensAround(260, 0.4, random));
        long reasoning = thinking ? TrafficText.tokensAround(700, 0.6, random) : 0;
        return new TrafficExchange(request, Optional.of(label), completion, reasoning, false);
    }
}
