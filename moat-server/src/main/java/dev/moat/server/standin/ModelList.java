package dev.moat.server.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code GET /v1/models}: OpenAI's list shape, or Anthropic's when the request carries an
 * {@code anthropic-version} header (as Anthropic's clients always do); the key is checked in that API's header.
 */
final class ModelList implements Handler<RoutingContext> {

    /** A fixed creation time, so the listing is the same on every run: 2026-01-01T00:00:00Z. */
    private static final long CREATED_EPOCH_SECONDS = 1_767_225_600L;
    private static final String CREATED_AT = "2026-01-01T00:00:00Z";

    private final List<String> models;
    private final ApiKeyCheck keyCheck;

    ModelList(List<String> models, ApiKeyCheck keyCheck) {
        this.models = List.copyOf(models);
        this.keyCheck = keyCheck;
    }

    @Override
    public void handle(RoutingContext context) {
        boolean anthropic = context.request().getHeader("anthropic-version") != null;
        String requestIdHeader = anthropic ? WireResponses.ANTHROPIC_REQUEST_ID : WireResponses.OPENAI_REQUEST_ID;
        try {
            if (anthropic) {
                keyCheck.requireXApiKey(context.request());
                WireResponses.sendJson(context.response(), 200, requestIdHeader, anthropicList());
            } else {
                keyCheck.requireBearer(context.request());
                WireResponses.sendJson(context.response(), 200, requestIdHeader, openAiList());
            }
        } catch (RejectedRequest rejected) {
            WireResponses.sendJson(context.response(), rejected.status(), requestIdHeader,
                    anthropic ? WireResponses.anthropicError(rejected) : WireResponses.openAiError(rejected));
        }
    }

    private ObjectNode openAiList() {
        ObjectNode body = RequestBody.JSON.createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        for (String model : models) {
            data.addObject()
                    .put("id", model)
                    .put("object", "model")
                    .put("created", CREATED_EPOCH_SECONDS)
                    .put("owned_by", "moat-standin");
        }
        return body;
    }

    private ObjectNode anthropicList() {
        ObjectNode body = RequestBody.JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (String model : models) {
            data.addObject()
                    .put("type", "model")
                    .put("id", model)
                    .put("display_name", model + " (Moat stand-in)")
                    .put("created_at", CREATED_AT);
        }
        body.put("has_more", false);
        body.put("first_id", models.getFirst());
        body.put("last_id", models.getLast());
        return body;
    }
}
