package dev.moat.detect;

/**
 * Whether an organisation samples a few tokens of the same prompts again and again, prompt after prompt: a census of the
 * model's next-token distribution over a set of prompts, the third way to read the output layer.
 *
 * <p>Why: without log-probabilities or a bias, the caller can still count. Sampled at temperature, a short continuation
 * of one prompt comes back as each possible next token in proportion to its probability; twenty samples of each of
 * thousands of prompts (an item and the start of its solution) estimate the distributions a student model is trained
 * on. A name or slogan generator samples one prompt, or a few, again and again — the same few, for as long as it runs;
 * a census moves on to new prompts once it has its samples. So what is counted is how many <em>different</em> prompts
 * were sampled more than once: past {@link #PROMPTS} of them, each further short sample of a repeated prompt is a probe.
 *
 * <p>Bounded: the last {@link #RECENT} sampled prompts and the last {@link #RECENT} prompts counted, by content hash.
 */
final class SamplingCensus {

    /** A budget at or below this reads a few next tokens, not an answer. */
    static final int SHORT_BUDGET = 16;
    /** A temperature at or above this (or none: the APIs default to 1) samples the distribution rather than its top. */
    static final double SAMPLING = 0.7;
    /** Different prompts sampled more than once before repeated short samples count as a census. */
    static final int PROMPTS = 12;
    /** Prompts remembered; a census keeps a handful in flight on each key. */
    static final int RECENT = 64;

    private final RecentHashes sampled = new RecentHashes(RECENT);
    private final RecentHashes counted = new RecentHashes(RECENT);
    private int resampledPrompts;

    /** Whether {@code t}, a short sample, repeats a recent prompt of a census over many prompts; remembers it. */
    boolean probes(EventTraits t) {
        long prompt = t.contentHash;
        if (!sampled.contains(prompt)) {
            sampled.add(prompt);
            return false;
        }
        if (!counted.contains(prompt)) {
            counted.add(prompt);
            resampledPrompts++;
        }
        return resampledPrompts >= PROMPTS;
    }

    /** Whether {@code t} is a request a census is made of: a few tokens sampled at temperature, its prompt known. */
    static boolean candidate(EventTraits t) {
        return t.shortSample && t.contentHash != 0 && !t.logitProbe;
    }
}
