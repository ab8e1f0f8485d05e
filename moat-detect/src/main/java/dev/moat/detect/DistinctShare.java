package dev.moat.detect;

import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * The share of distinct items among those offered (1 = never repeats), from a DataSketches HLL union
 * (lg k = {@value #LG_K}, a few hundred bytes) so that a cluster's share can absorb its members'. The
 * sketch is not decayed: the share is over everything offered, capped at one.
 *
 * <p>The estimate is refreshed every {@value #REFRESH} items: it changes slowly, and reading it costs
 * more than the rest of an event's scoring.
 */
final class DistinctShare {

    private static final int LG_K = 8;
    private static final int REFRESH = 16;
    /** Below this many items the share is not known and reads as one. */
    private static final int MIN_ITEMS = 10;

    private final Union sketch = new Union(LG_K);
    private double offered;
    private double refreshedAt;
    private double cached = 1;

    void offer(long hash) {
        sketch.update(hash);
        offered++;
    }

    void addAll(DistinctShare other) {
        sketch.update(other.sketch.getResult(TgtHllType.HLL_8));
        offered += other.offered;
        refreshedAt = 0;
    }

    double share() {
        if (offered < MIN_ITEMS) {
            return 1;
        }
        if (offered - refreshedAt >= REFRESH || refreshedAt == 0) {
            refreshedAt = offered;
            cached = Math.min(1, sketch.getEstimate() / offered);
        }
        return cached;
    }
}
