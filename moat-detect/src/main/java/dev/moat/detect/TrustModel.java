package dev.moat.detect;

import java.time.Duration;
import java.util.Locale;

/**
 * Organisation provenance as a multiplier on risk: below one for vetted, long-standing customers, about
 * one for unknown ones, above one for brand-new self-serve or programme sign-ups and for traffic from
 * anonymising networks. Campaigns favour fresh self-serve accounts because they are cheap to replace;
 * vetted customers have been seen by a person and have a contract to lose.
 *
 * <p>It is a discount, never an exemption: even the most trusted organisation reaches review on clear
 * harvesting, and a vetted partner's leaked key is caught through its drift profile (traffic from
 * infrastructure the organisation never used), which is scored at {@link #MAX}, as a stranger's.
 */
final class TrustModel {

    static final double MIN = 0.45;
    static final double MAX = 1.25;
    static final double UNKNOWN = 0.9;
    /** An account younger than this is new: cheapest to replace, and the least known. */
    static final Duration NEW_ACCOUNT = Duration.ofDays(7);
    /** The tier factor of self-serve, trial and programme sign-ups: anyone can open such an account. */
    private static final double SELF_SERVE = 1.0;

    private TrustModel() {
    }

    static double tierFactor(String tier) {
        return switch (tier.toLowerCase(Locale.ROOT)) {
            case "enterprise", "partner", "vetted", "strategic" -> 0.55;
            case "team", "business", "pro", "scale", "organization", "organisation" -> 0.75;
            case "self-serve", "self_serve", "selfserve", "free", "trial", "programme", "program", "research",
                 "startup", "credits", "developer" -> SELF_SERVE;
            default -> UNKNOWN;
        };
    }

    /**
     * @param org            the organisation's sign-up facts, or null when unknown
     * @param nowSecond      event time, epoch seconds
     * @param anonymisedShare share of its traffic from hosting, VPN or Tor networks
     * @param keysStartedLately keys it started using lately ({@link KeyChurn}): one is a new deployment; from four a
     *                        day on, keys that live hours, and the organisation is trusted like a stranger
     */
    static double trust(OrgProfile org, long nowSecond, double anonymisedShare, double keysStartedLately) {
        double factor = UNKNOWN;
        if (org != null) {
            factor = org.tier().map(TrustModel::tierFactor).orElse(UNKNOWN);
            if (org.createdAt().isPresent()) {
                long ageSeconds = nowSecond - org.createdAt().get().getEpochSecond();
                if (ageSeconds < NEW_ACCOUNT.toSeconds()) {
                    factor += 0.15;
                } else if (ageSeconds < Duration.ofDays(30).toSeconds()) {
                    factor += 0.08;
                } else if (ageSeconds > Duration.ofDays(365).toSeconds()) {
                    factor -= 0.05;
                }
            }
        }
        factor += 0.1 * anonymisedShare;
        double churn = Math.min(1, Math.max(0, keysStartedLately - 1) / 3);
        factor += (MAX - factor) * churn;
        return Math.max(MIN, Math.min(MAX, factor));
    }

    /**
     * Whether {@code org} is a new self-serve account at {@code nowSecond}: of a tier anyone can sign up for, created
     * less than {@link #NEW_ACCOUNT} before. Unknown sign-up facts are not enough to say so.
     */
    static boolean newSelfServe(OrgProfile org, long nowSecond) {
        return org != null && org.createdAt().isPresent() && org.tier().isPresent()
                && tierFactor(org.tier().get()) >= SELF_SERVE
                && nowSecond - org.createdAt().get().getEpochSecond() < NEW_ACCOUNT.toSeconds();
    }
}
