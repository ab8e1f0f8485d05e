package dev.moat.detect;

import java.util.List;
import java.util.Locale;

/**
 * What new self-serve accounts at review have received together over the last day: one review budget for the
 * whole population of accounts that are cheapest to replace.
 *
 * <p>Why: each principal at review has a budget of its own ({@link UnreviewedHarvest}), and a cluster of linked
 * accounts one between them. A hydra whose accounts share nothing a linker can see — each with its own mail, card
 * and address range, each used for a session and abandoned — is a series of principals that each settle at review
 * and each stay under the budget, so the review budget multiplies by the number of accounts the campaign can open.
 * New self-serve accounts are the population such a campaign draws from, so they answer for the review budget
 * together: once they have received {@link DetectorSettings#newAccountReviewBudget()} harvest-like exchanges while
 * at review within a day, every further new account at review is throttled (its limits lowered, not its keys
 * refused) until the day's count falls again. Ordinary new accounts rarely reach review at all; the ones that do
 * lose nothing but speed until an analyst looks.
 *
 * <p>Bounded: 24 hourly counts. Event time only moves forward; an event a little out of order counts in the
 * current hour.
 */
final class NewAccountReview {

    private static final int HOURS = 24;

    private final int[] hourly = new int[HOURS];
    private long currentHour = Long.MIN_VALUE;
    private int total;

    /** Counts one harvest-like exchange a new account received at review at {@code epochSecond}. */
    void add(long epochSecond) {
        advance(epochSecond);
        hourly[(int) Math.floorMod(currentHour, HOURS)]++;
        total++;
    }

    /** Whether the population's budget for the day ending at {@code epochSecond} is spent (0: never). */
    boolean spent(long epochSecond, int budget) {
        advance(epochSecond);
        return budget > 0 && total >= budget;
    }

    /** Harvest-like exchanges received at review by new accounts in the last day. */
    int received() {
        return total;
    }

    private void advance(long epochSecond) {
        long hour = Math.floorDiv(epochSecond, 3600);
        if (currentHour == Long.MIN_VALUE) {
            currentHour = hour;
            return;
        }
        // the hours that passed leave the window, at most the whole window
        for (long h = currentHour + 1; h <= hour && h <= currentHour + HOURS; h++) {
            int slot = (int) Math.floorMod(h, HOURS);
            total -= hourly[slot];
            hourly[slot] = 0;
        }
        currentHour = Math.max(currentHour, hour);
    }

    /** The evidence when a new account at review is throttled because the population's budget is spent. */
    Signal signal() {
        return new Signal("unreviewed_harvest", 1, String.format(Locale.ROOT,
                "new self-serve accounts at review received %d long or harvesting-intent exchanges together in the last"
                        + " day without an analyst's decision (one budget for all new accounts: a campaign that opens "
                        + "unlinked accounts does not get one per account)", total), List.of());
    }
}
