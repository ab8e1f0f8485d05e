package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A university's writing-feedback tool, as its learning platform calls the model: a student's draft for a course
 * assignment, with the assignment's rubric, under the writing centre's one system prompt, answered with formative
 * feedback and a provisional band per criterion. The same tool bands final submissions at a deadline: one letter,
 * {@code max_tokens} 1, temperature 0, with {@code logprobs} and {@code top_logprobs} 5 so that submissions whose band is
 * uncertain go to a human marker — the shape of a probability harvest, used for an ordinary reason. The assignments are
 * human-written instructions and the drafts their human-written answers (or a student's few sentences when the
 * source has none). Written for the held-out set holdout9.
 */
final class TrafficEssayFeedback implements TrafficContent {

    /** Whether the tool gives a draft its feedback, or bands a final submission. */
    enum Mode { FEEDBACK, BANDING }

    private static final List<String> COURSES = List.of("WRIT 101 Academic Writing", "COMM 210 Professional Communication",
            "BUS 150 Business Writing", "ENGL 120 Composition II", "EDUC 205 Reflective Practice",
            "HIST 110 Sources and Arguments", "PSYC 100 Writing in Psychology", "MGMT 230 Reports and Proposals");
    private static final List<String> RUBRICS = List.of(
            "Task fulfilment (30%), Organisation (25%), Evidence and examples (25%), Language and style (20%)",
            "Argument, Structure, Use of sources, Clarity of expression, Conventions",
            "Purpose and audience; Content and development; Organisation; Sentence fluency; Mechanics");
    private static final List<String> FEEDBACK = List.of(
            "Strengths: your draft answers the task directly and the opening makes your purpose clear.",
            "Strengths: the ideas are relevant and you give concrete examples.",
            "Priority 1: organise the middle section so that each paragraph makes one point.",
            "Priority 2: say where your facts come from; the rubric rewards supported claims.",
            "Priority 1: your audience is not named; decide who this is for and adjust the tone.",
            "Priority 2: shorter sentences would make the key steps easier to follow.");
    private static final List<String> BANDS = List.of("A", "B", "C", "D", "F");
    private static final int MAX_DRAFT_CHARS = 2_000;

    private final PromptSource prompts;
    private final Mode mode;
    private final String system;
    private final String rubric;
    private final int maxTokens;
    private final OptionalDouble temperature;

    /**
     * @param university the university's name, which its system prompts carry
     * @param rubric     which of the rubrics its courses share
     */
    TrafficEssayFeedback(PromptSource prompts, Mode mode, String university, int rubric, int maxTokens,
                         OptionalDouble temperature) {
        if (rubric < 0 || rubric >= RUBRICS.size()) {
            throw new IllegalArgumentException("rubric: " + rubric + " (expected: 0 to " + (RUBRICS.size() - 1) + ")");
        }
        this.prompts = prompts;
        this.mode = mode;
        this.system = mode == Mode.FEEDBACK
                ? "You are the writing feedback assistant of the " + university + " Writing Centre. Give the student "
                + "formative feedback on their draft against the assignment's rubric: what works, the one or two most "
                + "important things to improve, and a provisional band (A-F) per criterion. Do not rewrite the "
                + "student's text for them."
                : "You band final submissions for the " + university + " Writing Centre against the assignment's "
                + "rubric. Reply with the overall band only: one letter, A, B, C, D or F.";
        this.rubric = RUBRICS.get(rubric);
        this.maxTokens = mode == Mode.FEEDBACK ? maxTokens : 1;
        this.temperature = mode == Mode.FEEDBACK ? temperature : OptionalDouble.of(0.0);
    }

    static int rubrics() {
        return RUBRICS.size();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        // an assignment is an instruction whose source has a human-written answer: that answer is the student's text
        PromptSource.Prompt assignment = prompts.pick(PromptSource.Pool.CHAT, random);
        for (int attempt = 0; attempt < 20 && assignment.reference().isEmpty(); attempt++) {
            assignment = prompts.pick(PromptSource.Pool.CHAT, random);
        }
        String draft = TrafficText.clip(assignment.reference().orElseGet(() -> TrafficText.answer(random)),
                MAX_DRAFT_CHARS).strip();
        String text = "Course: " + COURSES.get(random.nextInt(COURSES.size())) + "\nAssignment: "
                + assignment.text().strip() + "\nRubric: " + rubric + "\n\n"
                + (mode == Mode.FEEDBACK ? "Student draft:\n" : "Final submission:\n") + draft;
        boolean banding = mode == Mode.BANDING;
        RequestSummary request = new RequestSummary(Optional.of(system), List.of(new UsageEvent.Message("user", text)),
                1, maxTokens, temperature, 1, !banding && random.nextBoolean(), banding, banding ? 5 : 0, 0, 0, false);
        if (banding) {
            return new TrafficExchange(request, Optional.of(BANDS.get(random.nextInt(BANDS.size()))), 1, 0, false);
        }
        String feedback = FEEDBACK.get(random.nextInt(2)) + "\n" + FEEDBACK.get(2 + random.nextInt(4))
                + "\nProvisional bands: " + BANDS.get(random.nextInt(4)) + ", " + BANDS.get(random.nextInt(4)) + ", "
                + BANDS.get(random.nextInt(4)) + ".";
        long completion = Math.max(TrafficText.tokens(feedback), TrafficText.tokensAround(420, 0.4, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        return new TrafficExchange(request, Optional.of(feedback), completion, 0, false);
    }
}
