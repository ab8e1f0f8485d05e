package dev.moat.server.gateway;

import dev.moat.detect.RequestSummary;

/**
 * What the gateway needs to know about a client request before forwarding it.
 *
 * @param model                 the requested model
 * @param stream                whether the client asked for server-sent events
 * @param maxTokens             the completion budget the client set, 0 if none
 * @param estimatedPromptTokens a deliberately generous estimate of the prompt's tokens, for the reservation
 * @param summary               the request as recorded in the usage event
 */
public record RequestFacts(String model, boolean stream, int maxTokens, long estimatedPromptTokens,
                           RequestSummary summary) {
}
