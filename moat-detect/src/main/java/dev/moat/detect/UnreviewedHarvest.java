package dev.moat.detect;

import java.util.List;
import java.util.Locale;

/**
 * How much harvest-like output a principal has received while it stood at {@code review}: exchanges with a
 * long completion or soft labels, or single-shot requests carrying harvesting intent.
 *
 * <p>Why: {@code review} asks an analyst to look and changes nothing for the principal. A harvester that
 * settles just under the throttle threshold — a reseller whose customers dilute it, a distiller that
 * keeps its budgets moderate — would otherwise go on harvesting for as long as nobody looks. So review
 * has a budget: once a principal has received {@link DetectorSettings#reviewHarvestBudget()} such
 * exchanges while at review, it is throttled. Ordinary customers rarely reach review at all, and one that
 * does but gets short answers never spends the budget. The count is forgotten once the principal's risk
 * falls below the flag threshold (it looks ordinary again), and kept while it wavers between flag and
 * review.
 */
final class UnreviewedHarvest {

    private int received;

    /**
     * @param assessed    the action the principal's current risk gives (before stickiness)
     * @param harvestLike whether this exchange was harvest-like
     * @return how much the count changed (negative when it was forgotten), for a sum kept over several principals
     */
    int observe(Action assessed, boolean harvestLike) {
        int before = received;
        if (assessed == Action.NONE) {
            received = 0;
        } else if (assessed == Action.REVIEW && harvestLike) {
            received++;
        }
        return received - before;
    }

    /** Harvest-like exchanges received at review and not forgotten. */
    int received() {
        return received;
    }

    /** Whether the budget is spent ({@code budget} 0: review never escalates). */
    boolean spent(int budget) {
        return budget > 0 && received >= budget;
    }

    /** The evidence to show when the budget is spent: what was received while nobody acted. */
    Signal signal() {
        return new Signal("unreviewed_harvest", 1, String.format(Locale.ROOT,
                "received %d long or harvesting-intent exchanges while at review without an analyst's decision",
                received), List.of());
    }

    /**
     * The evidence when the keys of one organisation, each at review, have together spent the budget: key by key
     * each may be under it, but one organisation splitting its harvest over several keys is one principal.
     */
    static Signal pooledSignal(int receivedByKeys) {
        return new Signal("unreviewed_harvest", 1, String.format(Locale.ROOT,
                "this organisation's keys at review received %d long or harvesting-intent exchanges together without "
                        + "an analyst's decision (one budget per organisation, however many keys share the work)",
                receivedByKeys), List.of());
    }

    static boolean harvestLike(EventTraits t) {
        // a registered benchmark's item is an evaluation's material, not a harvest worth escalating for
        return !t.benchmarkItem && (t.longCompletion || t.softLabels || t.singleShot && t.suspiciousIntent());
    }
}
