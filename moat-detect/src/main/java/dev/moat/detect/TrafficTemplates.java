package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The prompt templates harvesting campaigns wrap their material in. Real campaigns write a handful
 * of templates and send the same skeleton millions of times with the harvested item in the middle;
 * they ask for complete step-by-step reasoning, for a fixed answer format that is easy to parse into
 * training data, or for a grade. Each campaign composes its own few templates from the phrase lists
 * below (so a different seed gives different literal wording), and each request perturbs its
 * template slightly (numbering, spacing, casing), so a detector cannot win by matching one string.
 */
final class TrafficTemplates {

    /** A campaign's template: an optional system prompt and a pattern around {@code {task}}. */
    record Template(Optional<String> system, String pattern) {
    }

    private static final List<String> OPENERS = List.of(
            "", "Solve the following problem.", "Answer the question below.", "Here is a task for you.",
            "Please work through this carefully.", "Consider the following.", "Task:", "Complete the task.",
            "You will be given a problem.", "Read the problem and respond.");

    private static final List<String> REASONING = List.of(
            "Think step by step and show every intermediate step.",
            "Write out your complete reasoning before giving the final answer.",
            "Explain your full chain of thought in detail, then give the answer.",
            "Reason carefully and show all of your work; do not skip any steps.",
            "First think through the problem out loud at length, then answer.",
            "Show your entire thought process, including the parts you would normally keep to yourself.",
            "Before answering, list every step of your reasoning, numbered.",
            "Walk me through how you get there, one step at a time, in as much detail as possible.",
            "Give a detailed derivation. Every inference must be written down explicitly.",
            "Let's reason about this step by step, verifying each step before moving on.");

    private static final List<String> PLAIN = List.of(
            "Give a complete, high-quality answer.", "Respond as thoroughly as you can.",
            "Write the best possible response.", "Answer in full.", "Be comprehensive.",
            "Provide a detailed, well-structured response.");

    private static final List<String> FORMATS = List.of(
            "", "", "Put the final answer after '####'.", "End with 'Final answer:' followed by the result.",
            "Format: <reasoning>...</reasoning><answer>...</answer>",
            "Respond in JSON with the keys \"reasoning\" and \"answer\".",
            "Use Markdown with a section per step.", "Finish with the line ANSWER: <answer>.");

    private static final List<String> WRAPPERS = List.of(
            "{head}\n\n{task}\n\n{tail}", "### Instruction:\n{head} {tail}\n\n### Input:\n{task}\n\n### Response:",
            "[INST] {head}\n{task}\n{tail} [/INST]", "Task #{id}: {head}\n{task}\n{tail}",
            "<task id=\"{id}\">\n{task}\n</task>\n{head} {tail}", "Q: {task}\n{head} {tail}\nA:",
            "{task}\n\n---\n{head} {tail}", "Item {id}\n{head}\n\"\"\"\n{task}\n\"\"\"\n{tail}");

    private static final List<String> SYSTEMS = List.of(
            "You are a helpful assistant that always explains its reasoning in full detail.",
            "You are an expert tutor. Always show complete, step-by-step solutions.",
            "You are a world-class problem solver. Think carefully and show all reasoning.",
            "You are a helpful, knowledgeable assistant.", "You are an AI assistant. Answer thoroughly.",
            "You produce high-quality reference answers for a dataset. Be complete and precise.");

    private static final List<String> GRADER_SYSTEMS = List.of(
            "You are an impartial judge evaluating the quality of AI assistant responses.",
            "You are a reward model. Score responses for helpfulness, honesty and harmlessness.",
            "You are a strict grader for an answer-quality dataset.",
            "Act as an expert evaluator and rate responses carefully.");

    private static final List<String> GRADER_ASKS = List.of(
            "Rate the response below on a scale of 1 to 10 and explain the rating.",
            "Score the following answer from 1 to 10 for correctness and helpfulness. Output only JSON: {\"score\": n, \"rationale\": \"...\"}.",
            "Which of the two responses is better? Answer A or B, then justify the choice step by step.",
            "Evaluate the response against the rubric (accuracy, completeness, clarity), giving a score per criterion.",
            "Judge whether the answer is correct. Reply with a verdict and a score between 0 and 1.",
            "Compare the candidate answer with what an ideal answer would say and assign a reward between -1 and 1.");

    private static final List<String> GRADER_LAYOUTS = List.of(
            "{ask}\n\n[Question]\n{task}\n\n[Response]\n{answer}",
            "{ask}\n\nQuestion: {task}\nResponse A: {answer}\nResponse B: {other}",
            "### Prompt\n{task}\n### Candidate\n{answer}\n### Instructions\n{ask}",
            "<question>{task}</question>\n<answer>{answer}</answer>\n{ask}");

    private TrafficTemplates() {
    }

    /** A harvesting template, eliciting reasoning or just a full answer. */
    static Template harvest(boolean elicitReasoning, SplittableRandom random) {
        String head = OPENERS.get(random.nextInt(OPENERS.size()));
        String tail = (elicitReasoning ? REASONING.get(random.nextInt(REASONING.size()))
                : PLAIN.get(random.nextInt(PLAIN.size()))) + " " + FORMATS.get(random.nextInt(FORMATS.size()));
        String pattern = WRAPPERS.get(random.nextInt(WRAPPERS.size()))
                .replace("{head}", head).replace("{tail}", tail.strip());
        Optional<String> system = random.nextInt(3) == 0 ? Optional.empty()
                : Optional.of(SYSTEMS.get(random.nextInt(SYSTEMS.size())));
        return new Template(system, pattern);
    }

    /** A grader / reward-model template. */
    static Template grader(SplittableRandom random) {
        String pattern = GRADER_LAYOUTS.get(random.nextInt(GRADER_LAYOUTS.size()))
                .replace("{ask}", GRADER_ASKS.get(random.nextInt(GRADER_ASKS.size())));
        return new Template(Optional.of(GRADER_SYSTEMS.get(random.nextInt(GRADER_SYSTEMS.size()))), pattern);
    }

    /**
     * The template filled with one item. The template's own text is perturbed slightly, as scripts
     * and their authors do (numbering, spacing, line breaks); the harvested item is left as it is.
     */
    static String fill(Template template, String task, String answer, String other, SplittableRandom random) {
        String pattern = switch (random.nextInt(6)) {
            case 0 -> template.pattern().replace("\n\n", "\n");
            case 1 -> template.pattern() + "\n";
            case 2 -> template.pattern().replace(": ", ":  ");
            default -> template.pattern();
        };
        return pattern
                .replace("{id}", Integer.toString(random.nextInt(1_000_000)))
                .replace("{task}", task.strip())
                .replace("{answer}", answer.strip())
                .replace("{other}", other.strip());
    }
}
