package dev.moat.server.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.detect.RequestSummary;
import dev.moat.detect.UsageEvent;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The reference the streaming request reader is held to: how the gateway read a request until session 10 — the whole
 * body into a Jackson tree (the parse stage of {@code 2e8e0d6}), then each dialect's facts from the tree (its
 * {@code parse(ObjectNode)} of that commit, unchanged). What a body yields here, facts or a 400, the streaming
 * reader must yield too.
 */
final class TreeRequestReading {

    private TreeRequestReading() {
    }

    /** The facts of {@code body} for {@code dialect}, or the 400 the gateway answered it with. */
    static Outcome read(ApiDialect dialect, Buffer rawBody) {
        JsonNode tree;
        try {
            tree = ApiDialect.readTree(rawBody);
        } catch (JsonProcessingException e) {
            return Outcome.of(GatewayError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            return Outcome.of(GatewayError.badRequest("The request body could not be read: " + e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            return Outcome.of(GatewayError.badRequest("The request body must be a JSON object."));
        }
        try {
            return Outcome.of(dialect instanceof OpenAiDialect ? openAi((ObjectNode) tree) : anthropic((ObjectNode) tree));
        } catch (GatewayException e) {
            return Outcome.of(e.error());
        }
    }

    /** What reading a body gave: its facts, or the error it was refused with. */
    record Outcome(Optional<RequestFacts> facts, Optional<GatewayError> error) {

        static Outcome of(RequestFacts facts) {
            return new Outcome(Optional.of(facts), Optional.empty());
        }

        static Outcome of(GatewayError error) {
            return new Outcome(Optional.empty(), Optional.of(error));
        }
    }

    private static RequestFacts openAi(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.textValue().isEmpty()) {
            throw new GatewayException(GatewayError.badRequest("model: missing (expected the name of a model, e.g. \"model\": \"model-a\")"));
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new GatewayException(GatewayError.badRequest("messages: missing or empty (expected a list of {\"role\",\"content\"} objects)"));
        }
        String system = null;
        List<UsageEvent.Message> recorded = new ArrayList<>(messages.size());
        long chars = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual()) {
                throw new GatewayException(GatewayError.badRequest("messages[" + i + "].role: missing (expected system, developer, user, assistant or tool)"));
            }
            String text = MessageText.of(message.get("content"), "messages[" + i + "].content");
            chars += text.length();
            if ((role.textValue().equals("system") || role.textValue().equals("developer")) && system == null) {
                system = text;
            } else {
                recorded.add(new UsageEvent.Message(role.textValue(), text));
            }
        }
        int maxTokens = integer(body, "max_completion_tokens");
        if (maxTokens == 0) {
            maxTokens = integer(body, "max_tokens");
        }
        boolean stream = bool(body, "stream");
        int n = Math.max(1, integer(body, "n"));
        JsonNode temperature = body.get("temperature");
        JsonNode logitBias = body.get("logit_bias");
        JsonNode tools = body.get("tools");
        long toolChars = tools == null ? 0 : tools.toString().length();
        boolean thinking = body.hasNonNull("reasoning_effort") || body.hasNonNull("reasoning");
        // the system (or developer) message is the summary's system prompt, not a turn: a question under a system
        // prompt is one turn, as on the Anthropic API, whose system prompt is a field of its own
        RequestSummary summary = new RequestSummary(
                Optional.ofNullable(system), recorded, recorded.size(), maxTokens,
                temperature != null && temperature.isNumber() ? OptionalDouble.of(temperature.doubleValue()) : OptionalDouble.empty(),
                n, stream, bool(body, "logprobs"), integer(body, "top_logprobs"),
                logitBias != null && logitBias.isObject() ? logitBias.size() : 0,
                tools != null && tools.isArray() ? tools.size() : 0, thinking);
        long estimate = (chars + toolChars) / 3 + 8L * messages.size() + 8;
        return new RequestFacts(model.textValue(), stream, maxTokens, estimate, summary);
    }

    private static int integer(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw new GatewayException(GatewayError.badRequest(field + ": " + value + " is not a non-negative integer"));
        }
        return value.intValue();
    }

    private static boolean bool(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new GatewayException(GatewayError.badRequest(field + ": " + value + " is not true or false"));
        }
        return value.booleanValue();
    }

    private static RequestFacts anthropic(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.textValue().isEmpty()) {
            throw new GatewayException(GatewayError.badRequest("model: missing (expected the name of a model, e.g. \"model\": \"model-a\")"));
        }
        JsonNode maxTokens = body.get("max_tokens");
        if (maxTokens == null || !maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt() || maxTokens.intValue() < 1) {
            throw new GatewayException(GatewayError.badRequest("max_tokens: " + (maxTokens == null ? "missing" : maxTokens + " is not valid")
                    + " (required; expected an integer >= 1)"));
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new GatewayException(GatewayError.badRequest("messages: missing or empty (expected a list of {\"role\",\"content\"} objects)"));
        }
        String system = body.has("system") ? MessageText.of(body.get("system"), "system") : null;
        long chars = system == null ? 0 : system.length();
        List<UsageEvent.Message> recorded = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual()) {
                throw new GatewayException(GatewayError.badRequest("messages[" + i + "].role: missing (expected user or assistant)"));
            }
            String text = MessageText.of(message.get("content"), "messages[" + i + "].content");
            chars += text.length();
            recorded.add(new UsageEvent.Message(role.textValue(), text));
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw new GatewayException(GatewayError.badRequest("stream: " + stream + " is not true or false"));
        }
        boolean streaming = stream != null && stream.asBoolean(false);
        JsonNode temperature = body.get("temperature");
        JsonNode tools = body.get("tools");
        long toolChars = tools == null ? 0 : tools.toString().length();
        boolean thinking = "enabled".equals(body.path("thinking").path("type").asText(""));
        RequestSummary summary = new RequestSummary(
                Optional.ofNullable(system), recorded, messages.size(), maxTokens.intValue(),
                temperature != null && temperature.isNumber() ? OptionalDouble.of(temperature.doubleValue()) : OptionalDouble.empty(),
                1, streaming, false, 0, 0, tools != null && tools.isArray() ? tools.size() : 0, thinking);
        long estimate = (chars + toolChars) / 3 + 8L * messages.size() + 8;
        return new RequestFacts(model.textValue(), streaming, maxTokens.intValue(), estimate, summary);
    }
}
