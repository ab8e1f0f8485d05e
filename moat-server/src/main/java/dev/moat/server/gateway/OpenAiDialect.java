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

/** The OpenAI Chat Completions format. */
public final class OpenAiDialect implements ApiDialect {

    public static final OpenAiDialect INSTANCE = new OpenAiDialect();

    private OpenAiDialect() {
    }

    @Override
    public MoatConfig.Api api() {
        return MoatConfig.Api.OPENAI;
    }

    @Override
    public String path() {
        return "/v1/chat/completions";
    }

    /** The top-level members {@link #parse} reads besides {@code messages}. */
    private static final Set<String> MEMBERS = Set.of("model", "max_completion_tokens", "max_tokens", "stream", "n",
            "temperature", "logprobs", "top_logprobs", "logit_bias", "tools", "reasoning_effort", "reasoning");

    @Override
    public RequestFacts parse(Buffer rawBody) {
        StreamedRequest request = StreamedRequest.read(rawBody, MEMBERS);
        ObjectNode body = request.members();
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.textValue().isEmpty()) {
            throw new GatewayException(GatewayError.badRequest("model: missing (expected the name of a model, e.g. \"model\": \"model-a\")"));
        }
        List<StreamedRequest.Message> messages = request.messages().orElse(List.of());
        if (messages.isEmpty()) {
            throw new GatewayException(GatewayError.badRequest("messages: missing or empty (expected a list of {\"role\",\"content\"} objects)"));
        }
        String system = null;
        List<UsageEvent.Message> recorded = new ArrayList<>(messages.size());
        long chars = 0;
        for (int i = 0; i < messages.size(); i++) {
            StreamedRequest.Message message = messages.get(i);
            String role = message.role();
            if (role == null) {
                throw new GatewayException(GatewayError.badRequest("messages[" + i + "].role: missing (expected system, developer, user, assistant or tool)"));
            }
            String text = MessageText.orRefusal(message.text(), "messages[" + i + "].content");
            chars += text.length();
            if ((role.equals("system") || role.equals("developer")) && system == null) {
                system = text;
            } else {
                recorded.add(new UsageEvent.Message(role, text));
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

    @Override
    public boolean prepareUpstreamBody(Call call) {
        if (!call.facts.stream()) {
            return false;
        }
        ObjectNode body = call.body();
        JsonNode options = body.get("stream_options");
        if (options != null && options.isObject() && options.path("include_usage").asBoolean(false)) {
            return false;
        }
        ObjectNode streamOptions = options != null && options.isObject() ? (ObjectNode) options : body.putObject("stream_options");
        streamOptions.put("include_usage", true);
        return true;
    }

    @Override
    public void upstreamHeaders(MultiMap clientHeaders, MultiMap upstreamHeaders, String upstreamKey) {
        if (!upstreamKey.isEmpty()) {
            upstreamHeaders.set("authorization", "Bearer " + upstreamKey);
        }
    }

    @Override
    public void readResponse(Buffer body, ResponseTally tally) throws IOException {
        AnswerFacts.read(body, (name, parser, answer) -> {
            switch (name) {
                case "usage" -> readUsage(parser, answer);
                case "choices" -> readChoices(parser, answer);
                default -> parser.skipChildren();
            }
        }).applyTo(tally);
    }

    /** {@code usage}: prompt, completion and reasoning tokens. */
    private static void readUsage(JsonParser parser, AnswerFacts answer) throws IOException {
        if (!ApiDialect.isObject(parser)) {
            return;
        }
        answer.usageSeen();
        while (ApiDialect.nextField(parser)) {
            switch (parser.currentName()) {
                case "prompt_tokens" -> answer.promptTokens = ApiDialect.longOrZero(parser);
                case "completion_tokens" -> answer.completionTokens = ApiDialect.longOrZero(parser);
                case "completion_tokens_details" -> {
                    if (ApiDialect.isObject(parser)) {
                        while (ApiDialect.nextField(parser)) {
                            if (parser.currentName().equals("reasoning_tokens")) {
                                answer.reasoningTokens = ApiDialect.longOrZero(parser);
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    /** {@code choices[].message.content} and {@code choices[].finish_reason}. */
    private static void readChoices(JsonParser parser, AnswerFacts answer) throws IOException {
        if (!ApiDialect.isArray(parser)) {
            return;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (!ApiDialect.isObject(parser)) {
                continue;
            }
            while (ApiDialect.nextField(parser)) {
                switch (parser.currentName()) {
                    case "message" -> readMessage(parser, answer);
                    case "finish_reason" -> answer.finishReason(ApiDialect.textOrNull(parser));
                    default -> parser.skipChildren();
                }
            }
        }
    }

    private static void readMessage(JsonParser parser, AnswerFacts answer) throws IOException {
        if (!ApiDialect.isObject(parser)) {
            return;
        }
        while (ApiDialect.nextField(parser)) {
            String content = parser.currentName().equals("content") ? ApiDialect.textOrNull(parser) : null;
            if (content != null) {
                answer.text.append(content);
            } else {
                parser.skipChildren();
            }
        }
    }

    @Override
    public boolean readStreamEvent(SseEvent event, ResponseTally tally, boolean hideUsageChunk) {
        String data = event.data();
        if (data.isEmpty() || data.equals("[DONE]")) {
            return true;
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(data);
        } catch (IOException e) {
            return true;
        }
        JsonNode usage = chunk.get("usage");
        readUsage(usage, tally);
        JsonNode choices = chunk.get("choices");
        if (choices != null && choices.isArray()) {
            for (JsonNode choice : choices) {
                JsonNode content = choice.path("delta").get("content");
                if (content != null && content.isTextual()) {
                    tally.appendText(content.textValue());
                }
                tally.finishReason(choice.path("finish_reason").asText(null));
            }
        }
        boolean usageOnly = usage != null && !usage.isNull() && choices != null && choices.isEmpty();
        return !(hideUsageChunk && usageOnly);
    }

    private static void readUsage(JsonNode usage, ResponseTally tally) {
        if (usage == null || !usage.isObject()) {
            return;
        }
        tally.reportUsage(
                ApiDialect.longOrZero(usage.get("prompt_tokens")),
                ApiDialect.longOrZero(usage.get("completion_tokens")),
                ApiDialect.longOrZero(usage.path("completion_tokens_details").get("reasoning_tokens")));
    }

    @Override
    public Buffer errorBody(GatewayError error) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode inner = root.putObject("error");
        inner.put("type", error.type());
        inner.put("code", error.code());
        inner.put("message", error.message());
        inner.putNull("param");
        return Buffer.buffer(root.toString());
    }

    @Override
    public Buffer streamErrorEvent(GatewayError error) {
        return Buffer.buffer("data: ").appendBuffer(errorBody(error)).appendString("\n\n");
    }
}
