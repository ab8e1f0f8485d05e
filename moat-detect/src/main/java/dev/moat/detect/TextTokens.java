package dev.moat.detect;

/**
 * The one tokenisation the prompt features share: a word is a run of letters or digits, case-folded,
 * hashed with FNV-1a while it is read (no substrings are allocated); a Chinese character or a kana is a word
 * by itself ({@link #isIdeographic}). Response fingerprints use the same character classes but keep such runs
 * whole, so fingerprints stored before ideographs became words still match what is traced now. Lexicon phrases
 * and prompt skeletons are read alike, so a phrase matches however the prompt spaces or punctuates it.
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

    /**
     * Whether {@code c} is a Chinese character or Japanese kana: scripts written without spaces, where a run of
     * letters is a whole clause. Each such character is a word of its own, so lexicon phrases in those languages
     * (written with their characters as words) match inside a sentence.
     */
    static boolean isIdeographic(char c) {
        return c >= 0x3040 && (c <= 0x30ff || c >= 0x3400 && c <= 0x4dbf || c >= 0x4e00 && c <= 0x9fff
                || c >= 0xf900 && c <= 0xfaff);
    }

    /** The hash of an {@linkplain #isIdeographic ideographic} character read as a word of its own. */
    static long ideographWord(char c) {
        return Hashing.mix((Hashing.FNV_OFFSET ^ c) * Hashing.FNV_PRIME);
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
            if (c >= 0x3040 && isIdeographic(c)) {
                if (inWord) {
                    out[count++] = Hashing.mix(h);
                    inWord = false;
                }
                if (count < out.length) {
                    out[count++] = ideographWord(c);
                }
                h = Hashing.FNV_OFFSET;
            } else if (isWordChar(c)) {
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
