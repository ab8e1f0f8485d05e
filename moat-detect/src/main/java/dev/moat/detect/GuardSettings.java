package dev.moat.detect;

/**
 * Request-level guard configuration for one tier.
 *
 * @param maxLogitBiasEntries    a logit_bias map larger than this is an extraction pattern
 * @param logitBiasWithLogprobs  whether logit_bias may be combined with logprobs / top_logprobs
 * @param maxTopLogprobs         top_logprobs above this is an extraction pattern
 * @param probeMaxTokens         a completion budget at or below this, combined with logit_bias or
 *                               top_logprobs, is an output-layer probe
 * @param maxChoices             n above this is far outside normal use
 * @param extraction             what to do with an extraction pattern: refuse the request or strip the fields
 * @param refuseCoercionAt       refuse requests whose reasoning-coercion or prompt-extraction score reaches this
 *                               (above 1 means never refuse: the score is only reported)
 * @param reasoningEntitled      whether the tier may receive reasoning (thinking blocks, reasoning fields)
 */
public record GuardSettings(
        int maxLogitBiasEntries,
        boolean logitBiasWithLogprobs,
        int maxTopLogprobs,
        int probeMaxTokens,
        int maxChoices,
        ExtractionResponse extraction,
        double refuseCoercionAt,
        boolean reasoningEntitled) {

    /** What the guard does with a request that matches an extraction pattern. */
    public enum ExtractionResponse { REFUSE, STRIP }

    public GuardSettings {
        if (maxLogitBiasEntries < 0) {
            throw new IllegalArgumentException("maxLogitBiasEntries: " + maxLogitBiasEntries + " (expected: >= 0)");
        }
        if (maxTopLogprobs < 0) {
            throw new IllegalArgumentException("maxTopLogprobs: " + maxTopLogprobs + " (expected: >= 0)");
        }
        if (probeMaxTokens < 0) {
            throw new IllegalArgumentException("probeMaxTokens: " + probeMaxTokens + " (expected: >= 0)");
        }
        if (maxChoices < 1) {
            throw new IllegalArgumentException("maxChoices: " + maxChoices + " (expected: >= 1)");
        }
        if (extraction == null) {
            throw new IllegalArgumentException("extraction: null (expected: REFUSE or STRIP)");
        }
        if (!(refuseCoercionAt > 0)) {
            throw new IllegalArgumentException("refuseCoercionAt: " + refuseCoercionAt
                    + " (expected: > 0; above 1 never refuses)");
        }
    }

    /** Self-serve and unknown tiers: extraction refused, no reasoning returned, coercion only scored. */
    public static GuardSettings selfServe() {
        return new GuardSettings(20, false, 5, 2, 8, ExtractionResponse.REFUSE, 2.0, false);
    }

    /** Vetted customers: extraction fields stripped rather than refused, reasoning returned. */
    public static GuardSettings vetted() {
        return new GuardSettings(100, true, 20, 1, 16, ExtractionResponse.STRIP, 2.0, true);
    }

    /** The settings the tier name stands for (vetted tiers get {@link #vetted()}, all others {@link #selfServe()}). */
    public static GuardSettings forTier(String tier) {
        return TrustModel.tierFactor(tier == null ? "" : tier) < TrustModel.UNKNOWN - 0.05 ? vetted() : selfServe();
    }
}
