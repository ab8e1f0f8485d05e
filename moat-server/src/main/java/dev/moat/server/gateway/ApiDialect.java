package dev.moat.server.gateway;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.server.config.MoatConfig;
import io.netty.buffer.ByteBuf;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;

/**
 * Everything that differs between the OpenAI and the Anthropic wire formats: how a request is
 * read, what goes upstream, how usage is found in responses and streams, and how errors look.
 */
public sealed interface ApiDialect permits OpenAiDialect, AnthropicDialect {

    ObjectMapper JSON = new ObjectMapper();

    MoatConfig.Api api();

    /** The client-facing path, e.g. {@code /v1/chat/completions}. */
    String path();

    /**
     * Reads the request's facts from its body in one streaming pass ({@link StreamedRequest}); throws
     * {@link GatewayException} with a 400 naming the problem (not JSON, not an object, a member missing or wrong).
     */
    RequestFacts parse(Buffer body);

    /**
     * Adjusts the body before it goes upstream (building the call's tree only when it must change). Returns true
     * when Moat added a request for stream usage that the client did not make, so the extra usage chunk must be kept
     * from the client.
     */
    boolean prepareUpstreamBody(Call call);

    /** Sets the upstream's credential and copies the client headers the upstream should see. */
    void upstreamHeaders(MultiMap clientHeaders, MultiMap upstreamHeaders, String upstreamKey);

    /**
     * Reads usage and text from a complete (non-streamed) JSON response, streaming over the bytes
     * rather than building a tree: only the usage numbers, the text and the finish reason are kept.
     * Nothing reaches the tally unless the whole body parses.
     */
    void readResponse(Buffer body, ResponseTally tally) throws IOException;

    /**
     * Reads one streamed event into the tally; returns false when the event must not be
     * forwarded to the client.
     */
    boolean readStreamEvent(SseEvent event, ResponseTally tally, boolean hideUsageChunk);

    /** The error body for {@code error}, in this API's shape. */
    Buffer errorBody(GatewayError error);

    /** An error event that ends a stream, in this API's SSE format. */
    Buffer streamErrorEvent(GatewayError error);

    /** Parses JSON straight from the buffer's backing array when it has one, without copying it out first. */
    static JsonNode readTree(Buffer buffer) throws IOException {
        try (JsonParser parser = parser(buffer)) {
            return JSON.readTree(parser);
        }
    }

    /** A streaming parser over the buffer's bytes, without copying them when the buffer has a backing array. */
    static JsonParser parser(Buffer buffer) throws IOException {
        ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
        if (bytes.hasArray()) {
            return JSON.getFactory().createParser(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        }
        return JSON.getFactory().createParser(buffer.getBytes());
    }

    /** True when the current value is an object (to be read member by member); otherwise skips it. */
    static boolean isObject(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        parser.skipChildren();
        return false;
    }

    /** True when the current value is an array (to be read element by element); otherwise skips it. */
    static boolean isArray(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            return true;
        }
        parser.skipChildren();
        return false;
    }

    /** Moves {@code parser} to the next member of the object it is in; false at the object's end. */
    static boolean nextField(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.FIELD_NAME) {
            parser.nextToken();
            return true;
        }
        if (token == JsonToken.END_OBJECT) {
            return false;
        }
        throw new JsonParseException(parser, "expected a member name, found " + token);
    }

    /** The current value as a long when it is an integer, else 0 (its children skipped). */
    static long longOrZero(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        parser.skipChildren();
        return 0;
    }

    /** The current value when it is a string, else null (its children skipped). */
    static String textOrNull(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    static long longOrZero(JsonNode node) {
        return node != null && node.canConvertToLong() ? node.longValue() : 0;
    }
}
