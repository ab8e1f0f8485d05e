package dev.moat.detect;

import java.util.Optional;

/**
 * What one simulated client sends and the model answers, before the gateway's side (address,
 * limits, status, latency) is added.
 *
 * @param request          the request as the gateway records it
 * @param responseText     the answer text, when the scenario has a plausible one
 * @param completionTokens tokens the model generated (visible part); for a stream the client closed, the tokens
 *                         delivered before it did
 * @param reasoningTokens  tokens of hidden reasoning, when thinking was requested
 * @param continues        whether the conversation or task goes on with a follow-up soon
 * @param clientClosed     whether the client closed the connection while the answer was still streaming: the
 *                         gateway then records status 499, the tokens delivered and no answer text
 */
record TrafficExchange(RequestSummary request, Optional<String> responseText, long completionTokens,
                       long reasoningTokens, boolean continues, boolean clientClosed) {

    /** An exchange whose answer reached the client whole (or as far as the budget let it). */
    TrafficExchange(RequestSummary request, Optional<String> responseText, long completionTokens, long reasoningTokens,
                    boolean continues) {
        this(request, responseText, completionTokens, reasoningTokens, continues, false);
    }
}
