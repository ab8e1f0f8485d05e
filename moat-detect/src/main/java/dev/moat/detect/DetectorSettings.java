package dev.moat.detect;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
 * @param newAccountReviewBudget once new self-serve accounts at review (created under a week ago) have together
 *                            received this many harvest-like exchanges at review within a day, every further new
 *                            self-serve account at review is throttled: a campaign that opens unlinked accounts
 *                            does not get a review budget per account (see {@link NewAccountReview}); 0 disables it
 * @param tiers               settings of their own for organisations of some tiers (keys case-folded), in place of
 *                            the five thresholds and the review budget above: a deployment that vets its
 *                            enterprise customers can keep them at review for an analyst where a self-serve account
 *                            is throttled. Clusters are judged on the global settings, whatever their members'
 *                            tiers: coordination across organisations is not one tier's business.
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
        int reviewHarvestBudget,
        int newAccountReviewBudget,
        Map<String, TierSettings> tiers) {

    /**
     * The default review budget: a fifth of the bound on what a campaign may harvest before it is stopped
     * (500, all its accounts together), so that a campaign split over five unlinked principals that each settle at
     * review stays within it. (It was the whole bound until session 8; see docs/detection.md.)
     */
    public static final int DEFAULT_REVIEW_HARVEST_BUDGET = 100;

    /**
     * By default new self-serve accounts at review share no budget (0): on the {@code newcomers} set — 800 honest new
     * accounts — 100 a day throttled 20 more of them (start-ups' and students' evaluations at review spend 700–1,200 a
     * day between them), while on a hydra of one-session accounts ({@code holdout9}) it saved a sixth of the harvest.
     * A deployment under such an attack turns it on (see docs/detection.md).
     */
    public static final int DEFAULT_NEW_ACCOUNT_REVIEW_BUDGET = 0;

    /** Settings with the default review budget ({@value #DEFAULT_REVIEW_HARVEST_BUDGET}) and no per-tier thresholds. */
    public DetectorSettings(double flagAt, double reviewAt, double throttleAt, double degradeAt, double suspendAt,
                            boolean shadowMode, int minEventsForAction, Duration idleEviction, int maxPrincipals,
                            Duration linkTtl) {
        this(flagAt, reviewAt, throttleAt, degradeAt, suspendAt, shadowMode, minEventsForAction, idleEviction,
                maxPrincipals, linkTtl, DEFAULT_REVIEW_HARVEST_BUDGET, DEFAULT_NEW_ACCOUNT_REVIEW_BUDGET, Map.of());
    }

    public DetectorSettings {
        Objects.requireNonNull(idleEviction, "idleEviction");
        Objects.requireNonNull(linkTtl, "linkTtl");
        new Thresholds(flagAt, reviewAt, throttleAt, degradeAt, suspendAt); // checks them
        Map<String, TierSettings> byTier = new TreeMap<>();
        Objects.requireNonNull(tiers, "tiers").forEach((tier, settings) -> {
            if (tier.isBlank()) {
                throw new IllegalArgumentException("tiers: a tier name is empty");
            }
            String name = tier.strip().toLowerCase(Locale.ROOT);
            if (byTier.put(name, Objects.requireNonNull(settings, tier)) != null) {
                throw new IllegalArgumentException("tiers: tier '" + name + "' is given twice (names are"
                        + " case-insensitive)");
            }
        });
        tiers = Map.copyOf(byTier);
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
        if (newAccountReviewBudget < 0) {
            throw new IllegalArgumentException("newAccountReviewBudget: " + newAccountReviewBudget
                    + " (expected: >= 0; 0 disables the shared budget of new accounts at review)");
        }
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(0.3, 0.5, 0.6, 0.75, 0.9, false, 20,
                Duration.ofDays(3), 200_000, Duration.ofDays(7), DEFAULT_REVIEW_HARVEST_BUDGET,
                DEFAULT_NEW_ACCOUNT_REVIEW_BUDGET, Map.of());
    }

    /** The thresholds for organisations without settings of their tier's, and for clusters. */
    public Thresholds thresholds() {
        return new Thresholds(flagAt, reviewAt, throttleAt, degradeAt, suspendAt);
    }

    /** The action the default thresholds give to a risk. */
    public Action actionFor(double risk) {
        return Thresholds.actionFor(risk, flagAt, reviewAt, throttleAt, degradeAt, suspendAt);
    }

    /** The action the thresholds of {@code tier} (the global ones when it has none or is unknown) give to a risk. */
    public Action actionFor(double risk, Optional<String> tier) {
        TierSettings own = tierSettings(tier);
        return own == null ? actionFor(risk) : own.thresholds().actionFor(risk);
    }

    /** The review harvest budget of {@code tier} (the global one when it has none or is unknown). */
    public int reviewHarvestBudget(Optional<String> tier) {
        TierSettings own = tierSettings(tier);
        return own == null ? reviewHarvestBudget : own.reviewHarvestBudget();
    }

    private TierSettings tierSettings(Optional<String> tier) {
        return tier.isEmpty() || tiers.isEmpty() ? null : tiers.get(tier.get().strip().toLowerCase(Locale.ROOT));
    }

    public Builder toBuilder() {
        return new Builder(this);
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
        private int newAccountReviewBudget;
        private Map<String, TierSettings> tiers;

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
            newAccountReviewBudget = from.newAccountReviewBudget;
            tiers = from.tiers;
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

        public Builder newAccountReviewBudget(int value) {
            newAccountReviewBudget = value;
            return this;
        }

        /** Settings of their own for organisations of the given tiers (replaces any set before). */
        public Builder tiers(Map<String, TierSettings> value) {
            tiers = value;
            return this;
        }

        public DetectorSettings build() {
            return new DetectorSettings(flagAt, reviewAt, throttleAt, degradeAt, suspendAt, shadowMode,
                    minEventsForAction, idleEviction, maxPrincipals, linkTtl, reviewHarvestBudget, newAccountReviewBudget,
                    tiers);
        }
    }
}
