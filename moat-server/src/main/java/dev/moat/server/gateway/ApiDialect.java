package dev.moat.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.server.config.MoatConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * Everything that differs between the OpenAI and the Anthropic wire formats: how a request is
 * read, what goes upstream, how usage is found in responses and streams, and how errors look.
 */
public sealed interface ApiDialect permits OpenAiDialect, AnthropicDialect {

    ObjectMapper JSON = new ObjectMapper();

    MoatConfig.Api api();

    /** The client-facing path, e.g. {@code /v1/chat/completions}. */
    String path();

    /** Reads the request; throws {@link GatewayException} with a 400 naming the problem. */
    RequestFacts parse(ObjectNode body);

    /**
     * Adjusts the body before it goes upstream. Returns true when Moat added a request for stream
     * usage that the client did not make, so the extra usage chunk must be kept from the client.
     */
    boolean prepareUpstreamBody(ObjectNode body, RequestFacts facts);

    /** Sets the upstream's credential and copies the client headers the upstream should see. */
    void upstreamHeaders(MultiMap clientHeaders, MultiMap upstreamHeaders, String upstreamKey);

    /** Reads usage and text from a complete (non-streamed) JSON response. */
    void readResponse(JsonNode body, ResponseTally tally);

    /**
     * Reads one streamed event into the tally; returns false when the event must not be
     * forwarded to the client.
     */
    boolean readStreamEvent(SseEvent event, ResponseTally tally, boolean hideUsageChunk);

    /** The error body for {@code error}, in this API's shape. */
    Buffer errorBody(GatewayError error);

    /** An error event that ends a stream, in this API's SSE format. */
    Buffer streamErrorEvent(GatewayError error);

    static int intOrZero(JsonNode node) {
        return node != null && node.canConvertToInt() ? node.intValue() : 0;
    }

    static long longOrZero(JsonNode node) {
        return node != null && node.canConvertToLong() ? node.longValue() : 0;
    }
}
