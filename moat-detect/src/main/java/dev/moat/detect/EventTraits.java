package dev.moat.detect;

/**
 * What one usage event says about its sender, reduced to a few bits and hashes before any state is
 * touched, so each event's text is read exactly once. Mutable and reused by {@link EventTraitsReader}:
 * valid until the next event is read.
 */
final class EventTraits {

    /** The request asked for step-by-step reasoning or the model's chain of thought. */
    boolean elicit;
    /** The request asked the model to act as a grader, judge or reward model. */
    boolean grader;
    /** The request tried to make the model reveal its system prompt or instructions. */
    boolean systemExtract;
    /**
     * Single-turn, without tools (or with tools its sender never carries on, see {@link ToolCallFollowUps}): the
     * shape of a harvesting request rather than a conversation or agent step.
     */
    boolean singleShot;
    /** Tools declared on a single-turn request: the opening of a function-calling conversation. */
    boolean toolOpening;
    /** Tools declared on a request of several turns: a function-calling conversation carried on. */
    boolean toolFollowUp;
    /** max_tokens at a harvesting level, so a full reasoning trace fits. */
    boolean maxTokensHigh;
    boolean thinking;
    /**
     * The completion (with reasoning) was long, and not much shorter than its prompt: new content, the output a
     * harvester is after (an answer grounded in a long prompt — retrieved pages, a document — does not count).
     */
    boolean longCompletion;
    /**
     * logit_bias together with logprobs: a probe of the output layer (the combination the request guard names), on a
     * one-token completion or a longer one, each of whose positions is another reading.
     */
    boolean logitProbe;
    /** The completion (with reasoning) was long, whatever the prompt's length. */
    boolean answeredLong;
    /** The completion was not much shorter than its prompt: content generated, not read back from the prompt. */
    boolean generatedContent;
    /**
     * A request of several turns whose messages were kept: whether its history passed through the gateway can be
     * judged ({@link ConversationThreads}).
     */
    boolean historyJudged;
    /**
     * Hash of the message just before the request's last answer (an assistant message with more after it): what
     * ended the previous request of a conversation held here. 0 when the request carries no earlier answer at all.
     */
    long historyHash;
    /** Hash of the request's last message, which the conversation's next request will carry; 0 without content. */
    long endingHash;
    /** Hash of the start of a trailing assistant message — a prefill the model is to continue; 0 without one. */
    long prefillHash;
    /** Hash of the start of the answer received, which a later prefill may continue; 0 without one. */
    long answerHash;
    /** logit_bias at a temperature low enough that the most probable token wins ({@link BiasSweep}). */
    boolean deterministicBias;
    /** A few tokens sampled at temperature, without bias or logprobs ({@link SamplingCensus}). */
    boolean shortSample;
    /** Many choices per request (n far above normal). */
    boolean manyChoices;
    /**
     * The top alternatives' log-probabilities for every token of a substantial answer: soft labels, the dense
     * supervision that distils a model's whole output distribution rather than its text alone.
     */
    boolean softLabels;
    /** The response carried reasoning markup the client was not given through the thinking channel. */
    boolean leakedReasoning;
    /** The response repeated the start of the system prompt. */
    boolean leakedSystem;
    /** The answer opened with a refusal ({@link Refusals}). */
    boolean refused;
    /** Sent from a hosting, VPN or Tor network. */
    boolean anonymisedNetwork;
    boolean hasContent;
    /** The prompt was looked up in the registered benchmarks (a single request that could count as harvesting). */
    boolean benchmarkChecked;
    /** The prompt carries an item of a registered public benchmark ({@link BenchmarkItems}). */
    boolean benchmarkItem;

    int topic;
    /** Hash of the prompt's whole content (system + last user message), for repetition and distinct counts. */
    long contentHash;
    /** Template identifiers: skeleton hashes of the prompt's first and last words (0 without content). */
    long templatePrefix;
    long templateSuffix;
    /** SimHash of the prompt's skeleton frame, for near-duplicate templates (0 without enough words). */
    long sketch;
    /** Hash of the normalised system prompt, 0 when absent or too generic to link on. */
    long systemHash;
    /** Hash of the client's network prefix (/24 for IPv4, /48 for IPv6) and of the address. */
    long prefixHash;
    long ipHash;
    long userAgentHash;
    /** Seconds since the epoch of the event. */
    long epochSecond;
    int hourOfDay;

    boolean suspiciousIntent() {
        return elicit || grader || systemExtract;
    }

    /** Single-shot, with the budget or thinking of a harvester, and a long completion received. */
    boolean harvestShaped() {
        return singleShot && longCompletion && (maxTokensHigh || thinking);
    }

    boolean harvestParameters() {
        return maxTokensHigh || thinking || longCompletion;
    }
}
