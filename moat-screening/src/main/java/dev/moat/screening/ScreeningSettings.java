package dev.moat.screening;

/**
 * Thresholds of the matcher and of screening decisions.
 *
 * @param matchThreshold  a name comparison at or above this score is a match ({@link NameMatcher})
 * @param reviewThreshold a listed entry scoring at or above this (after country, date of birth and
 *                        identifier adjustments) makes a screening {@code review}
 * @param blockThreshold  at or above this a screening is {@code block}
 * @param maxCandidates   how many listed names the index hands to the scorer per query
 * @param maxMatches      how many matching entries a decision lists at most
 */
public record ScreeningSettings(double matchThreshold, double reviewThreshold, double blockThreshold,
        int maxCandidates, int maxMatches) {

    /** The documented defaults; docs/screening.md gives the precision and recall they measure. */
    public static final ScreeningSettings DEFAULTS = new ScreeningSettings(0.80, 0.80, 0.92, 64, 20);

    public ScreeningSettings {
        check(matchThreshold, "matchThreshold");
        check(reviewThreshold, "reviewThreshold");
        check(blockThreshold, "blockThreshold");
        if (blockThreshold < reviewThreshold) {
            throw new IllegalArgumentException("blockThreshold: " + blockThreshold + " (expected: >= reviewThreshold "
                    + reviewThreshold + ")");
        }
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates: " + maxCandidates + " (expected: > 0)");
        }
        if (maxMatches < 1) {
            throw new IllegalArgumentException("maxMatches: " + maxMatches + " (expected: > 0)");
        }
    }

    private static void check(double v, String name) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: > 0 and <= 1)");
        }
    }
}
