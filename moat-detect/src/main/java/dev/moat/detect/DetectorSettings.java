package dev.moat.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * How the detector turns risk into actions and how much state it may keep. Immutable; start from
 * {@link #defaults()} and change what you need with {@link #toBuilder()}.
 *
 * @param flagAt              risk at which a principal is flagged for analysts
 * @param reviewAt            risk at which a principal is sent to review
 * @param throttleAt          risk at which its limits are lowered (first customer-affecting action)
 * @param degradeAt           risk at which reasoning and logprobs are withheld and max_tokens capped
 * @param suspendAt           risk at which its keys are refused
 * @param shadowMode          verdicts are computed and reported but {@link VerdictListener}s are told the
 *                            action is advisory only ({@link Verdict#enforced()} is false)
 * @param minEventsForAction  no organisation is throttled or worse on fewer events than this, so a handful
 *                            of odd requests never hurts a customer on its own
 * @param idleEviction        state of a principal that sent nothing for this long (in event time) is dropped
 * @param maxPrincipals       hard cap on tracked keys/accounts/organisations; the least recently active are
 *                            evicted first when it is reached
 * @param linkTtl             how long a piece of linkage evidence (shared IP, template, timing) keeps an edge
 *                            between two organisations alive after it was last seen
 * @param reviewHarvestBudget a principal at review that has received this many harvest-like exchanges (long
 *                            completions, or single-shot requests with harvesting intent) while at review is
 *                            throttled: review is not a licence to go on harvesting until an analyst looks;
 *                            0 disables the escalation
 */
public record DetectorSettings(
        double flagAt,
        double reviewAt,
        double throttleAt,
        double degradeAt,
        double suspendAt,
        boolean shadowMode,
        int minEventsForAction,
        Duration idleEviction,
        int maxPrincipals,
        Duration linkTtl,
        int reviewHarvestBudget) {

    /** The default review budget: the bound on what a campaign may harvest before it is stopped. */
    public static final int DEFAULT_REVIEW_HARVEST_BUDGET = 500;

    /** Settings with the default review budget ({@value #DEFAULT_REVIEW_HARVEST_BUDGET}). */
    public DetectorSettings(double flagAt, double reviewAt, double throttleAt, double degradeAt, double suspendAt,
                            boolean shadowMode, int minEventsForAction, Duration idleEviction, int maxPrincipals,
                            Duration linkTtl) {
        this(flagAt, reviewAt, throttleAt, degradeAt, suspendAt, shadowMode, minEventsForAction, idleEviction,
                maxPrincipals, linkTtl, DEFAULT_REVIEW_HARVEST_BUDGET);
    }

    public DetectorSettings {
        Objects.requireNonNull(idleEviction, "idleEviction");
        Objects.requireNonNull(linkTtl, "linkTtl");
        checkUnit("flagAt", flagAt);
        checkUnit("reviewAt", reviewAt);
        checkUnit("throttleAt", throttleAt);
        checkUnit("degradeAt", degradeAt);
        checkUnit("suspendAt", suspendAt);
        if (!(flagAt <= reviewAt && reviewAt <= throttleAt && throttleAt <= degradeAt && degradeAt <= suspendAt)) {
            throw new IllegalArgumentException("thresholds: flag " + flagAt + ", review " + reviewAt + ", throttle "
                    + throttleAt + ", degrade " + degradeAt + ", suspend " + suspendAt
                    + " (expected: non-decreasing in that order)");
        }
        if (minEventsForAction < 1) {
            throw new IllegalArgumentException("minEventsForAction: " + minEventsForAction + " (expected: >= 1)");
        }
        if (idleEviction.isNegative() || idleEviction.isZero()) {
            throw new IllegalArgumentException("idleEviction: " + idleEviction + " (expected: > 0)");
        }
        if (maxPrincipals < 16) {
            throw new IllegalArgumentException("maxPrincipals: " + maxPrincipals + " (expected: >= 16)");
        }
        if (linkTtl.isNegative() || linkTtl.isZero()) {
            throw new IllegalArgumentException("linkTtl: " + linkTtl + " (expected: > 0)");
        }
        if (reviewHarvestBudget < 0) {
            throw new IllegalArgumentException("reviewHarvestBudget: " + reviewHarvestBudget
                    + " (expected: >= 0; 0 disables the escalation of review)");
        }
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(0.3, 0.5, 0.6, 0.75, 0.9, false, 20,
                Duration.ofDays(3), 200_000, Duration.ofDays(7), DEFAULT_REVIEW_HARVEST_BUDGET);
    }

    /** The action the thresholds give to a risk. */
    public Action actionFor(double risk) {
        if (risk >= suspendAt) {
            return Action.SUSPEND;
        }
        if (risk >= degradeAt) {
            return Action.DEGRADE;
        }
        if (risk >= throttleAt) {
            return Action.THROTTLE;
        }
        if (risk >= reviewAt) {
            return Action.REVIEW;
        }
        if (risk >= flagAt) {
            return Action.FLAG;
        }
        return Action.NONE;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void checkUnit(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: in (0, 1])");
        }
    }

    /** Changes some settings and keeps the rest. */
    public static final class Builder {
        private double flagAt, reviewAt, throttleAt, degradeAt, suspendAt;
        private boolean shadowMode;
        private int minEventsForAction;
        private Duration idleEviction;
        private int maxPrincipals;
        private Duration linkTtl;
        private int reviewHarvestBudget;

        private Builder(DetectorSettings from) {
            flagAt = from.flagAt;
            reviewAt = from.reviewAt;
            throttleAt = from.throttleAt;
            degradeAt = from.degradeAt;
            suspendAt = from.suspendAt;
            shadowMode = from.shadowMode;
            minEventsForAction = from.minEventsForAction;
            idleEviction = from.idleEviction;
            maxPrincipals = from.maxPrincipals;
            linkTtl = from.linkTtl;
            reviewHarvestBudget = from.reviewHarvestBudget;
        }

        public Builder thresholds(double flag, double review, double throttle, double degrade, double suspend) {
            flagAt = flag;
            reviewAt = review;
            throttleAt = throttle;
            degradeAt = degrade;
            suspendAt = suspend;
            return this;
        }

        public Builder shadowMode(boolean value) {
            shadowMode = value;
            return this;
        }

        public Builder minEventsForAction(int value) {
            minEventsForAction = value;
            return this;
        }

        public Builder idleEviction(Duration value) {
            idleEviction = value;
            return this;
        }

        public Builder maxPrincipals(int value) {
            maxPrincipals = value;
            return this;
        }

        public Builder linkTtl(Duration value) {
            linkTtl = value;
            return this;
        }

        public Builder reviewHarvestBudget(int value) {
            reviewHarvestBudget = value;
            return this;
        }

        public DetectorSettings build() {
            return new DetectorSettings(flagAt, reviewAt, throttleAt, degradeAt, suspendAt, shadowMode,
                    minEventsForAction, idleEviction, maxPrincipals, linkTtl, reviewHarvestBudget);
        }
    }
}
