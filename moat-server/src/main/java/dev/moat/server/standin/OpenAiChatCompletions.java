package dev.moat.server.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code POST /v1/chat/completions} in OpenAI's wire format, as JSON or as server-sent events.
 *
 * <p>A stream is: one chunk per choice whose delta carries the role, then one chunk per generated token
 * (choices interleaved token by token when {@code n > 1}), one chunk per choice with an empty delta and the
 * finish reason, then, only when {@code stream_options.include_usage} is true, a chunk with no choices and the
 * usage (every earlier chunk then carries {@code "usage":null}), and finally {@code data: [DONE]}.
 * Completion tokens include the reasoning tokens, as OpenAI counts them.
 */
final class OpenAiChatCompletions implements Handler<RoutingContext> {

    private static final String SYSTEM_FINGERPRINT = "fp_moat_standin";

    private final List<String> models;
    private final ApiKeyCheck keyCheck;
    private final ReplyDelivery delivery;
    private final ReplyComposer composer = new ReplyComposer();

    OpenAiChatCompletions(List<String> models, ApiKeyCheck keyCheck, ReplyDelivery delivery) {
        this.models = List.copyOf(models);
        this.keyCheck = keyCheck;
        this.delivery = delivery;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerResponse response = context.response();
        try {
            keyCheck.requireBearer(context.request());
            ChatCompletionRequest request = ChatCompletionRequest.parse(RequestBody.bytesOf(context), models);
            Completion completion = complete(request);
            if (request.stream()) {
                WireResponses.startEventStream(response, WireResponses.OPENAI_REQUEST_ID);
                delivery.stream(response, frames(request, completion));
            } else {
                delivery.afterGenerationTime(response, completion.longestReply(), () -> WireResponses.sendJson(
                        response, 200, WireResponses.OPENAI_REQUEST_ID, json(request, completion)));
            }
        } catch (RejectedRequest rejected) {
            WireResponses.sendJson(response, rejected.status(), WireResponses.OPENAI_REQUEST_ID,
                    WireResponses.openAiError(rejected));
        }
    }

    /** The generated choices and the numbers every response shape reports about them. */
    private record Completion(String id, long created, List<Reply> replies, int reasoningPerChoice) {

        int completionTokens() {
            return replies.stream().mapToInt(reply -> reply.tokens() + reasoningPerChoice).sum();
        }

        int longestReply() {
            return replies.stream().mapToInt(Reply::tokens).max().orElse(0);
        }
    }

    private Completion complete(ChatCompletionRequest request) {
        List<Reply> replies = IntStream.range(0, request.choices())
                .mapToObj(choice -> composer.reply(request.prompt().lastUserText(),
                        request.prompt().tokens(), choice, request.visibleBudget()))
                .toList();
        return new Completion(Identifiers.chatCompletion(), System.currentTimeMillis() / 1000, replies,
                request.reasoningTokensWithinBudget());
    }

    private static ObjectNode json(ChatCompletionRequest request, Completion completion) {
        ObjectNode body = RequestBody.JSON.createObjectNode();
        body.put("id", completion.id());
        body.put("object", "chat.completion");
        body.put("created", completion.created());
        body.put("model", request.model());
        ArrayNode choices = body.putArray("choices");
        for (int index = 0; index < completion.replies().size(); index++) {
            Reply reply = completion.replies().get(index);
            ObjectNode choice = choices.addObject();
            choice.put("index", index);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", reply.text());
            message.putNull("refusal");
            message.putArray("annotations");
            if (request.logprobs()) {
                choice.set("logprobs", FakeLogprobs.of(reply.pieces(), request.topLogprobs()));
            } else {
                choice.putNull("logprobs");
            }
            choice.put("finish_reason", finishReason(reply));
        }
        body.set("usage", usage(request, completion));
        body.put("service_tier", "default");
        body.put("system_fingerprint", SYSTEM_FINGERPRINT);
        return body;
    }

    private static List<PacedStream.Frame> frames(ChatCompletionRequest request, Completion completion) {
        List<Reply> replies = completion.replies();
        List<PacedStream.Frame> frames = new ArrayList<>();
        for (int index = 0; index < replies.size(); index++) {
            ObjectNode choice = choice(index);
            ObjectNode delta = choice.putObject("delta");
            delta.put("role", "assistant");
            delta.put("content", "");
            delta.putNull("refusal");
            choice.putNull("logprobs");
            choice.putNull("finish_reason");
            frames.add(dataFrame(chunk(request, completion, choice), false));
        }
        for (int token = 0; token < completion.longestReply(); token++) {
            for (int index = 0; index < replies.size(); index++) {
                Reply reply = replies.get(index);
                if (token >= reply.tokens()) {
                    continue;
                }
                String piece = reply.pieces().get(token);
                ObjectNode choice = choice(index);
                choice.putObject("delta").put("content", piece);
                if (request.logprobs()) {
                    choice.set("logprobs", FakeLogprobs.of(List.of(piece), request.topLogprobs()));
                } else {
                    choice.putNull("logprobs");
                }
                choice.putNull("finish_reason");
                frames.add(dataFrame(chunk(request, completion, choice), true));
            }
        }
        for (int index = 0; index < replies.size(); index++) {
            ObjectNode choice = choice(index);
            choice.putObject("delta");
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason(replies.get(index)));
            frames.add(dataFrame(chunk(request, completion, choice), false));
        }
        if (request.includeUsage()) {
            ObjectNode usageChunk = chunkEnvelope(request, completion);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(request, completion));
            frames.add(dataFrame(usageChunk, false));
        }
        frames.add(new PacedStream.Frame("data: [DONE]\n\n", false));
        return frames;
    }

    private static ObjectNode choice(int index) {
        ObjectNode choice = RequestBody.JSON.createObjectNode();
        choice.put("index", index);
        return choice;
    }

    private static ObjectNode chunk(ChatCompletionRequest request, Completion completion, ObjectNode choice) {
        ObjectNode chunk = chunkEnvelope(request, completion);
        chunk.putArray("choices").add(choice);
        if (request.includeUsage()) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode chunkEnvelope(ChatCompletionRequest request, Completion completion) {
        ObjectNode chunk = RequestBody.JSON.createObjectNode();
        chunk.put("id", completion.id());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", completion.created());
        chunk.put("model", request.model());
        chunk.put("service_tier", "default");
        chunk.put("system_fingerprint", SYSTEM_FINGERPRINT);
        return chunk;
    }

    private static PacedStream.Frame dataFrame(ObjectNode chunk, boolean carriesTokens) {
        return new PacedStream.Frame("data: " + WireResponses.encode(chunk) + "\n\n", carriesTokens);
    }

    private static ObjectNode usage(ChatCompletionRequest request, Completion completion) {
        int promptTokens = request.prompt().tokens();
        int completionTokens = completion.completionTokens();
        ObjectNode usage = RequestBody.JSON.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", 0);
        promptDetails.put("audio_tokens", 0);
        ObjectNode completionDetails = usage.putObject("completion_tokens_details");
        completionDetails.put("reasoning_tokens", completion.reasoningPerChoice() * completion.replies().size());
        completionDetails.put("audio_tokens", 0);
        completionDetails.put("accepted_prediction_tokens", 0);
        completionDetails.put("rejected_prediction_tokens", 0);
        return usage;
    }

    private static String finishReason(Reply reply) {
        return reply.truncated() ? "length" : "stop";
    }
}
