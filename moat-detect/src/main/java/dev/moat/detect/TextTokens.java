package dev.moat.detect;

/**
 * The one tokenisation every text feature shares: a word is a run of letters or digits, case-folded,
 * hashed with FNV-1a while it is read (no substrings are allocated). Lexicon phrases, prompt skeletons
 * and response shingles all use it, so a phrase matches however the prompt spaces or punctuates it.
 */
final class TextTokens {

    private TextTokens() {
    }

    // Prompts are mostly ASCII: the character classes below answer ASCII from a comparison and leave the rest to
    // Character, with the same results (DetectorEventBenchmark.readPrompt: 3.07 -> 2.88 us per prompt, together
    // with LongIntMap no longer re-mixing its keys).

    static boolean isWordChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return Character.isLetterOrDigit(c);
    }

    /** {@link Character#toLowerCase(char)}. */
    static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }

    /** {@link Character#isUpperCase(char)}. */
    static boolean isUpper(char c) {
        return c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
    }

    /** {@link Character#isDigit(char)}. */
    static boolean isDigit(char c) {
        return c < 128 ? c >= '0' && c <= '9' : Character.isDigit(c);
    }

    /** Hashes the words of {@code text} into {@code out}; returns how many were written (at most out.length). */
    static int wordHashes(CharSequence text, long[] out) {
        int count = 0;
        long h = Hashing.FNV_OFFSET;
        boolean inWord = false;
        for (int i = 0, n = text.length(); i < n && count < out.length; i++) {
            char c = text.charAt(i);
            if (isWordChar(c)) {
                h ^= lower(c);
                h *= Hashing.FNV_PRIME;
                inWord = true;
            } else if (inWord) {
                out[count++] = Hashing.mix(h);
                h = Hashing.FNV_OFFSET;
                inWord = false;
            }
        }
        if (inWord && count < out.length) {
            out[count++] = Hashing.mix(h);
        }
        return count;
    }

    /** The hash of the n-gram {@code words[from .. from+length)}. */
    static long ngram(long[] words, int from, int length) {
        long h = 0;
        for (int i = from; i < from + length; i++) {
            h = Hashing.combine(h, words[i]);
        }
        return h;
    }
}
