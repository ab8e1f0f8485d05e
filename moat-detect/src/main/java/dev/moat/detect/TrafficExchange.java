package dev.moat.detect;

import java.util.Optional;

/**
 * What one simulated client sends and the model answers, before the gateway's side (address,
 * limits, status, latency) is added.
 *
 * @param request          the request as the gateway records it
 * @param responseText     the answer text, when the scenario has a plausible one
 * @param completionTokens tokens the model generated (visible part)
 * @param reasoningTokens  tokens of hidden reasoning, when thinking was requested
 * @param continues        whether the conversation or task goes on with a follow-up soon
 */
record TrafficExchange(RequestSummary request, Optional<String> responseText, long completionTokens,
                       long reasoningTokens, boolean continues) {
}
