package dev.moat.detect;

/** 64-bit hashing shared by the text scanner, the sketches and the linkage index. */
final class Hashing {

    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    private Hashing() {
    }

    /** A strong 64-bit finaliser (SplitMix64), used to spread combined hashes. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Order-dependent combination of a running hash with the next element. */
    static long combine(long running, long next) {
        return mix(running * 31 + next);
    }

    static long of(String text) {
        long h = FNV_OFFSET;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /** Hash of a text with case folded and whitespace runs collapsed, so trivial edits do not change it. */
    static long ofNormalised(String text) {
        return ofNormalised(text, text.length());
    }

    /** {@link #ofNormalised(String)} of at most the first {@code limit} characters: enough to tell long texts apart. */
    static long ofNormalised(String text, int limit) {
        long h = FNV_OFFSET;
        boolean space = true;
        for (int i = 0, end = Math.min(limit, text.length()); i < end; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!space) {
                    h ^= ' ';
                    h *= FNV_PRIME;
                    space = true;
                }
                continue;
            }
            space = false;
            h ^= Character.toLowerCase(c);
            h *= FNV_PRIME;
        }
        return mix(h);
    }
}
