package dev.moat.server.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/messages} in Anthropic's wire format, as JSON or as server-sent events.
 *
 * <p>A stream is the real event sequence, each frame {@code event: NAME\ndata: JSON\n\n}:
 * {@code message_start} (input tokens, output tokens 1), then for each content block
 * {@code content_block_start}, its deltas and {@code content_block_stop} — with a {@code ping} right after the
 * first block starts — then {@code message_delta} (stop reason and output tokens) and {@code message_stop}.
 * With extended thinking enabled a thinking block (thinking deltas, then one signature delta) comes before
 * the text block; its tokens count as output tokens and come out of {@code max_tokens}.
 */
final class AnthropicMessages implements Handler<RoutingContext> {

    private final List<String> models;
    private final ApiKeyCheck keyCheck;
    private final ReplyDelivery delivery;
    private final ReplyComposer composer = new ReplyComposer();

    AnthropicMessages(List<String> models, ApiKeyCheck keyCheck, ReplyDelivery delivery) {
        this.models = List.copyOf(models);
        this.keyCheck = keyCheck;
        this.delivery = delivery;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerResponse response = context.response();
        try {
            keyCheck.requireXApiKey(context.request());
            MessagesRequest request = MessagesRequest.parse(RequestBody.bytesOf(context), models);
            Message message = compose(request);
            if (request.stream()) {
                WireResponses.startEventStream(response, WireResponses.ANTHROPIC_REQUEST_ID);
                delivery.stream(response, frames(request, message));
            } else {
                delivery.afterGenerationTime(response, message.outputTokens(), () -> WireResponses.sendJson(
                        response, 200, WireResponses.ANTHROPIC_REQUEST_ID, json(request, message)));
            }
        } catch (RejectedRequest rejected) {
            WireResponses.sendJson(response, rejected.status(), WireResponses.ANTHROPIC_REQUEST_ID,
                    WireResponses.anthropicError(rejected));
        }
    }

    /** The generated blocks of one reply. */
    private record Message(String id, Optional<Reply> thinking, String signature, Reply text) {

        int outputTokens() {
            return thinking.map(Reply::tokens).orElse(0) + text.tokens();
        }

        String stopReason() {
            return text.truncated() ? "max_tokens" : "end_turn";
        }
    }

    private Message compose(MessagesRequest request) {
        String userText = request.prompt().lastUserText();
        Optional<Reply> thinking = request.thinkingBudget().isPresent()
                ? Optional.of(composer.thinking(userText, request.thinkingBudget().getAsInt()))
                : Optional.empty();
        int textBudget = request.maxTokens() - thinking.map(Reply::tokens).orElse(0);
        Reply text = composer.reply(userText, request.prompt().tokens(), 0, textBudget);
        return new Message(Identifiers.message(), thinking, Identifiers.signature(), text);
    }

    private static ObjectNode json(MessagesRequest request, Message message) {
        ObjectNode body = messageEnvelope(request, message);
        ArrayNode content = body.putArray("content");
        message.thinking().ifPresent(thinking -> content.addObject()
                .put("type", "thinking")
                .put("thinking", thinking.text())
                .put("signature", message.signature()));
        content.addObject().put("type", "text").put("text", message.text().text());
        body.put("stop_reason", message.stopReason());
        body.putNull("stop_sequence");
        body.set("usage", usage(request.prompt().tokens(), message.outputTokens()));
        return body;
    }

    private static List<PacedStream.Frame> frames(MessagesRequest request, Message message) {
        List<PacedStream.Frame> frames = new ArrayList<>();
        ObjectNode start = event("message_start");
        ObjectNode startedMessage = messageEnvelope(request, message);
        startedMessage.putArray("content");
        startedMessage.putNull("stop_reason");
        startedMessage.putNull("stop_sequence");
        startedMessage.set("usage", usage(request.prompt().tokens(), 1));
        start.set("message", startedMessage);
        frames.add(frame(start, false));

        int index = 0;
        if (message.thinking().isPresent()) {
            ObjectNode block = RequestBody.JSON.createObjectNode().put("type", "thinking").put("thinking", "");
            frames.add(frame(blockStart(index, block), false));
            frames.add(frame(event("ping"), false));
            for (String piece : message.thinking().get().pieces()) {
                frames.add(frame(blockDelta(index, "thinking_delta", "thinking", piece), true));
            }
            frames.add(frame(blockDelta(index, "signature_delta", "signature", message.signature()), false));
            frames.add(frame(event("content_block_stop").put("index", index), false));
            index++;
        }
        ObjectNode textBlock = RequestBody.JSON.createObjectNode().put("type", "text").put("text", "");
        frames.add(frame(blockStart(index, textBlock), false));
        if (index == 0) {
            frames.add(frame(event("ping"), false));
        }
        for (String piece : message.text().pieces()) {
            frames.add(frame(blockDelta(index, "text_delta", "text", piece), true));
        }
        frames.add(frame(event("content_block_stop").put("index", index), false));

        ObjectNode messageDelta = event("message_delta");
        messageDelta.putObject("delta").put("stop_reason", message.stopReason()).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", message.outputTokens());
        frames.add(frame(messageDelta, false));
        frames.add(frame(event("message_stop"), false));
        return frames;
    }

    private static ObjectNode messageEnvelope(MessagesRequest request, Message message) {
        ObjectNode body = RequestBody.JSON.createObjectNode();
        body.put("id", message.id());
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", request.model());
        return body;
    }

    private static ObjectNode usage(int inputTokens, int outputTokens) {
        ObjectNode usage = RequestBody.JSON.createObjectNode();
        usage.put("input_tokens", inputTokens);
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        usage.put("output_tokens", outputTokens);
        return usage;
    }

    private static ObjectNode event(String type) {
        return RequestBody.JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode blockStart(int index, ObjectNode block) {
        ObjectNode start = event("content_block_start").put("index", index);
        start.set("content_block", block);
        return start;
    }

    private static ObjectNode blockDelta(int index, String deltaType, String field, String value) {
        ObjectNode delta = event("content_block_delta").put("index", index);
        delta.putObject("delta").put("type", deltaType).put(field, value);
        return delta;
    }

    /** {@code event: TYPE\ndata: JSON\n\n}, the event name being the payload's {@code type}. */
    private static PacedStream.Frame frame(ObjectNode payload, boolean carriesTokens) {
        return new PacedStream.Frame("event: " + payload.get("type").textValue() + "\ndata: "
                + WireResponses.encode(payload) + "\n\n", carriesTokens);
    }
}
