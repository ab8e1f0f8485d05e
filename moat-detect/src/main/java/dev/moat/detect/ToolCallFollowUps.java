package dev.moat.detect;

/**
 * Whether a sender carries its function-calling conversations on. An agent that runs the tools it declares sends
 * their results back, so its opening requests (tools declared, one turn) are followed by requests that continue
 * the conversation. A sender whose function-calling requests are all openings uses the tools as decoration: each
 * request is a single shot whose answer — a plan of calls, a reply — is the product, which is what harvesting
 * tool-use traces to train an agent looks like. Until enough openings have been seen the sender has the benefit
 * of the doubt.
 *
 * <p>Bounded: the two counts are halved together when they grow large, which also lets a sender's recent
 * behaviour outweigh its distant past.
 */
final class ToolCallFollowUps {

    /** Openings seen before a sender that never continues is judged on it. */
    static final int MIN_OPENINGS = 20;
    /**
     * Continuations per opening below which the tools count as never executed: an agent that calls a tool sends
     * at least one more request for it, and one task in five calling a tool is already a rare agent.
     */
    static final double MIN_FOLLOW_UPS_PER_OPENING = 0.2;
    private static final int HALVE_AT = 1 << 12;

    private int openings;
    private int followUps;

    /** Counts a request with tools declared: an opening when it has one turn, a continuation otherwise. */
    void observe(EventTraits t) {
        if (t.toolOpening) {
            openings++;
        } else if (t.toolFollowUp) {
            followUps++;
        }
        if (openings >= HALVE_AT || followUps >= HALVE_AT) {
            openings >>= 1;
            followUps >>= 1;
        }
    }

    /** Whether this sender's function-calling openings are, by now, known to be never carried on. */
    boolean neverContinued() {
        return openings >= MIN_OPENINGS && followUps < MIN_FOLLOW_UPS_PER_OPENING * openings;
    }
}
