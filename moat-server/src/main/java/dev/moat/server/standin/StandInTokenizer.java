package dev.moat.server.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in model's token arithmetic: a deterministic approximation of a BPE tokenizer.
 *
 * <p>A token is a run of at most {@value #MAX_WORD_PIECE} letters, digits or underscores, or a single other
 * non-space character, together with the whitespace in front of it. So {@code "Hello, world!"} is the four
 * pieces {@code "Hello"}, {@code ","}, {@code " world"}, {@code "!"}, and a long word counts as several
 * tokens, roughly as real tokenizers split rare words. Whitespace at the very end of a text belongs to no
 * token. The same rule counts prompts and cuts generated replies into stream deltas, so the usage the
 * stand-in reports always equals the number of pieces it sent.
 *
 * <p>Stateless and thread-safe.
 */
public final class StandInTokenizer {

    static final int MAX_WORD_PIECE = 8;

    private static final Pattern PIECE =
            Pattern.compile("\\s*(?:[\\p{L}\\p{N}_]{1," + MAX_WORD_PIECE + "}|[^\\s\\p{L}\\p{N}_])");

    private StandInTokenizer() {
    }

    /** The number of tokens in {@code text}; 0 for empty or whitespace-only text. */
    public static int count(String text) {
        Matcher matcher = PIECE.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /**
     * The tokens of {@code text}, each with its leading whitespace; joined they give back {@code text}
     * without its trailing whitespace.
     */
    public static List<String> pieces(String text) {
        Matcher matcher = PIECE.matcher(text);
        List<String> pieces = new ArrayList<>();
        while (matcher.find()) {
            pieces.add(matcher.group());
        }
        return pieces;
    }
}
