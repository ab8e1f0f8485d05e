package dev.moat.server.standin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the stand-in's replies: honest about being a stand-in, deterministic, and varied enough that demo
 * traffic looks like real traffic.
 *
 * <p>A reply opens by saying it comes from Moat's local stand-in, restates the first few words of the last
 * user message, then continues with filler sentences in an order shuffled by a random generator seeded from
 * that message and the choice index (a sentence repeats only once all the others have been used). Its natural length grows with the prompt (a quarter of the prompt tokens, capped)
 * plus a seeded spread, and always ends at a sentence boundary; a token budget smaller than that cuts the
 * reply short, which the wire formats report as {@code length} / {@code max_tokens}. The same inputs
 * always give the same reply.
 *
 * <p>Stateless and thread-safe.
 */
final class ReplyComposer {

    private static final int RESTATED_WORDS = 6;
    /** Only words are restated, so nothing of the prompt's markup or quoting reaches the reply. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{1,40}");
    private static final int BASE_TOKENS = 24;
    private static final int SPREAD_TOKENS = 48;
    private static final int MAX_PROMPT_BONUS = 100;

    private static final String OPENING = "This is Moat's local stand-in model, not a real language model.";
    private static final String THINKING_OPENING =
            "The stand-in does not reason; this thinking block only shows the shape of extended thinking.";

    private static final List<String> FILLER = List.of(
            "In a real deployment this answer would come from the upstream model that Moat routes to.",
            "The gateway counts every token of this reply, so the usage you see is exact for this text.",
            "Streaming replies arrive piece by piece, just as they would from a hosted model.",
            "Each sentence here is picked deterministically from your prompt, so the same prompt gets the same reply.",
            "Limits, metering and audit records treat this reply exactly like a real one.",
            "Longer prompts get longer replies, up to the token budget of the request.",
            "Nothing you send to the stand-in leaves this machine.",
            "Point an upstream in moat.yaml at a real model API when you are ready.",
            "The stand-in speaks both the OpenAI Chat Completions and the Anthropic Messages wire formats.",
            "Its pacing imitates a hosted model: a short wait before the first token, then a steady stream.",
            "Token counts come from a simple word-and-punctuation rule, close to what real tokenizers report.",
            "This text carries no meaning beyond showing how traffic flows through Moat.");

    private static final List<String> THINKING_FILLER = List.of(
            "A real model would weigh the question here before answering.",
            "These steps are placeholders so that thinking tokens can be metered.",
            "The budget for this block comes from the request.",
            "Nothing here reflects any actual reasoning about the prompt.");

    /**
     * The visible reply to {@code lastUserText}.
     *
     * @param promptTokens the prompt's token count; longer prompts get longer replies
     * @param variant      which of several choices for the same prompt (OpenAI {@code n}); 0 for the first
     * @param tokenBudget  the most tokens the reply may have (at least 1)
     */
    Reply reply(String lastUserText, int promptTokens, int variant, int tokenBudget) {
        checkBudget(tokenBudget);
        SplittableRandom random = new SplittableRandom(seed(lastUserText, variant, 0));
        int naturalLength = BASE_TOKENS + random.nextInt(SPREAD_TOKENS) + Math.min(promptTokens / 4, MAX_PROMPT_BONUS);
        StringBuilder text = new StringBuilder(OPENING).append(' ').append(restatement(lastUserText));
        return fillAndCut(text, FILLER, random, naturalLength, tokenBudget);
    }

    /** The text of an Anthropic thinking block for {@code lastUserText}, within {@code tokenBudget} tokens. */
    Reply thinking(String lastUserText, int tokenBudget) {
        checkBudget(tokenBudget);
        SplittableRandom random = new SplittableRandom(seed(lastUserText, 0, 1));
        int naturalLength = BASE_TOKENS + random.nextInt(SPREAD_TOKENS);
        return fillAndCut(new StringBuilder(THINKING_OPENING), THINKING_FILLER, random, naturalLength, tokenBudget);
    }

    private static Reply fillAndCut(StringBuilder text, List<String> filler, SplittableRandom random,
                                    int naturalLength, int tokenBudget) {
        List<String> order = new ArrayList<>(filler);
        Collections.shuffle(order, random);
        int tokens = StandInTokenizer.count(text.toString());
        for (int next = 0; tokens < naturalLength; next++) {
            // Whitespace ends every token, so the count of the text grows by exactly the sentence's own count.
            String sentence = order.get(next % order.size());
            text.append(' ').append(sentence);
            tokens += StandInTokenizer.count(sentence);
        }
        List<String> pieces = StandInTokenizer.pieces(text.toString());
        if (pieces.size() <= tokenBudget) {
            return new Reply(pieces, false);
        }
        return new Reply(pieces.subList(0, tokenBudget), true);
    }

    private static String restatement(String lastUserText) {
        List<String> words = WORD.matcher(lastUserText).results()
                .limit(RESTATED_WORDS + 1)
                .map(MatchResult::group)
                .toList();
        if (words.isEmpty()) {
            return "Your last message had no words to restate.";
        }
        String restated = words.stream().limit(RESTATED_WORDS).collect(Collectors.joining(" "));
        return "You wrote: \"" + restated + (words.size() > RESTATED_WORDS ? " ..." : "") + "\".";
    }

    private static void checkBudget(int tokenBudget) {
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("tokenBudget: " + tokenBudget + " (expected: >= 1)");
        }
    }

    /** FNV-1a over the text's UTF-8 bytes, mixed with the variant and a salt that separates text kinds. */
    private static long seed(String text, int variant, int salt) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash ^ (((long) variant << 32) | salt);
    }
}
