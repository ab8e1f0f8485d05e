package dev.moat.detect;

import java.util.List;

/**
 * Phrases that reveal what a prompt is for, matched as token n-grams (1 to 5 words, case-folded) so a
 * scan is a handful of hash look-ups per word with no regular expressions. Written from knowledge of how
 * distillation campaigns phrase their requests (reasoning-trace coercion, model-as-grader, prompt
 * extraction), not from any prompt collection the simulator draws from; then extended from the misses on one
 * half of a corpus of phrasings written blind to it (test resources {@code intent/phrasings-dev.jsonl}), in
 * English and the other languages harvesters use. The other half measures how well that generalises
 * ({@code IntentPhrasingsTest}): about half of unseen phrasings are recognised. Phrases about <em>steps</em>
 * alone are pedagogy (tutoring apps ask for every step explained); phrases about the model's thinking and
 * reasoning are what trace elicitation asks for, so only the latter were generalised.
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
            "reason carefully", "thinking tokens", "thinking process", "verbatim reasoning", "rationale",
            // what the reasoning is called when the request avoids the usual words
            "the thinking", "all the thinking", "all your thinking", "thinking behind", "were you thinking",
            "you were thinking", "your thoughts", "intermediate thoughts", "each thought", "thought 1",
            "private thoughts", "privately", "internally", "internal process", "internal computation",
            "deliberation", "unabridged", "inferences", "verbalize", "verbalise", "out loud", "thinking block",
            "extended thinking", "reason through", "reasoning behind", "the reasoning", "raw reasoning",
            "reasoning first", "line of working", "lines of working", "all working", "your working",
            "shows its work", "show its work", "show their work", "worked solution", "fully worked",
            "every consideration", "decision point", "nothing left implicit", "without skipping", "skip nothing",
            "don't skip", "do not skip",
            // the same requests in the languages harvesters use most after English
            "étape par étape", "raisonnement", "ta pensée", "votre pensée", "paso a paso", "razonamiento",
            "tu pensamiento", "schritt für schritt", "gedankengang", "denkprozess", "überlegungen",
            "passo a passo", "raciocínio", "passo dopo passo", "ragionamento", "шаг за шагом", "рассуждения",
            "рассуждение", "ход мыслей", "ход решения", "思考过程", "推理过程", "一步一步", "解题步骤", "思路",
            "思考の過程", "思考過程", "推論", "ステップ");

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
            "grading", "grader", "evaluator",
            // raters, annotators and verdicts under other names
            "rater", "raters", "annotator", "crowdworkers", "adjudicator", "preference score", "quality score",
            "quality label", "score it", "score this", "score them", "score each response", "mark out of",
            "point scale", "on a scale", "scale of 1", "which reply", "which response", "which completion",
            "first response", "second response", "two completions", "completion 1", "completion 2", "reply 1",
            "reply 2", "model a", "model b", "the winner", "a tie", "upvote", "hallucinated", "faithful to",
            "instruction following", "proposed solution", "model answer", "model s answer", "assistant turn",
            "assistant message", "correct or incorrect", "good or bad", "evaluate this", "assess the following",
            "better adheres", "act as judge", "as the judge", "llm judge", "judge model", "gpt judge",
            // the same requests in other languages
            "juge impartial", "note sur", "la meilleure réponse", "juez imparcial", "modelo de recompensa",
            "puntuación", "evalúa", "bewerte", "punktzahl", "avalie", "pontuação", "valuta la risposta",
            "оцени", "оцените", "по шкале", "оценку", "评分", "打分", "评估回答", "哪个回答", "採点", "評価して",
            "点数");

    static final List<String> SYSTEM_EXTRACTION = List.of(
            "ignore previous instructions", "ignore all previous instructions", "ignore the above",
            "ignore your instructions", "disregard previous instructions", "system prompt", "system message",
            "your instructions", "initial instructions", "original instructions", "hidden instructions",
            "your initial prompt", "the text above", "everything above", "words above", "repeat the above",
            "print your prompt", "reveal your prompt", "reveal your instructions", "what were you told",
            "developer message", "verbatim", "word for word", "your configuration", "your rules",
            // the prompt under other names, and the usual pretexts for asking
            "initial prompt", "hidden prompt", "full prompt", "pre prompt", "preprompt", "meta prompt",
            "preamble", "initialization text", "custom instructions", "configured with", "instructions you",
            "you were given", "were you given", "you have received", "you received", "your guidelines",
            "restate your", "prior directives", "previous directives", "prior instructions", "tool schema",
            "your context", "context window", "before any user message", "before my first message",
            "my instructions", "told to follow", "deployed you", "host app", "its creators", "your creators",
            "system instructions", "sytem promt", "system promt", "first message",
            // the same requests in other languages
            "systemanweisungen", "systemprompt", "anweisungen", "prompt système", "consignes",
            "instructions précédentes", "instruções ocultas", "instruções", "instrucciones del sistema", "prompt del sistema",
            "instrucciones ocultas", "системный промпт", "системные инструкции", "инструкции", "系统提示", "提示词",
            "初始指令", "隐藏指令", "プロンプト", "指示を");

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
