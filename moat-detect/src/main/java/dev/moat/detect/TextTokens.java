package dev.moat.detect;

/**
 * The one tokenisation every text feature shares: a word is a run of letters or digits, case-folded,
 * hashed with FNV-1a while it is read (no substrings are allocated). Lexicon phrases, prompt skeletons
 * and response shingles all use it, so a phrase matches however the prompt spaces or punctuates it.
 */
final class TextTokens {

    private TextTokens() {
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    /** Hashes the words of {@code text} into {@code out}; returns how many were written (at most out.length). */
    static int wordHashes(CharSequence text, long[] out) {
        int count = 0;
        long h = Hashing.FNV_OFFSET;
        boolean inWord = false;
        for (int i = 0, n = text.length(); i < n && count < out.length; i++) {
            char c = text.charAt(i);
            if (isWordChar(c)) {
                h ^= Character.toLowerCase(c);
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
