package dev.moat.detect;

/**
 * Whether an organisation sends the same prompt again and again under a logit bias, deterministically: a search over
 * bias values, the other way to read the output layer.
 *
 * <p>Why: with log-probabilities, one biased request reads a token's logit; without them, the caller learns only which
 * token won, so it raises the bias on a token step by step, on the same prompt at temperature 0, until the token wins
 * — the bias at which it does measures the logit. Ordinary uses of {@code logit_bias} keep one bias map over prompts
 * that change (a ban list, labels a classifier may answer with); sampling with a bias again and again for variety does
 * so at a temperature that makes the winner random. So a deterministic request under a bias whose prompt this
 * organisation sent under a bias shortly before is a probe, like {@code logit_bias} with {@code logprobs}.
 *
 * <p>Bounded: the last {@link #RECENT} such prompts, by content hash.
 */
final class BiasSweep {

    /** A temperature at or below this makes the answer the most probable token's: what a search reads. */
    static final double DETERMINISTIC = 0.2;
    /** Prompts remembered; a search keeps a handful in flight on each key. */
    static final int RECENT = 64;

    private final RecentHashes recent = new RecentHashes(RECENT);

    /** Whether {@code t} is a deterministic biased request repeating a recent one's prompt; remembers its prompt. */
    boolean repeats(EventTraits t) {
        if (recent.contains(t.contentHash)) {
            return true;
        }
        recent.add(t.contentHash);
        return false;
    }

    /** Whether {@code t} is a request a bias search is made of: biased, deterministic, its prompt known. */
    static boolean candidate(EventTraits t) {
        return t.deterministicBias && t.contentHash != 0 && !t.logitProbe;
    }
}
