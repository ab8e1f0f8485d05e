package dev.moat.server.gateway;

import dev.moat.detect.Decision;
import dev.moat.detect.RequestSummary;
import dev.moat.detect.ResponseSummary;
import dev.moat.detect.UsageEvent;
import java.util.Optional;

/** Builds the one usage event that every call produces, whatever its outcome. */
final class UsageEvents {

    private UsageEvents() {
    }

    /** The event of request {@code req_X} is {@code evt_X}, so either id finds the other. */
    static String eventId(String requestId) {
        return "evt_" + requestId.substring(requestId.indexOf('_') + 1);
    }

    static UsageEvent of(Call call, int status, ResponseTally tally, Decision decision, String country, String network) {
        RequestSummary request = call.facts == null ? RequestSummary.empty() : call.facts.summary();
        ResponseTally t = tally == null ? new ResponseTally() : tally;
        // a stream the client closed delivered part of an answer: what reached the client is kept like a whole answer
        boolean delivered = status < 300 || status == ResponseSummary.CLIENT_CLOSED;
        ResponseSummary response = new ResponseSummary(status, delivered ? t.text() : Optional.empty(),
                t.promptTokens(), t.completionTokens(), t.reasoningTokens(), t.finishReason());
        long latencyMs = (System.nanoTime() - call.startNanos) / 1_000_000;
        return new UsageEvent(
                eventId(call.requestId),
                call.startedAt,
                call.org == null ? "" : call.org.id(),
                call.key == null ? "" : call.key.accountId(),
                call.key == null ? "" : call.key.id(),
                call.clientIp,
                country,
                network,
                call.userAgent(),
                call.dialect.api().wireName(),
                call.facts == null ? "" : call.facts.model(),
                request,
                response,
                decision,
                latencyMs);
    }
}
