package dev.moat.detect;

import java.util.List;

/**
 * Phrases that reveal what a prompt is for, matched as token n-grams (1 to 5 words, case-folded) so a
 * scan is a handful of hash look-ups per word with no regular expressions. Written from knowledge of how
 * distillation campaigns phrase their requests (reasoning-trace coercion, model-as-grader, prompt
 * extraction), not from any prompt collection the simulator draws from.
 *
 * <p>Each phrase is weak alone — people ask for steps when learning — which is why the detector only
 * counts them as rates over many events and combines them with how the requests are shaped.
 */
final class IntentLexicon {

    static final int ELICIT = 1;
    static final int GRADER = 2;
    static final int SYSTEM_EXTRACT = 4;

    static final int MAX_PHRASE_WORDS = 5;

    static final List<String> ELICITATION = List.of(
            "step by step", "step-by-step", "show your work", "show all your work", "show your reasoning",
            "explain your reasoning", "reasoning process", "thought process", "your thinking",
            "chain of thought", "chain-of-thought", "think carefully", "think through", "think aloud",
            "think out loud", "let's think", "lets think", "show every step", "show all steps", "all the steps",
            "each step", "every intermediate step", "intermediate steps", "detailed reasoning",
            "full reasoning", "complete reasoning", "reasoning trace", "reasoning steps", "inner monologue",
            "internal monologue", "internal reasoning", "hidden reasoning", "your reasoning", "walk me through",
            "walk through your", "before giving the final answer", "before answering", "justify each",
            "explain each step", "derivation", "scratchpad", "scratch pad", "work it out", "reason about",
            "reason carefully", "thinking tokens", "thinking process", "verbatim reasoning", "rationale");

    static final List<String> GRADING = List.of(
            "rate the response", "rate this response", "rate the following", "rate the answer",
            "score the response", "score the following", "score this response", "grade the response",
            "grade the following", "grade this answer", "grade the answer", "act as a judge", "as a judge",
            "impartial judge", "as an evaluator", "evaluate the response", "evaluate the following response",
            "evaluate the quality", "quality of the response", "which response is better", "which answer is better",
            "better response", "preferred response", "compare the two responses", "compare the following responses",
            "rank the responses", "rank the following responses", "reward model", "reward score", "rubric",
            "scoring rubric", "scale of 1 to 10", "scale from 1 to 10", "scale of 1 to 5",
            "assign a score", "output a score", "give a score", "score from 1", "rating from 1", "pairwise comparison",
            "response a", "response b", "assistant a", "assistant b", "preference label", "final verdict",
            "your verdict", "critique the response", "critique the answer", "assess the response",
            "assess the quality", "judge the response", "judge the quality", "judge whether", "evaluate the answer",
            "evaluate the assistant", "rate the quality", "rate the assistant", "score the answer", "score each",
            "reference answer", "compare the responses", "two responses", "two answers", "which assistant",
            "more helpful", "helpfulness", "harmlessness", "out of 10", "out of 5", "1 to 10", "score between",
            "numeric score", "preference between", "chosen response", "rejected response", "reward signal",
            "grading", "grader", "evaluator");

    static final List<String> SYSTEM_EXTRACTION = List.of(
            "ignore previous instructions", "ignore all previous instructions", "ignore the above",
            "ignore your instructions", "disregard previous instructions", "system prompt", "system message",
            "your instructions", "initial instructions", "original instructions", "hidden instructions",
            "your initial prompt", "the text above", "everything above", "words above", "repeat the above",
            "print your prompt", "reveal your prompt", "reveal your instructions", "what were you told",
            "developer message", "verbatim", "word for word", "your configuration", "your rules");

    private static final LongIntMap PHRASES = build();

    private IntentLexicon() {
    }

    /** The intent bits of the n-gram whose hash is given (see {@link TextTokens#ngram}), or zero. */
    static int intentOf(long ngramHash) {
        return PHRASES.get(ngramHash);
    }

    private static LongIntMap build() {
        LongIntMap map = new LongIntMap(256);
        add(map, ELICITATION, ELICIT);
        add(map, GRADING, GRADER);
        add(map, SYSTEM_EXTRACTION, SYSTEM_EXTRACT);
        return map;
    }

    private static void add(LongIntMap map, List<String> phrases, int bit) {
        long[] words = new long[16];
        for (String phrase : phrases) {
            int count = TextTokens.wordHashes(phrase, words);
            if (count == 0 || count > MAX_PHRASE_WORDS) {
                throw new IllegalStateException("lexicon phrase \"" + phrase + "\" has " + count
                        + " words (expected: 1.." + MAX_PHRASE_WORDS + ")");
            }
            map.or(TextTokens.ngram(words, 0, count), bit);
        }
    }
}
