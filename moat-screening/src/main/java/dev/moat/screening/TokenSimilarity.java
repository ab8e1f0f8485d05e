package dev.moat.screening;

/**
 * How alike two name words are, from 0 to 1, and why. Exact equality is 1; the same phonetic key
 * (Mohammed/Muhamad, Organisation/Organization) is 0.92; an initial against a word it starts
 * 0.9; otherwise the edit similarity with transpositions counted as one edit (optimal string
 * alignment), taking the better of spelling and sound. Numbers only ever match exactly. Words
 * from syllabic scripts (see {@link NameToken#strict()}) match only exactly or by sound.
 */
final class TokenSimilarity {

    /** How a pair of words was found alike. */
    enum How { EXACT, PHONETIC, INITIAL, FUZZY, COMPOUND, NONE }

    record Result(double similarity, How how) {
        static final Result NONE = new Result(0, How.NONE);
    }

    private TokenSimilarity() {
    }

    static Result compare(NameToken a, NameToken b) {
        if (a.text().equals(b.text())) {
            return new Result(1.0, How.EXACT);
        }
        boolean aNumber = a.kind() == NameToken.Kind.NUMBER;
        boolean bNumber = b.kind() == NameToken.Kind.NUMBER;
        if (aNumber || bNumber) {
            return Result.NONE;
        }
        if (a.kind() == NameToken.Kind.INITIAL || b.kind() == NameToken.Kind.INITIAL) {
            String initial = a.kind() == NameToken.Kind.INITIAL ? a.text() : b.text();
            String word = a.kind() == NameToken.Kind.INITIAL ? b.text() : a.text();
            return word.startsWith(initial) ? new Result(0.9, How.INITIAL) : Result.NONE;
        }
        return words(a.text(), b.text(), a.skeleton(), b.skeleton(), a.strict() || b.strict());
    }

    static Result words(String a, String b, String keyA, String keyB, boolean strict) {
        if (a.equals(b)) {
            return new Result(1.0, How.EXACT);
        }
        if (strict) {
            return Result.NONE;
        }
        if (keyA.length() >= 2 && keyA.equals(keyB) && Math.min(a.length(), b.length()) >= 2) {
            return new Result(0.92, How.PHONETIC);
        }
        // Each bound below is the best the ratio could be given the lengths alone: below 0.6 it
        // cannot count (see NameScorer), so the edit distance is not worth computing.
        double spelling = bound(a, b) >= 0.6 ? ratioAtLeast(a, b, 0.6) : 0;
        double sound = keyA.length() >= 3 && keyB.length() >= 3 && 0.9 * bound(keyA, keyB) >= 0.6
                ? 0.9 * ratioAtLeast(keyA, keyB, 0.6 / 0.9) : 0;
        double best = Math.max(spelling, sound);
        return best > 0 ? new Result(best, How.FUZZY) : Result.NONE;
    }

    private static double bound(String a, String b) {
        return 1.0 - (double) Math.abs(a.length() - b.length()) / Math.max(1, Math.max(a.length(), b.length()));
    }

    /** 1 - (optimal string alignment distance / length of the longer word). */
    static double ratio(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        if (longer == 0) {
            return 1.0;
        }
        return 1.0 - (double) distance(a, b) / longer;
    }

    /** As {@link #ratio}, but any ratio below {@code floor} may come back as a smaller value, cheaply. */
    static double ratioAtLeast(String a, String b, double floor) {
        int longer = Math.max(a.length(), b.length());
        if (longer == 0) {
            return 1.0;
        }
        int max = (int) Math.floor((1 - floor) * longer);
        return 1.0 - (double) distance(a, b, max) / longer;
    }

    static int distance(String a, String b) {
        return distance(a, b, Integer.MAX_VALUE);
    }

    /**
     * Optimal string alignment distance, or any value above {@code max} as soon as the distance
     * is certain to exceed it (every cell of a row is above {@code max}).
     */
    static int distance(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        int[] rows = new int[3 * (m + 1)];
        int prev2 = 0;
        int prev = m + 1;
        int cur = 2 * (m + 1);
        for (int j = 0; j <= m; j++) {
            rows[prev + j] = j;
        }
        for (int i = 1; i <= n; i++) {
            rows[cur] = i;
            int rowMin = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int cost = ca == cb ? 0 : 1;
                int v = Math.min(Math.min(rows[prev + j] + 1, rows[cur + j - 1] + 1), rows[prev + j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    v = Math.min(v, rows[prev2 + j - 2] + 1);
                }
                rows[cur + j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return rows[prev + m];
    }
}
