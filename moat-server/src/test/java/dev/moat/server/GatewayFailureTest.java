package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.server.testing.ServerSentEvents;
import dev.moat.server.testing.StubGate;
import dev.moat.server.testing.StubResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every refusal and failure the gateway can return, each in the client API's own error shape. */
class GatewayFailureTest {

    static GatewayFixture moat;
    static GatewayFixture.Tenant approved;

    @BeforeAll
    static void start() {
        moat = new GatewayFixture("gateway: {max_body_bytes: 4096}", "2s");
        approved = moat.approvedTenant("Failure Test Ltd", "[\"model-a\"]", null);
    }

    @AfterAll
    static void stop() {
        moat.close();
    }

    private static final String CHAT = "{\"model\":\"model-a\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String MESSAGES = "{\"model\":\"model-a\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private static JsonNode openAiError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("type").asText()).isNotEmpty();
        assertThat(error.path("message").asText()).isNotEmpty();
        return error;
    }

    private static JsonNode anthropicError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = json(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isNotEmpty();
        assertThat(body.path("error").path("message").asText()).isNotEmpty();
        return body.path("error");
    }

    private static JsonNode json(String text) {
        try {
            return GatewayFixture.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void malformedJsonIsA400NamingTheProblem() {
        JsonNode error = openAiError(moat.gateway.post("/v1/chat/completions", "{\"model\": \"model-a\", \"messages\": [",
                "authorization", "Bearer " + approved.key()), 400, "invalid_request");
        assertThat(error.path("message").asText()).contains("not valid JSON").contains("line 1");
        assertThat(anthropicError(moat.gateway.post("/v1/messages", "{\"model\":\"model-a\",\"messages\":[]}",
                "x-api-key", approved.key()), 400).path("message").asText()).contains("max_tokens");
        assertThat(openAiError(moat.gateway.post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "authorization", "Bearer " + approved.key()), 400, "invalid_request").path("message").asText()).contains("model");
    }

    @Test
    void unknownOrMissingKeysAre401InBothShapes() {
        openAiError(moat.gateway.post("/v1/chat/completions", CHAT), 401, "missing_api_key");
        openAiError(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer moat-nope"), 401, "invalid_api_key");
        assertThat(anthropicError(moat.gateway.post("/v1/messages", MESSAGES, "x-api-key", "moat-nope"), 401)
                .path("type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void organisationsThatAreNotApprovedAndUnentitledModelsAre403() {
        GatewayFixture.Tenant pending = moat.tenant("Pending Ltd", "[\"model-a\"]", null);
        openAiError(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + pending.key()), 403, "org_not_approved");
        openAiError(moat.gateway.post("/v1/chat/completions", CHAT.replace("model-a", "model-b"),
                "authorization", "Bearer " + approved.key()), 403, "model_not_entitled");
        assertThat(anthropicError(moat.gateway.post("/v1/messages", MESSAGES, "x-api-key", pending.key()), 403)
                .path("code").asText()).isEqualTo("org_not_approved");
    }

    @Test
    void unknownModelsAre404() {
        openAiError(moat.gateway.post("/v1/chat/completions", CHAT.replace("model-a", "model-z"),
                "authorization", "Bearer " + approved.key()), 404, "model_not_found");
    }

    @Test
    void bodiesOverTheLimitAre413WithoutBeingRead() throws Exception {
        String big = "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(10_000) + "\"}]}";
        openAiError(moat.gateway.post("/v1/chat/completions", big, "authorization", "Bearer " + approved.key()), 413, "request_too_large");

        // Without Content-Length (chunked), the gateway stops reading once the limit is passed.
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + moat.server.gatewayPort() + "/v1/messages"))
                .header("x-api-key", approved.key())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build();
        anthropicError(client.send(chunked, HttpResponse.BodyHandlers.ofString()), 413);
    }

    @Test
    void refusedUpstreamIs502() {
        moat.upstream.respondWith(StubResponse.resetWithoutResponse());
        openAiError(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + approved.key()), 502, "upstream_failed");
    }

    @Test
    void upstreamServerErrorIs502() {
        moat.upstream.respondWith(StubResponse.json(500, "{\"error\":{\"message\":\"boom\"}}"));
        JsonNode error = openAiError(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + approved.key()),
                502, "upstream_failed");
        assertThat(error.path("message").asText()).contains("HTTP 500");
    }

    @Test
    void upstreamTimeoutIs504() {
        moat.upstream.respondWith(StubResponse.hang());
        openAiError(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + approved.key()), 504, "upstream_timeout");
        assertThat(anthropicError(moat.gateway.post("/v1/messages", MESSAGES, "x-api-key", approved.key()), 504)
                .path("code").asText()).isEqualTo("upstream_timeout");
    }

    @Test
    void upstreamClientErrorsPassThroughUnchanged() {
        moat.upstream.respondWith(StubResponse.json(400, "{\"error\":{\"message\":\"bad temperature\",\"type\":\"invalid_request_error\",\"code\":null}}"));
        HttpResponse<String> response = moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + approved.key());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("bad temperature");
    }

    @Test
    void anOpenAiStreamThatDiesEndsWithAnErrorEventAndRecordsWhatWasDelivered() {
        moat.upstream.respondWith(StubResponse.eventStream()
                .write(ServerSentEvents.data("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial answer that was delivered\"},\"finish_reason\":null}]}"))
                .pause(Duration.ofMillis(20))
                .reset());

        HttpResponse<String> response = moat.gateway.post("/v1/chat/completions", CHAT.replace("{\"model\"", "{\"stream\":true,\"model\""),
                "authorization", "Bearer " + approved.key());

        assertThat(response.statusCode()).isEqualTo(200);
        var events = ServerSentEvents.parse(response.body());
        assertThat(events.getFirst().data()).contains("partial answer");
        assertThat(json(events.getLast().data()).path("error").path("code").asText()).isEqualTo("upstream_failed");
        JsonNode event = moat.eventOf(response, approved.orgId());
        assertThat(event.path("response").get("completion_tokens").asLong()).isPositive();
        assertThat(event.path("response").get("finish_reason").asText()).isEqualTo("error");
        assertThat(event.path("decision").get("action").asText()).isEqualTo("error");
    }

    /**
     * A client that closes a stream has received part of an answer: the event records it as 499 with the tokens and
     * the text delivered, because what reached the client is what was used (for detection and provenance).
     */
    @Test
    void aStreamTheClientClosesIsRecordedWithWhatWasDelivered() throws Exception {
        StubGate never = new StubGate();
        moat.upstream.respondWith(StubResponse.eventStream()
                .write(ServerSentEvents.data("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"the worked solution, delivered\"},\"finish_reason\":null}]}"))
                .awaitGate(never)
                .end());
        String body = CHAT.replace("{\"model\"", "{\"stream\":true,\"model\"");
        String requestId;
        try (Socket socket = new Socket("127.0.0.1", moat.server.gatewayPort())) {
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: moat\r\n"
                    + "Authorization: Bearer " + approved.key() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String received = readUntil(socket.getInputStream(), "delivered");
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("(?i)x-request-id: (req_\\S+)").matcher(received);
            assertThat(id.find()).as("request id header in %s", received).isTrue();
            requestId = id.group(1);
        }
        JsonNode event = moat.eventOf(requestId, approved.orgId());
        never.open();
        assertThat(event.path("response").get("status").asInt()).isEqualTo(499);
        assertThat(event.path("response").get("completion_tokens").asLong()).isPositive();
        assertThat(event.path("response").get("text").asText()).isEqualTo("the worked solution, delivered");
    }

    /**
     * The other side of the same rule: a client on HTTP/2 (the JDK's client upgrades cleartext connections to it) has
     * each stream closed as its answer ends, and that close is not the client leaving early — the call is served (200).
     */
    @Test
    void anAnswerSentInFullOverHttp2IsRecordedAsServed() throws Exception {
        moat.upstream.respondWith(StubResponse.json(200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"served in full\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3,\"total_tokens\":6}}"));
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = http2.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + moat.server.gatewayPort() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + approved.key()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        JsonNode event = moat.eventOf(response, approved.orgId());
        assertThat(event.path("response").get("status").asInt()).isEqualTo(200);
        assertThat(event.path("response").get("text").asText()).isEqualTo("served in full");
    }

    /** Reads from {@code in} until {@code marker} has arrived; what was read so far. */
    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!read.toString().contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("the stream ended before \"" + marker + "\": " + read);
            }
            read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return read.toString();
    }

    @Test
    void anAnthropicStreamThatDiesEndsWithAnErrorEvent() {
        moat.upstream.respondWith(StubResponse.eventStream()
                .write(ServerSentEvents.event("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}"))
                .write(ServerSentEvents.event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"half\"}}"))
                .reset());

        HttpResponse<String> response = moat.gateway.post("/v1/messages", MESSAGES.replace("{\"model\"", "{\"stream\":true,\"model\""),
                "x-api-key", approved.key());

        var events = ServerSentEvents.parse(response.body());
        assertThat(events.getLast().name()).contains("error");
        assertThat(json(events.getLast().data()).path("type").asText()).isEqualTo("error");
    }

    @Test
    void everyRefusalIsRecordedAsAUsageEvent() {
        long before = moat.admin("GET", "/admin/v1/usage?org=" + approved.orgId(), null).body().get("denied").asLong();
        HttpResponse<String> response = moat.gateway.post("/v1/chat/completions", CHAT.replace("model-a", "model-b"),
                "authorization", "Bearer " + approved.key());
        JsonNode usage = moat.admin("GET", "/admin/v1/usage?org=" + approved.orgId(), null).body();
        assertThat(usage.get("denied").asLong()).isEqualTo(before + 1);
        JsonNode event = moat.eventOf(response, approved.orgId());
        assertThat(event.path("decision").get("action").asText()).isEqualTo("deny");
        assertThat(event.path("decision").get("code").asText()).isEqualTo("model_not_entitled");
        assertThat(event.path("response").get("status").asInt()).isEqualTo(403);
    }
}
