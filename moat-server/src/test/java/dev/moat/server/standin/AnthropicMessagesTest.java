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
import java.util.Optional;

import static dev.moat.server.standin.OpenAiChatCompletionsTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

class AnthropicMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/messages";
    private static final String[] VERSION = {"anthropic-version", "2023-06-01"};

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
    void answersWithACompleteMessage() throws Exception {
        HttpResponse<String> response = client.post(PATH, request("\"max_tokens\":1024"), VERSION);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("request-id")).isPresent();
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("id", "type", "role", "model", "content", "stop_reason",
                "stop_sequence", "usage");
        assertThat(body.get("id").textValue()).startsWith("msg_");
        assertThat(body.get("type").textValue()).isEqualTo("message");
        assertThat(body.get("role").textValue()).isEqualTo("assistant");
        assertThat(body.get("model").textValue()).isEqualTo("moat-standin-large");
        assertThat(body.get("content")).hasSize(1);
        assertThat(body.get("content").get(0).get("type").textValue()).isEqualTo("text");
        String text = body.get("content").get(0).get("text").textValue();
        assertThat(text).contains("stand-in").contains("not a real").contains("Summarise the quarterly report");
        assertThat(body.get("stop_reason").textValue()).isEqualTo("end_turn");
        assertThat(body.get("stop_sequence").isNull()).isTrue();
        int inputTokens = StandInTokenizer.count("Be brief.")
                + StandInTokenizer.count("Summarise the quarterly report in two lines.");
        assertThat(body.get("usage").get("input_tokens").intValue()).isEqualTo(inputTokens);
        assertThat(body.get("usage").get("output_tokens").intValue()).isEqualTo(StandInTokenizer.count(text));
    }

    @Test
    void streamsTheRealEventSequence() throws Exception {
        String expectedText = JSON.readTree(client.post(PATH, request("\"max_tokens\":1024"), VERSION).body())
                .get("content").get(0).get("text").textValue();

        HttpResponse<String> response = client.post(PATH, request("\"max_tokens\":1024,\"stream\":true"), VERSION);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        List<ServerSentEvents.Event> events = ServerSentEvents.parse(response.body());
        List<JsonNode> payloads = payloadsNamedByType(events);
        int deltas = StandInTokenizer.count(expectedText);
        List<String> expectedNames = new ArrayList<>(List.of("message_start", "content_block_start", "ping"));
        expectedNames.addAll(java.util.Collections.nCopies(deltas, "content_block_delta"));
        expectedNames.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
        assertThat(names(events)).containsExactlyElementsOf(expectedNames);

        JsonNode message = payloads.getFirst().get("message");
        assertThat(message.get("id").textValue()).startsWith("msg_");
        assertThat(message.get("content")).isEmpty();
        assertThat(message.get("stop_reason").isNull()).isTrue();
        assertThat(message.get("usage").get("input_tokens").intValue()).isPositive();
        assertThat(message.get("usage").get("output_tokens").intValue()).isEqualTo(1);
        assertThat(payloads.get(1).get("index").intValue()).isZero();
        assertThat(payloads.get(1).get("content_block").toString()).isEqualTo("{\"type\":\"text\",\"text\":\"\"}");
        StringBuilder streamed = new StringBuilder();
        for (JsonNode delta : payloads.subList(3, 3 + deltas)) {
            assertThat(delta.get("index").intValue()).isZero();
            assertThat(delta.get("delta").get("type").textValue()).isEqualTo("text_delta");
            streamed.append(delta.get("delta").get("text").textValue());
        }
        assertThat(streamed.toString()).isEqualTo(expectedText);
        JsonNode messageDelta = payloads.get(payloads.size() - 2);
        assertThat(messageDelta.get("delta").get("stop_reason").textValue()).isEqualTo("end_turn");
        assertThat(messageDelta.get("usage").get("output_tokens").intValue()).isEqualTo(deltas);
    }

    @Test
    void stopsAtMaxTokensWithStopReasonMaxTokens() throws Exception {
        JsonNode body = JSON.readTree(client.post(PATH, request("\"max_tokens\":4"), VERSION).body());
        assertThat(body.get("stop_reason").textValue()).isEqualTo("max_tokens");
        assertThat(body.get("usage").get("output_tokens").intValue()).isEqualTo(4);

        List<ServerSentEvents.Event> events = ServerSentEvents.parse(
                client.post(PATH, request("\"max_tokens\":4,\"stream\":true"), VERSION).body());
        assertThat(names(events).stream().filter("content_block_delta"::equals)).hasSize(4);
        JsonNode messageDelta = JSON.readTree(events.get(events.size() - 2).data());
        assertThat(messageDelta.get("delta").get("stop_reason").textValue()).isEqualTo("max_tokens");
        assertThat(messageDelta.get("usage").get("output_tokens").intValue()).isEqualTo(4);
    }

    @Test
    void putsAThinkingBlockFirstWhenThinkingIsEnabled() throws Exception {
        String thinking = "\"max_tokens\":2048,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}";
        JsonNode body = JSON.readTree(client.post(PATH, request(thinking), VERSION).body());

        assertThat(body.get("content")).hasSize(2);
        JsonNode thinkingBlock = body.get("content").get(0);
        assertThat(fieldNames(thinkingBlock)).containsExactly("type", "thinking", "signature");
        assertThat(thinkingBlock.get("type").textValue()).isEqualTo("thinking");
        assertThat(thinkingBlock.get("signature").textValue()).isNotBlank();
        String text = body.get("content").get(1).get("text").textValue();
        assertThat(body.get("usage").get("output_tokens").intValue()).isEqualTo(
                StandInTokenizer.count(thinkingBlock.get("thinking").textValue()) + StandInTokenizer.count(text));

        List<ServerSentEvents.Event> events = ServerSentEvents.parse(
                client.post(PATH, request(thinking + ",\"stream\":true"), VERSION).body());
        List<JsonNode> payloads = payloadsNamedByType(events);
        assertThat(names(events).subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
        assertThat(payloads.get(1).get("content_block").get("type").textValue()).isEqualTo("thinking");
        List<String> deltaTypesOfBlock0 = payloads.stream()
                .filter(payload -> payload.get("type").textValue().equals("content_block_delta"))
                .filter(payload -> payload.get("index").intValue() == 0)
                .map(payload -> payload.get("delta").get("type").textValue())
                .toList();
        assertThat(deltaTypesOfBlock0.getLast()).isEqualTo("signature_delta");
        assertThat(deltaTypesOfBlock0.subList(0, deltaTypesOfBlock0.size() - 1)).containsOnly("thinking_delta");
        int stopOfThinking = indexOf(payloads, "content_block_stop", 0);
        int startOfText = indexOf(payloads, "content_block_start", 1);
        assertThat(startOfText).isEqualTo(stopOfThinking + 1);
        assertThat(payloads.get(startOfText).get("content_block").get("type").textValue()).isEqualTo("text");
        assertThat(indexOf(payloads, "content_block_stop", 1)).isEqualTo(payloads.size() - 3);
    }

    @Test
    void rejectsBadRequestsInAnthropicsErrorShape() throws Exception {
        HttpResponse<String> noMaxTokens = client.post(PATH, request(""), VERSION);
        assertError(noMaxTokens, 400, "invalid_request_error");
        assertThat(JSON.readTree(noMaxTokens.body()).get("error").get("message").textValue()).contains("max_tokens");
        assertError(client.post(PATH, "{not json", VERSION), 400, "invalid_request_error");
        assertError(client.post(PATH, request("\"max_tokens\":0"), VERSION), 400, "invalid_request_error");
        assertError(client.post(PATH, request("\"max_tokens\":100,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}"),
                VERSION), 400, "invalid_request_error");
        assertError(client.post(PATH, request("\"max_tokens\":4096,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":10}"),
                VERSION), 400, "invalid_request_error");
        assertError(client.post(PATH, "{\"model\":\"moat-standin-large\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}", VERSION), 400, "invalid_request_error");
        assertError(client.post(PATH, "{\"model\":\"claude-nonexistent\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", VERSION), 404, "not_found_error");
        assertError(client.get(PATH, VERSION), 404, "not_found_error");
    }

    @Test
    void countsSystemBlocksAndContentPartsAsPromptText() throws Exception {
        String body = "{\"model\":\"moat-standin-large\",\"max_tokens\":64,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"Rule one.\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"First part.\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"AAAA\"}}]},"
                + "{\"role\":\"assistant\",\"content\":\"Noted.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"forty two\"}]}]}";
        JsonNode response = JSON.readTree(client.post(PATH, body, VERSION).body());

        assertThat(response.get("usage").get("input_tokens").intValue()).isEqualTo(
                StandInTokenizer.count("Rule one. First part. Noted. forty two"));
        assertThat(response.get("content").get(0).get("text").textValue()).contains("You wrote: \"forty two\"");
    }

    static void assertError(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("type", "error");
        assertThat(body.get("type").textValue()).isEqualTo("error");
        assertThat(fieldNames(body.get("error"))).containsExactly("type", "message");
        assertThat(body.get("error").get("type").textValue()).isEqualTo(type);
        assertThat(body.get("error").get("message").textValue()).isNotBlank();
    }

    private static String request(String extraFields) {
        return "{\"model\":\"moat-standin-large\",\"system\":\"Be brief.\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"Summarise the quarterly report in two lines.\"}]"
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}";
    }

    /** Every event's payload, after checking that each event is named after its payload's type. */
    private static List<JsonNode> payloadsNamedByType(List<ServerSentEvents.Event> events) throws Exception {
        List<JsonNode> payloads = new ArrayList<>();
        for (ServerSentEvents.Event event : events) {
            JsonNode payload = JSON.readTree(event.data());
            assertThat(event.name()).isEqualTo(Optional.of(payload.get("type").textValue()));
            payloads.add(payload);
        }
        return payloads;
    }

    private static List<String> names(List<ServerSentEvents.Event> events) {
        return events.stream().map(event -> event.name().orElseThrow()).toList();
    }

    private static int indexOf(List<JsonNode> payloads, String type, int blockIndex) {
        for (int i = 0; i < payloads.size(); i++) {
            JsonNode payload = payloads.get(i);
            if (payload.get("type").textValue().equals(type) && payload.path("index").asInt(-1) == blockIndex) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " event for block " + blockIndex);
    }
}
