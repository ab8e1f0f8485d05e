package dev.moat.server.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;

/** The response envelopes both APIs share: JSON bodies, SSE headers, and each API's error shape. */
final class WireResponses {

    /** OpenAI names its request id header {@code x-request-id}. */
    static final String OPENAI_REQUEST_ID = "x-request-id";
    /** Anthropic names its request id header {@code request-id}. */
    static final String ANTHROPIC_REQUEST_ID = "request-id";

    private WireResponses() {
    }

    static void sendJson(HttpServerResponse response, int status, String requestIdHeader, JsonNode body) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader(requestIdHeader, Identifiers.request())
                .end(encode(body));
    }

    static void startEventStream(HttpServerResponse response, String requestIdHeader) {
        response.setStatusCode(200)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader(requestIdHeader, Identifiers.request());
    }

    /** {@code {"error":{"message":…,"type":…,"param":…,"code":…}}} */
    static ObjectNode openAiError(RejectedRequest rejected) {
        ObjectNode body = RequestBody.JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", rejected.getMessage());
        error.put("type", rejected.openAiType());
        error.put("param", rejected.param().orElse(null));
        error.put("code", rejected.openAiCode().orElse(null));
        return body;
    }

    /** {@code {"type":"error","error":{"type":…,"message":…}}} */
    static ObjectNode anthropicError(RejectedRequest rejected) {
        ObjectNode body = RequestBody.JSON.createObjectNode();
        body.put("type", "error");
        ObjectNode error = body.putObject("error");
        error.put("type", rejected.anthropicType());
        error.put("message", rejected.getMessage());
        return body;
    }

    static String encode(JsonNode node) {
        try {
            return RequestBody.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain JSON nodes always serialises", e);
        }
    }
}
