package dev.moat.server.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.server.testing.ServerSentEvents;
import dev.moat.server.testing.WireClient;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiChatCompletionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";
    private static final String MESSAGES = """
            [{"role":"system","content":"You are terse."},
             {"role":"user","content":"Explain how token buckets limit request rates, please."}]""";

    private static Vertx vertx;
    private static StandInModel standIn;
    private static WireClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        standIn = StandInModel.start(vertx, StandInSettings.defaults().withoutPacing()).await();
        client = new WireClient("http://127.0.0.1:" + standIn.port());
    }

    @AfterAll
    static void stop() {
        standIn.close().await();
        vertx.close().await();
    }

    @Test
    void answersWithACompleteChatCompletion() throws Exception {
        HttpResponse<String> response = client.post(PATH, request("\"stream\":false"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("id", "object", "created", "model", "choices", "usage",
                "service_tier", "system_fingerprint");
        assertThat(body.get("id").textValue()).startsWith("chatcmpl-");
        assertThat(body.get("object").textValue()).isEqualTo("chat.completion");
        assertThat(body.get("created").isIntegralNumber()).isTrue();
        assertThat(body.get("model").textValue()).isEqualTo("moat-standin-small");
        assertThat(body.get("choices")).hasSize(1);
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("index").intValue()).isZero();
        assertThat(choice.get("message").get("role").textValue()).isEqualTo("assistant");
        String content = choice.get("message").get("content").textValue();
        assertThat(content).contains("stand-in").contains("not a real").contains("Explain how token buckets limit");
        assertThat(choice.get("logprobs").isNull()).isTrue();
        assertThat(choice.get("finish_reason").textValue()).isEqualTo("stop");
        JsonNode usage = body.get("usage");
        int promptTokens = StandInTokenizer.count("You are terse.")
                + StandInTokenizer.count("Explain how token buckets limit request rates, please.");
        assertThat(usage.get("prompt_tokens").intValue()).isEqualTo(promptTokens);
        assertThat(usage.get("completion_tokens").intValue()).isEqualTo(StandInTokenizer.count(content));
        assertThat(usage.get("total_tokens").intValue()).isEqualTo(promptTokens + StandInTokenizer.count(content));
        assertThat(usage.get("completion_tokens_details").get("reasoning_tokens").intValue()).isZero();
    }

    @Test
    void streamsRoleThenContentThenFinishThenDoneWithoutUsageUnlessAsked() throws Exception {
        String expectedText = JSON.readTree(client.post(PATH, request("\"stream\":false")).body())
                .get("choices").get(0).get("message").get("content").textValue();

        HttpResponse<String> response = client.post(PATH, request("\"stream\":true"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        List<ServerSentEvents.Event> events = ServerSentEvents.parse(response.body());
        assertThat(events).allSatisfy(event -> assertThat(event.name()).isEmpty());
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = chunks(events);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.get("object").textValue()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("id").textValue()).isEqualTo(chunks.getFirst().get("id").textValue());
            assertThat(chunk.has("usage")).isFalse();
            assertThat(chunk.get("choices")).hasSize(1);
        });
        JsonNode first = chunks.getFirst().get("choices").get(0);
        assertThat(first.get("delta").get("role").textValue()).isEqualTo("assistant");
        assertThat(first.get("delta").get("content").textValue()).isEmpty();
        assertThat(first.get("finish_reason").isNull()).isTrue();
        JsonNode last = chunks.getLast().get("choices").get(0);
        assertThat(last.get("delta").isEmpty()).isTrue();
        assertThat(last.get("finish_reason").textValue()).isEqualTo("stop");
        List<JsonNode> contentChunks = chunks.subList(1, chunks.size() - 1);
        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : contentChunks) {
            JsonNode choice = chunk.get("choices").get(0);
            assertThat(fieldNames(choice.get("delta"))).containsExactly("content");
            assertThat(choice.get("finish_reason").isNull()).isTrue();
            streamed.append(choice.get("delta").get("content").textValue());
        }
        assertThat(streamed.toString()).isEqualTo(expectedText);
        assertThat(contentChunks).hasSize(StandInTokenizer.count(expectedText));
    }

    @Test
    void addsOneUsageChunkBeforeDoneWhenIncludeUsageIsTrue() throws Exception {
        HttpResponse<String> response = client.post(PATH,
                request("\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        List<ServerSentEvents.Event> events = ServerSentEvents.parse(response.body());
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = chunks(events);
        JsonNode usageChunk = chunks.getLast();
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> {
            assertThat(chunk.get("usage").isNull()).isTrue();
            assertThat(chunk.get("choices")).hasSize(1);
        });
        int contentChunks = chunks.size() - 3;
        JsonNode usage = usageChunk.get("usage");
        assertThat(usage.get("completion_tokens").intValue()).isEqualTo(contentChunks);
        assertThat(usage.get("total_tokens").intValue())
                .isEqualTo(usage.get("prompt_tokens").intValue() + contentChunks);
        assertThat(chunks.get(chunks.size() - 2).get("choices").get(0).get("finish_reason").textValue())
                .isEqualTo("stop");
    }

    @Test
    void stopsAtMaxTokensWithFinishReasonLength() throws Exception {
        for (String limit : List.of("\"max_tokens\":5", "\"max_completion_tokens\":5")) {
            JsonNode body = JSON.readTree(client.post(PATH, request(limit)).body());
            assertThat(body.get("choices").get(0).get("finish_reason").textValue()).isEqualTo("length");
            assertThat(body.get("usage").get("completion_tokens").intValue()).isEqualTo(5);
            assertThat(StandInTokenizer.count(body.get("choices").get(0).get("message").get("content").textValue()))
                    .isEqualTo(5);
        }
        List<JsonNode> chunks = chunks(ServerSentEvents.parse(client.post(PATH,
                request("\"max_tokens\":3,\"stream\":true")).body()));
        assertThat(chunks).hasSize(1 + 3 + 1);
        assertThat(chunks.getLast().get("choices").get(0).get("finish_reason").textValue()).isEqualTo("length");
    }

    @Test
    void returnsNChoicesThatDifferAndStreamsEachUnderItsIndex() throws Exception {
        JsonNode body = JSON.readTree(client.post(PATH, request("\"n\":3")).body());
        assertThat(body.get("choices")).hasSize(3);
        List<String> texts = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(body.get("choices").get(i).get("index").intValue()).isEqualTo(i);
            String text = body.get("choices").get(i).get("message").get("content").textValue();
            texts.add(text);
            tokens += StandInTokenizer.count(text);
        }
        assertThat(texts).doesNotHaveDuplicates();
        assertThat(body.get("usage").get("completion_tokens").intValue()).isEqualTo(tokens);

        List<JsonNode> chunks = chunks(ServerSentEvents.parse(client.post(PATH, request("\"n\":3,\"stream\":true")).body()));
        for (int i = 0; i < 3; i++) {
            int index = i;
            StringBuilder streamed = new StringBuilder();
            chunks.stream().map(chunk -> chunk.get("choices").get(0))
                    .filter(choice -> choice.get("index").intValue() == index)
                    .map(choice -> choice.get("delta").path("content"))
                    .filter(JsonNode::isTextual)
                    .forEach(content -> streamed.append(content.textValue()));
            assertThat(streamed.toString()).isEqualTo(texts.get(i));
        }
    }

    @Test
    void returnsWellFormedLogprobsForEveryToken() throws Exception {
        JsonNode body = JSON.readTree(client.post(PATH, request("\"logprobs\":true,\"top_logprobs\":3")).body());

        JsonNode choice = body.get("choices").get(0);
        JsonNode content = choice.get("logprobs").get("content");
        assertThat(choice.get("logprobs").get("refusal").isNull()).isTrue();
        assertThat(content).hasSize(body.get("usage").get("completion_tokens").intValue());
        StringBuilder joined = new StringBuilder();
        for (JsonNode entry : content) {
            String token = entry.get("token").textValue();
            joined.append(token);
            assertThat(entry.get("logprob").doubleValue()).isNegative();
            assertThat(entry.get("bytes")).hasSize(token.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            JsonNode top = entry.get("top_logprobs");
            assertThat(top).hasSize(3);
            assertThat(top.get(0).get("token").textValue()).isEqualTo(token);
            assertThat(top.get(1).get("logprob").doubleValue()).isLessThan(top.get(0).get("logprob").doubleValue());
            assertThat(top.get(2).get("logprob").doubleValue()).isLessThan(top.get(1).get("logprob").doubleValue());
        }
        assertThat(joined.toString()).isEqualTo(choice.get("message").get("content").textValue());

        List<JsonNode> chunks = chunks(ServerSentEvents.parse(
                client.post(PATH, request("\"logprobs\":true,\"stream\":true")).body()));
        JsonNode contentChoice = chunks.get(1).get("choices").get(0);
        assertThat(contentChoice.get("logprobs").get("content")).hasSize(1);
        assertThat(contentChoice.get("logprobs").get("content").get(0).get("token").textValue())
                .isEqualTo(contentChoice.get("delta").get("content").textValue());
        assertThat(contentChoice.get("logprobs").get("content").get(0).get("top_logprobs")).isEmpty();
    }

    @Test
    void countsReasoningTokensInCompletionTokensWhenAReasoningEffortIsGiven() throws Exception {
        JsonNode low = JSON.readTree(client.post(PATH, request("\"reasoning_effort\":\"low\"")).body());
        JsonNode high = JSON.readTree(client.post(PATH, request("\"reasoning_effort\":\"high\"")).body());

        int lowReasoning = low.get("usage").get("completion_tokens_details").get("reasoning_tokens").intValue();
        int highReasoning = high.get("usage").get("completion_tokens_details").get("reasoning_tokens").intValue();
        assertThat(lowReasoning).isPositive();
        assertThat(highReasoning).isGreaterThan(lowReasoning);
        String text = high.get("choices").get(0).get("message").get("content").textValue();
        assertThat(high.get("usage").get("completion_tokens").intValue())
                .isEqualTo(StandInTokenizer.count(text) + highReasoning);

        JsonNode capped = JSON.readTree(client.post(PATH,
                request("\"reasoning_effort\":\"high\",\"max_completion_tokens\":40")).body());
        assertThat(capped.get("usage").get("completion_tokens").intValue()).isEqualTo(40);
        assertThat(capped.get("usage").get("completion_tokens_details").get("reasoning_tokens").intValue())
                .isEqualTo(20);
        assertThat(capped.get("choices").get(0).get("finish_reason").textValue()).isEqualTo("length");
    }

    @Test
    void rejectsBadRequestsInOpenAisErrorShape() throws Exception {
        assertError(client.post(PATH, "{\"model\":"), 400, "invalid_request_error", null);
        assertError(client.post(PATH, "[1,2]"), 400, "invalid_request_error", null);
        assertError(client.post(PATH, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                400, "invalid_request_error", null);
        assertError(client.post(PATH, "{\"model\":\"moat-standin-small\",\"messages\":[]}"),
                400, "invalid_request_error", null);
        assertError(client.post(PATH, request("\"n\":\"2\"")), 400, "invalid_request_error", null);
        assertError(client.post(PATH, request("\"stream_options\":{\"include_usage\":true}")),
                400, "invalid_request_error", null);
        assertError(client.post(PATH, request("\"top_logprobs\":2")), 400, "invalid_request_error", null);
        assertError(client.post(PATH, request("\"reasoning_effort\":\"extreme\"")), 400, "invalid_request_error", null);
        assertError(client.post(PATH, "{\"model\":\"moat-standin-small\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"),
                400, "invalid_request_error", null);
        HttpResponse<String> unknownModel = client.post(PATH,
                "{\"model\":\"gpt-99\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertError(unknownModel, 404, "invalid_request_error", "model_not_found");
        assertThat(JSON.readTree(unknownModel.body()).get("error").get("param").textValue()).isEqualTo("model");
    }

    static void assertError(HttpResponse<String> response, int status, String type, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(fieldNames(error)).containsExactly("message", "type", "param", "code");
        assertThat(error.get("message").textValue()).isNotBlank();
        assertThat(error.get("type").textValue()).isEqualTo(type);
        if (code == null) {
            assertThat(error.get("code").isNull()).isTrue();
        } else {
            assertThat(error.get("code").textValue()).isEqualTo(code);
        }
    }

    static String request(String extraFields) {
        return "{\"model\":\"moat-standin-small\",\"messages\":" + MESSAGES
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}";
    }

    static List<JsonNode> chunks(List<ServerSentEvents.Event> events) throws Exception {
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (ServerSentEvents.Event event : events.subList(0, events.size() - 1)) {
            chunks.add(JSON.readTree(event.data()));
        }
        return chunks;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
