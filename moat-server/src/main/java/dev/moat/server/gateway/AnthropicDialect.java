package dev.moat.server.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.detect.RequestSummary;
import dev.moat.detect.UsageEvent;
import dev.moat.server.config.MoatConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** The Anthropic Messages format. */
public final class AnthropicDialect implements ApiDialect {

    public static final AnthropicDialect INSTANCE = new AnthropicDialect();
    static final String DEFAULT_VERSION = "2023-06-01";

    private AnthropicDialect() {
    }

    @Override
    public MoatConfig.Api api() {
        return MoatConfig.Api.ANTHROPIC;
    }

    @Override
    public String path() {
        return "/v1/messages";
    }

    /** The top-level members {@link #parse} reads besides {@code messages}. */
    private static final Set<String> MEMBERS = Set.of("model", "max_tokens", "system", "stream", "temperature", "tools", "thinking");

    @Override
    public RequestFacts parse(Buffer rawBody) {
        StreamedRequest request = StreamedRequest.read(rawBody, MEMBERS);
        ObjectNode body = request.members();
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.textValue().isEmpty()) {
            throw new GatewayException(GatewayError.badRequest("model: missing (expected the name of a model, e.g. \"model\": \"model-a\")"));
        }
        JsonNode maxTokens = body.get("max_tokens");
        if (maxTokens == null || !maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt() || maxTokens.intValue() < 1) {
            throw new GatewayException(GatewayError.badRequest("max_tokens: " + (maxTokens == null ? "missing" : maxTokens + " is not valid")
                    + " (required; expected an integer >= 1)"));
        }
        List<StreamedRequest.Message> messages = request.messages().orElse(List.of());
        if (messages.isEmpty()) {
            throw new GatewayException(GatewayError.badRequest("messages: missing or empty (expected a list of {\"role\",\"content\"} objects)"));
        }
        String system = body.has("system") ? MessageText.of(body.get("system"), "system") : null;
        long chars = system == null ? 0 : system.length();
        List<UsageEvent.Message> recorded = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            StreamedRequest.Message message = messages.get(i);
            if (message.role() == null) {
                throw new GatewayException(GatewayError.badRequest("messages[" + i + "].role: missing (expected user or assistant)"));
            }
            String text = MessageText.orRefusal(message.text(), "messages[" + i + "].content");
            chars += text.length();
            recorded.add(new UsageEvent.Message(message.role(), text));
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

    @Override
    public boolean prepareUpstreamBody(Call call) {
        // Anthropic streams always report usage (message_start and message_delta).
        return false;
    }

    @Override
    public void upstreamHeaders(MultiMap clientHeaders, MultiMap upstreamHeaders, String upstreamKey) {
        if (!upstreamKey.isEmpty()) {
            upstreamHeaders.set("x-api-key", upstreamKey);
        }
        String version = clientHeaders.get("anthropic-version");
        upstreamHeaders.set("anthropic-version", version == null ? DEFAULT_VERSION : version);
        String beta = clientHeaders.get("anthropic-beta");
        if (beta != null) {
            upstreamHeaders.set("anthropic-beta", beta);
        }
    }

    @Override
    public void readResponse(Buffer body, ResponseTally tally) throws IOException {
        AnswerFacts.read(body, (name, parser, answer) -> {
            switch (name) {
                case "usage" -> readUsage(parser, answer);
                case "content" -> readTextBlocks(parser, answer);
                case "stop_reason" -> answer.finishReason(ApiDialect.textOrNull(parser));
                default -> parser.skipChildren();
            }
        }).applyTo(tally);
    }

    /** {@code usage}: input tokens (cache writes and reads included) and output tokens. */
    private static void readUsage(JsonParser parser, AnswerFacts answer) throws IOException {
        if (!ApiDialect.isObject(parser)) {
            return;
        }
        answer.usageSeen();
        while (ApiDialect.nextField(parser)) {
            switch (parser.currentName()) {
                case "input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens" ->
                        answer.promptTokens += ApiDialect.longOrZero(parser);
                case "output_tokens" -> answer.completionTokens = ApiDialect.longOrZero(parser);
                default -> parser.skipChildren();
            }
        }
    }

    /** The text of every {@code content} block of type {@code text}, in order (a block's members may come in any order). */
    private static void readTextBlocks(JsonParser parser, AnswerFacts answer) throws IOException {
        if (!ApiDialect.isArray(parser)) {
            return;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (!ApiDialect.isObject(parser)) {
                continue;
            }
            String type = null;
            String text = null;
            while (ApiDialect.nextField(parser)) {
                switch (parser.currentName()) {
                    case "type" -> type = ApiDialect.textOrNull(parser);
                    case "text" -> text = ApiDialect.textOrNull(parser);
                    default -> parser.skipChildren();
                }
            }
            if ("text".equals(type) && text != null) {
                answer.text.append(text);
            }
        }
    }

    @Override
    public boolean readStreamEvent(SseEvent event, ResponseTally tally, boolean hideUsageChunk) {
        String name = event.name();
        if (!(name.equals("message_start") || name.equals("content_block_delta") || name.equals("message_delta"))) {
            return true;
        }
        JsonNode data;
        try {
            data = JSON.readTree(event.data());
        } catch (IOException e) {
            return true;
        }
        switch (name) {
            case "message_start" -> readUsage(data.path("message").get("usage"), tally);
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                if ("text_delta".equals(delta.path("type").asText())) {
                    tally.appendText(delta.path("text").asText(""));
                }
            }
            default -> {
                readUsage(data.get("usage"), tally);
                tally.finishReason(data.path("delta").path("stop_reason").asText(null));
            }
        }
        return true;
    }

    private static void readUsage(JsonNode usage, ResponseTally tally) {
        if (usage == null || !usage.isObject()) {
            return;
        }
        long input = ApiDialect.longOrZero(usage.get("input_tokens"))
                + ApiDialect.longOrZero(usage.get("cache_creation_input_tokens"))
                + ApiDialect.longOrZero(usage.get("cache_read_input_tokens"));
        tally.reportUsage(input, ApiDialect.longOrZero(usage.get("output_tokens")), 0);
    }

    @Override
    public Buffer errorBody(GatewayError error) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "error");
        ObjectNode inner = root.putObject("error");
        inner.put("type", error.type());
        inner.put("message", error.message());
        inner.put("code", error.code());
        return Buffer.buffer(root.toString());
    }

    @Override
    public Buffer streamErrorEvent(GatewayError error) {
        return Buffer.buffer("event: error\ndata: ").appendBuffer(errorBody(error)).appendString("\n\n");
    }
}
