package dev.moat.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads and writes the usage-event JSON format of ARCHITECTURE.md with Jackson's streaming API, so
 * that exporting and analysing millions of events allocates no intermediate trees. Unknown fields
 * are skipped (newer writers may add fields); a missing {@code id} or {@code ts} or a value of the
 * wrong type is an {@link EventFormatException} that names the field.
 */
public final class UsageEventCodec {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private UsageEventCodec() {
    }

    public static String toJson(UsageEvent event) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            write(event, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(UsageEvent event, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", event.id());
        out.writeStringField("ts", event.ts().toString());
        out.writeStringField("org_id", event.orgId());
        out.writeStringField("account_id", event.accountId());
        out.writeStringField("key_id", event.keyId());
        out.writeStringField("ip", event.ip());
        out.writeStringField("country", event.country());
        out.writeStringField("network", event.network());
        out.writeStringField("user_agent", event.userAgent());
        out.writeStringField("api", event.api());
        out.writeStringField("model", event.model());

        RequestSummary request = event.request();
        out.writeObjectFieldStart("request");
        if (request.system().isPresent()) {
            out.writeStringField("system", request.system().get());
        }
        writeMessages(request.messages(), out);
        out.writeNumberField("turns", request.turns());
        out.writeNumberField("max_tokens", request.maxTokens());
        if (request.temperature().isPresent()) {
            out.writeNumberField("temperature", request.temperature().getAsDouble());
        }
        out.writeNumberField("n", request.n());
        out.writeBooleanField("stream", request.stream());
        out.writeBooleanField("logprobs", request.logprobs());
        out.writeNumberField("top_logprobs", request.topLogprobs());
        out.writeNumberField("logit_bias_size", request.logitBiasSize());
        out.writeNumberField("tools", request.tools());
        out.writeBooleanField("thinking", request.thinking());
        out.writeEndObject();

        ResponseSummary response = event.response();
        out.writeObjectFieldStart("response");
        out.writeNumberField("status", response.status());
        if (response.text().isPresent()) {
            out.writeStringField("text", response.text().get());
        }
        out.writeNumberField("prompt_tokens", response.promptTokens());
        out.writeNumberField("completion_tokens", response.completionTokens());
        out.writeNumberField("reasoning_tokens", response.reasoningTokens());
        if (response.finishReason().isPresent()) {
            out.writeStringField("finish_reason", response.finishReason().get());
        }
        out.writeEndObject();

        Decision decision = event.decision();
        out.writeObjectFieldStart("decision");
        out.writeStringField("action", decision.action());
        out.writeArrayFieldStart("reasons");
        for (String reason : decision.reasons()) {
            out.writeString(reason);
        }
        out.writeEndArray();
        if (decision.code().isPresent()) {
            out.writeStringField("code", decision.code().get());
        }
        out.writeEndObject();

        out.writeNumberField("latency_ms", event.latencyMs());
        out.writeEndObject();
    }

    private static void writeMessages(List<UsageEvent.Message> messages, JsonGenerator out) throws IOException {
        if (messages.isEmpty()) {
            return;
        }
        out.writeArrayFieldStart("messages");
        for (UsageEvent.Message message : messages) {
            out.writeStartObject();
            out.writeStringField("role", message.role());
            out.writeStringField("content", message.content());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /**
     * An event's content alone, for a store that keeps it apart from the event's numbers:
     * {@code {"system":…,"messages":[{"role":…,"content":…}],"text":…}}, each field only when present —
     * the names and shapes of the event format's {@code request.system}, {@code request.messages} and
     * {@code response.text}.
     */
    public static String contentToJson(EventContent content) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            if (content.system().isPresent()) {
                out.writeStringField("system", content.system().get());
            }
            writeMessages(content.messages(), out);
            if (content.text().isPresent()) {
                out.writeStringField("text", content.text().get());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Reads what {@link #contentToJson} wrote; unknown fields are skipped. */
    public static EventContent contentFromJson(String json) {
        try (JsonParser in = JSON.createParser(json)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new EventFormatException("event content: not a JSON object");
            }
            Optional<String> system = Optional.empty();
            List<UsageEvent.Message> messages = List.of();
            Optional<String> text = Optional.empty();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                switch (field) {
                    case "system" -> system = value == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(text(in, "system"));
                    case "messages" -> messages = readMessages(in, value);
                    case "text" -> text = value == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(text(in, "text"));
                    default -> in.skipChildren();
                }
            }
            return new EventContent(system, messages, text);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("event content: invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static UsageEvent fromJson(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new EventFormatException("event: not a JSON object");
            }
            return read(parser);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("event: invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one event; the parser must be positioned on the event's START_OBJECT. */
    public static UsageEvent read(JsonParser in) throws IOException {
        String id = null;
        Instant ts = null;
        String orgId = "", accountId = "", keyId = "", ip = "", country = "", network = "";
        String userAgent = "", api = "", model = "";
        RequestSummary request = RequestSummary.empty();
        ResponseSummary response = ResponseSummary.refused(0);
        Decision decision = Decision.ALLOW;
        long latencyMs = 0;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            switch (field) {
                case "id" -> id = text(in, field);
                case "ts" -> ts = instant(in, field);
                case "org_id" -> orgId = text(in, field);
                case "account_id" -> accountId = text(in, field);
                case "key_id" -> keyId = text(in, field);
                case "ip" -> ip = text(in, field);
                case "country" -> country = text(in, field);
                case "network" -> network = text(in, field);
                case "user_agent" -> userAgent = text(in, field);
                case "api" -> api = text(in, field);
                case "model" -> model = text(in, field);
                case "request" -> request = readRequest(in, value);
                case "response" -> response = readResponse(in, value);
                case "decision" -> decision = readDecision(in, value);
                case "latency_ms" -> latencyMs = number(in, field);
                default -> in.skipChildren();
            }
        }
        if (id == null) {
            throw new EventFormatException("event: missing field \"id\"");
        }
        if (ts == null) {
            throw new EventFormatException("event " + id + ": missing field \"ts\"");
        }
        return new UsageEvent(id, ts, orgId, accountId, keyId, ip, country, network, userAgent, api, model,
                request, response, decision, latencyMs);
    }

    private static RequestSummary readRequest(JsonParser in, JsonToken start) throws IOException {
        expectObject(start, "request");
        Optional<String> system = Optional.empty();
        List<UsageEvent.Message> messages = new ArrayList<>();
        int turns = 0, maxTokens = 0, n = 1, topLogprobs = 0, logitBiasSize = 0, tools = 0;
        OptionalDouble temperature = OptionalDouble.empty();
        boolean stream = false, logprobs = false, thinking = false;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            String path = "request." + field;
            switch (field) {
                case "system" -> system = value == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(text(in, path));
                case "messages" -> messages = readMessages(in, value);
                case "turns" -> turns = (int) number(in, path);
                case "max_tokens" -> maxTokens = value == JsonToken.VALUE_NULL ? 0 : (int) number(in, path);
                case "temperature" -> temperature = value == JsonToken.VALUE_NULL
                        ? OptionalDouble.empty() : OptionalDouble.of(decimal(in, path));
                case "n" -> n = value == JsonToken.VALUE_NULL ? 1 : (int) number(in, path);
                case "stream" -> stream = bool(in, path);
                case "logprobs" -> logprobs = bool(in, path);
                case "top_logprobs" -> topLogprobs = value == JsonToken.VALUE_NULL ? 0 : (int) number(in, path);
                case "logit_bias_size" -> logitBiasSize = (int) number(in, path);
                case "tools" -> tools = (int) number(in, path);
                case "thinking" -> thinking = bool(in, path);
                default -> in.skipChildren();
            }
        }
        return new RequestSummary(system, messages, turns, maxTokens, temperature, n, stream, logprobs,
                topLogprobs, logitBiasSize, tools, thinking);
    }

    private static List<UsageEvent.Message> readMessages(JsonParser in, JsonToken start) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (start != JsonToken.START_ARRAY) {
            throw new EventFormatException("request.messages: expected an array, got " + start);
        }
        List<UsageEvent.Message> messages = new ArrayList<>();
        while (in.nextToken() == JsonToken.START_OBJECT) {
            String role = "user";
            String content = "";
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                in.nextToken();
                switch (field) {
                    case "role" -> role = text(in, "request.messages.role");
                    case "content" -> content = text(in, "request.messages.content");
                    default -> in.skipChildren();
                }
            }
            messages.add(new UsageEvent.Message(role, content));
        }
        return messages;
    }

    private static ResponseSummary readResponse(JsonParser in, JsonToken start) throws IOException {
        expectObject(start, "response");
        int status = 0;
        Optional<String> text = Optional.empty();
        Optional<String> finishReason = Optional.empty();
        long promptTokens = 0, completionTokens = 0, reasoningTokens = 0;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            String path = "response." + field;
            switch (field) {
                case "status" -> status = (int) number(in, path);
                case "text" -> text = value == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(text(in, path));
                case "prompt_tokens" -> promptTokens = number(in, path);
                case "completion_tokens" -> completionTokens = number(in, path);
                case "reasoning_tokens" -> reasoningTokens = number(in, path);
                case "finish_reason" -> finishReason = value == JsonToken.VALUE_NULL
                        ? Optional.empty() : Optional.of(text(in, path));
                default -> in.skipChildren();
            }
        }
        return new ResponseSummary(status, text, promptTokens, completionTokens, reasoningTokens, finishReason);
    }

    private static Decision readDecision(JsonParser in, JsonToken start) throws IOException {
        expectObject(start, "decision");
        String action = "allow";
        List<String> reasons = new ArrayList<>();
        Optional<String> code = Optional.empty();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            switch (field) {
                case "action" -> action = text(in, "decision.action");
                case "reasons" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw new EventFormatException("decision.reasons: expected an array of strings");
                    }
                    while (in.nextToken() != JsonToken.END_ARRAY) {
                        reasons.add(text(in, "decision.reasons"));
                    }
                }
                case "code" -> code = value == JsonToken.VALUE_NULL ? Optional.empty()
                        : Optional.of(text(in, "decision.code"));
                default -> in.skipChildren();
            }
        }
        return new Decision(action, reasons, code);
    }

    private static void expectObject(JsonToken token, String field) {
        if (token != JsonToken.START_OBJECT) {
            throw new EventFormatException(field + ": expected an object, got " + token);
        }
    }

    private static String text(JsonParser in, String field) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new EventFormatException(field + ": expected a string, got " + token);
        }
        return in.getText();
    }

    private static long number(JsonParser in, String field) throws IOException {
        JsonToken token = in.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new EventFormatException(field + ": expected an integer, got " + token);
        }
        return in.getLongValue();
    }

    private static double decimal(JsonParser in, String field) throws IOException {
        JsonToken token = in.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new EventFormatException(field + ": expected a number, got " + token);
        }
        return in.getDoubleValue();
    }

    private static boolean bool(JsonParser in, String field) {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new EventFormatException(field + ": expected true or false, got " + token);
    }

    private static Instant instant(JsonParser in, String field) throws IOException {
        String value = text(in, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new EventFormatException(field + ": \"" + value + "\" is not an ISO-8601 UTC timestamp", e);
        }
    }
}
