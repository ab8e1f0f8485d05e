package dev.moat.server.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.server.testing.WireClient;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static dev.moat.server.standin.OpenAiChatCompletionsTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandInModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "upstream-secret-for-tests";
    private static final String OPENAI_BODY =
            "{\"model\":\"moat-standin-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    private static final String ANTHROPIC_BODY = "{\"model\":\"moat-standin-small\",\"max_tokens\":256,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";

    private static Vertx vertx;
    private static StandInModel keyed;
    private static WireClient keyedClient;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        keyed = StandInModel.start(vertx, StandInSettings.defaults().withoutPacing().withExpectedApiKey(KEY)).await();
        keyedClient = new WireClient("http://127.0.0.1:" + keyed.port());
    }

    @AfterAll
    static void stop() {
        keyed.close().await();
        vertx.close().await();
    }

    @Test
    void listsItsModelsInOpenAisShapeOrAnthropicsWhenAskedByAnAnthropicClient() throws Exception {
        JsonNode openAi = JSON.readTree(keyedClient.get("/v1/models", "authorization", "Bearer " + KEY).body());
        assertThat(openAi.get("object").textValue()).isEqualTo("list");
        assertThat(openAi.get("data").findValuesAsText("id")).containsExactly("moat-standin-small", "moat-standin-large");
        assertThat(fieldNames(openAi.get("data").get(0))).containsExactly("id", "object", "created", "owned_by");
        assertThat(openAi.get("data").get(0).get("object").textValue()).isEqualTo("model");

        JsonNode anthropic = JSON.readTree(keyedClient.get("/v1/models",
                "x-api-key", KEY, "anthropic-version", "2023-06-01").body());
        assertThat(anthropic.get("data").findValuesAsText("id")).containsExactly("moat-standin-small", "moat-standin-large");
        assertThat(anthropic.get("data").get(0).get("type").textValue()).isEqualTo("model");
        assertThat(anthropic.get("has_more").booleanValue()).isFalse();
        assertThat(anthropic.get("first_id").textValue()).isEqualTo("moat-standin-small");
        assertThat(anthropic.get("last_id").textValue()).isEqualTo("moat-standin-large");
    }

    @Test
    void servesTheModelsItIsConfiguredWith() throws Exception {
        StandInModel custom = StandInModel.start(vertx,
                StandInSettings.defaults().withoutPacing().withModels(List.of("model-a"))).await();
        try {
            WireClient client = new WireClient("http://127.0.0.1:" + custom.port());
            assertThat(JSON.readTree(client.get("/v1/models").body()).get("data").findValuesAsText("id"))
                    .containsExactly("model-a");
            assertThat(client.post("/v1/chat/completions", OPENAI_BODY).statusCode()).isEqualTo(404);
            assertThat(client.post("/v1/chat/completions", OPENAI_BODY.replace("moat-standin-small", "model-a"))
                    .statusCode()).isEqualTo(200);
        } finally {
            custom.close().await();
        }
    }

    @Test
    void requiresTheExpectedKeyInEachApisOwnHeader() throws Exception {
        OpenAiChatCompletionsTest.assertError(keyedClient.post("/v1/chat/completions", OPENAI_BODY),
                401, "invalid_request_error", "invalid_api_key");
        OpenAiChatCompletionsTest.assertError(keyedClient.post("/v1/chat/completions", OPENAI_BODY,
                "authorization", "Bearer wrong"), 401, "invalid_request_error", "invalid_api_key");
        OpenAiChatCompletionsTest.assertError(keyedClient.post("/v1/chat/completions", OPENAI_BODY,
                "x-api-key", KEY), 401, "invalid_request_error", "invalid_api_key");
        assertThat(keyedClient.post("/v1/chat/completions", OPENAI_BODY, "authorization", "Bearer " + KEY)
                .statusCode()).isEqualTo(200);

        AnthropicMessagesTest.assertError(keyedClient.post("/v1/messages", ANTHROPIC_BODY),
                401, "authentication_error");
        AnthropicMessagesTest.assertError(keyedClient.post("/v1/messages", ANTHROPIC_BODY, "x-api-key", "wrong"),
                401, "authentication_error");
        AnthropicMessagesTest.assertError(keyedClient.post("/v1/messages", ANTHROPIC_BODY,
                "authorization", "Bearer " + KEY), 401, "authentication_error");
        assertThat(keyedClient.post("/v1/messages", ANTHROPIC_BODY, "x-api-key", KEY).statusCode()).isEqualTo(200);

        OpenAiChatCompletionsTest.assertError(keyedClient.get("/v1/models"), 401, "invalid_request_error",
                "invalid_api_key");
        HttpResponse<String> wrong = keyedClient.post("/v1/messages", ANTHROPIC_BODY, "x-api-key", "wrong");
        assertThat(wrong.body()).doesNotContain("wrong");
    }

    @Test
    void answersUnknownRoutesWithA404InOpenAisShape() throws Exception {
        OpenAiChatCompletionsTest.assertError(keyedClient.get("/v1/embeddings"), 404, "invalid_request_error", null);
        OpenAiChatCompletionsTest.assertError(keyedClient.get("/v1/chat/completions"), 404,
                "invalid_request_error", null);
    }

    @Test
    void streamsOpenAiChunksIncrementally() {
        assertStreamsIncrementally("/v1/chat/completions",
                OPENAI_BODY.replace("}]}", "}],\"stream\":true,\"max_tokens\":30}"),
                "authorization", "Bearer " + KEY);
    }

    @Test
    void streamsAnthropicEventsIncrementally() {
        assertStreamsIncrementally("/v1/messages",
                ANTHROPIC_BODY.replace("256", "30").replace("}]}", "}],\"stream\":true}"),
                "x-api-key", KEY);
    }

    /**
     * With pacing on, the first frame reaches the client while the stand-in still counts the stream as being
     * written: the response is sent frame by frame, not buffered and sent whole. The opening frame goes out
     * at once and the long time to first token keeps the stream open while the client reads it, even on a
     * loaded machine; the short chunk delay keeps the test quick.
     */
    private static void assertStreamsIncrementally(String path, String body, String... headers) {
        StandInModel paced = StandInModel.start(vertx, StandInSettings.defaults()
                .withExpectedApiKey(KEY)
                .withPacing(Duration.ofMillis(400), Duration.ofMillis(2))).await();
        try {
            WireClient client = new WireClient("http://127.0.0.1:" + paced.port());
            HttpResponse<Stream<String>> response = client.postStreaming(path, body, headers);
            assertThat(response.statusCode()).isEqualTo(200);
            try (Stream<String> lines = response.body()) {
                Iterator<String> iterator = lines.iterator();
                assertThat(iterator.next()).startsWith(path.equals("/v1/messages") ? "event: message_start" : "data: {");
                assertThat(paced.activeStreams()).isEqualTo(1);
                int remaining = 0;
                while (iterator.hasNext()) {
                    iterator.next();
                    remaining++;
                }
                assertThat(remaining).isGreaterThan(2 * 30);
            }
        } finally {
            paced.close().await();
        }
    }

    @Test
    void stopsWritingAStreamWhenTheClientGoesAway() throws Exception {
        StandInModel slow = StandInModel.start(vertx, StandInSettings.defaults()
                .withPacing(Duration.ofMillis(10), Duration.ofSeconds(1))).await();
        try {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), slow.port())) {
                socket.setSoTimeout(30_000);
                send(socket, "/v1/chat/completions", OPENAI_BODY.replace("}]}", "}],\"stream\":true}"), "");
                String received = readUntil(socket.getInputStream(), "data: {");
                assertThat(received).startsWith("HTTP/1.1 200");
                assertThat(slow.activeStreams()).isEqualTo(1);
            }
            for (int attempt = 0; attempt < 1_000 && slow.activeStreams() > 0; attempt++) {
                Thread.sleep(10);
            }
            assertThat(slow.activeStreams()).isZero();
        } finally {
            slow.close().await();
        }
    }

    @Test
    void refusesABodyOverTheLimitWithoutReadingIt() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), keyed.port())) {
            socket.setSoTimeout(30_000);
            String head = "POST /v1/messages HTTP/1.1\r\nHost: standin\r\nContent-Type: application/json\r\n"
                    + "x-api-key: " + KEY + "\r\nContent-Length: " + (StandInModel.MAX_BODY_BYTES + 1) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String response = readUntil(socket.getInputStream(), "\"}}");
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).contains("{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\"");
        }
    }

    private static void send(Socket socket, String path, String body, String extraHeaders) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: standin\r\nContent-Type: application/json\r\n"
                + extraHeaders + "Content-Length: " + bytes.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads until {@code marker} has arrived (or the connection ends) and returns everything read. */
    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        int read;
        while (!received.toString(StandardCharsets.UTF_8).contains(marker) && (read = in.read(buffer)) > 0) {
            received.write(buffer, 0, read);
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        StandInSettings defaults = StandInSettings.defaults();
        assertThatThrownBy(() -> defaults.withPort(70_000)).hasMessageContaining("port: 70000");
        assertThatThrownBy(() -> defaults.withModels(List.of())).hasMessageContaining("models");
        assertThatThrownBy(() -> defaults.withModels(List.of("a", "a"))).hasMessageContaining("no name twice");
        assertThatThrownBy(() -> defaults.withExpectedApiKey(" ")).hasMessageContaining("expectedApiKey");
        assertThatThrownBy(() -> defaults.withPacing(Duration.ofMillis(-1), Duration.ZERO))
                .hasMessageContaining("firstTokenDelay");
        assertThatThrownBy(() -> defaults.withHost("")).hasMessageContaining("host");
        assertThat(defaults.models()).containsExactly("moat-standin-small", "moat-standin-large");
        assertThat(defaults.firstTokenDelay()).isPositive();
        assertThat(defaults.chunkDelay()).isPositive();
    }

    @Test
    void failsToStartOnAPortThatIsTaken() {
        StandInSettings samePort = StandInSettings.defaults().withPort(keyed.port());
        assertThatThrownBy(() -> StandInModel.start(vertx, samePort).await()).isInstanceOf(BindException.class);
    }
}
