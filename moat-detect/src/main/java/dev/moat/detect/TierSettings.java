package dev.moat.detect;

import java.util.Objects;

/**
 * How the detector acts on the organisations of one tier, in place of the global settings: the risks at which its
 * actions start, and the review harvest budget (see {@link DetectorSettings#reviewHarvestBudget()}; 0: review of
 * such an organisation never escalates, an analyst decides).
 */
public record TierSettings(Thresholds thresholds, int reviewHarvestBudget) {

    public TierSettings {
        Objects.requireNonNull(thresholds, "thresholds");
        if (reviewHarvestBudget < 0) {
            throw new IllegalArgumentException("reviewHarvestBudget: " + reviewHarvestBudget
                    + " (expected: >= 0; 0 leaves review to analysts)");
        }
    }
}
