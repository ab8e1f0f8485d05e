package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.server.testing.RecordedRequest;
import dev.moat.server.testing.ServerSentEvents;
import dev.moat.server.testing.StubGate;
import dev.moat.server.testing.StubResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proxying through the real gateway to a stub upstream that speaks the real wire formats. */
class GatewayProxyTest {

    private static final String OPENAI_RESPONSE = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"model-a",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,"completion_tokens_details":{"reasoning_tokens":3}}}""";
    private static final String ANTHROPIC_RESPONSE = """
            {"id":"msg_1","type":"message","role":"assistant","model":"model-a",
             "content":[{"type":"text","text":"Hi from Claude-format"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":21,"output_tokens":9}}""";

    static GatewayFixture moat;
    static GatewayFixture.Tenant tenant;

    @BeforeAll
    static void start() {
        moat = new GatewayFixture();
        tenant = moat.approvedTenant("Proxy Test Ltd", "[\"model-a\"]", null);
    }

    @AfterAll
    static void stop() {
        moat.close();
    }

    private static String chat(boolean stream, String extra) {
        return "{\"model\":\"model-a\",\"max_tokens\":50" + (stream ? ",\"stream\":true" : "") + extra
                + ",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Say hello\"}]}";
    }

    private static JsonNode usage() {
        return moat.admin("GET", "/admin/v1/usage?org=" + tenant.orgId(), null).body();
    }

    private static JsonNode eventOf(java.net.http.HttpResponse<?> response) {
        return moat.eventOf(response, tenant.orgId());
    }

    @Test
    void openAiJsonIsRelayedWithTheUpstreamKeyAndCounted() {
        moat.upstream.respondWith(StubResponse.json(200, OPENAI_RESPONSE));
        long before = usage().get("completion_tokens").asLong();

        HttpResponse<String> response = moat.gateway.post("/v1/chat/completions", chat(false, ""),
                "authorization", "Bearer " + tenant.key());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(response.body()).contains("Hello there");
        RecordedRequest sent = moat.upstream.requests().getLast();
        assertThat(sent.uri()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).contains("Bearer " + GatewayFixture.UPSTREAM_KEY);
        assertThat(sent.toString()).doesNotContain(tenant.key());
        assertThat(usage().get("completion_tokens").asLong()).isEqualTo(before + 7);
        JsonNode event = eventOf(response);
        assertThat(event.get("api").asText()).isEqualTo("openai");
        assertThat(event.path("response").get("prompt_tokens").asLong()).isEqualTo(11);
        assertThat(event.path("response").get("reasoning_tokens").asLong()).isEqualTo(3);
        assertThat(event.path("response").get("text").asText()).isEqualTo("Hello there");
        assertThat(event.path("request").get("system").asText()).isEqualTo("Be brief.");
        assertThat(event.path("decision").get("action").asText()).isEqualTo("allow");
    }

    @Test
    void aWholeAnswerThatArrivesInPiecesIsRelayedAndReadWhole() {
        // One chunk is relayed as Vert.x handed it over; more than one are gathered (UpstreamForwarder.relayWhole).
        int third = OPENAI_RESPONSE.length() / 3;
        moat.upstream.respondWith(StubResponse.script(200).header("content-type", "application/json")
                .write(OPENAI_RESPONSE.substring(0, third)).pause(Duration.ofMillis(30))
                .write(OPENAI_RESPONSE.substring(third, 2 * third)).pause(Duration.ofMillis(30))
                .write(OPENAI_RESPONSE.substring(2 * third)).end());

        HttpResponse<String> response = moat.gateway.post("/v1/chat/completions", chat(false, ""),
                "authorization", "Bearer " + tenant.key());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(OPENAI_RESPONSE);
        JsonNode event = eventOf(response);
        assertThat(event.path("response").get("prompt_tokens").asLong()).isEqualTo(11);
        assertThat(event.path("response").get("completion_tokens").asLong()).isEqualTo(7);
        assertThat(event.path("response").get("text").asText()).isEqualTo("Hello there");
    }

    @Test
    void anthropicJsonIsRelayedWithXApiKeyAndVersion() {
        moat.upstream.respondWith(StubResponse.json(200, ANTHROPIC_RESPONSE));

        HttpResponse<String> response = moat.gateway.post("/v1/messages",
                "{\"model\":\"model-a\",\"max_tokens\":64,\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]}",
                "x-api-key", tenant.key(), "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Hi from Claude-format");
        RecordedRequest sent = moat.upstream.requests().getLast();
        assertThat(sent.uri()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).contains(GatewayFixture.UPSTREAM_KEY);
        assertThat(sent.header("anthropic-version")).contains("2023-06-01");
        assertThat(sent.header("authorization")).isEmpty();
        JsonNode event = eventOf(response);
        assertThat(event.get("api").asText()).isEqualTo("anthropic");
        assertThat(event.path("response").get("prompt_tokens").asLong()).isEqualTo(21);
        assertThat(event.path("response").get("completion_tokens").asLong()).isEqualTo(9);
        assertThat(event.path("response").get("finish_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void openAiStreamGetsUsageUpstreamButTheClientSeesOnlyWhatItAskedFor() {
        moat.upstream.respondWith(openAiStream());

        HttpResponse<String> response = moat.gateway.post("/v1/chat/completions", chat(true, ""),
                "authorization", "Bearer " + tenant.key());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(moat.upstream.requests().getLast().bodyJson().path("stream_options").path("include_usage").asBoolean()).isTrue();
        List<ServerSentEvents.Event> events = ServerSentEvents.parse(response.body());
        assertThat(events).extracting(ServerSentEvents.Event::data).last().isEqualTo("[DONE]");
        assertThat(response.body()).doesNotContain("\"usage\"");
        assertThat(events).hasSize(4);
        JsonNode event = eventOf(response);
        assertThat(event.path("response").get("prompt_tokens").asLong()).isEqualTo(5);
        assertThat(event.path("response").get("completion_tokens").asLong()).isEqualTo(2);
        assertThat(event.path("response").get("text").asText()).isEqualTo("Hello world");
        assertThat(event.path("request").get("stream").asBoolean()).isTrue();
    }

    @Test
    void openAiStreamKeepsTheUsageChunkWhenTheClientAskedForIt() {
        moat.upstream.respondWith(openAiStream());

        HttpResponse<String> response = moat.gateway.post("/v1/chat/completions",
                chat(true, ",\"stream_options\":{\"include_usage\":true}"), "authorization", "Bearer " + tenant.key());

        assertThat(ServerSentEvents.parse(response.body())).hasSize(5);
        assertThat(response.body()).contains("\"usage\":{\"prompt_tokens\":5");
    }

    @Test
    void anthropicStreamIsMeteredFromMessageStartAndMessageDelta() {
        moat.upstream.respondWith(StubResponse.eventStream()
                .write(ServerSentEvents.event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"model-a\",\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}"))
                .write(ServerSentEvents.event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"))
                .write(ServerSentEvents.event("ping", "{\"type\":\"ping\"}"))
                .write(ServerSentEvents.event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Bonjour\"}}"))
                .write(ServerSentEvents.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"))
                .write(ServerSentEvents.event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}"))
                .write(ServerSentEvents.event("message_stop", "{\"type\":\"message_stop\"}"))
                .end());

        HttpResponse<String> response = moat.gateway.post("/v1/messages",
                "{\"model\":\"model-a\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "x-api-key", tenant.key());

        List<ServerSentEvents.Event> events = ServerSentEvents.parse(response.body());
        assertThat(events).extracting(e -> e.name().orElse("")).containsExactly("message_start", "content_block_start",
                "ping", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode event = eventOf(response);
        assertThat(event.path("response").get("prompt_tokens").asLong()).isEqualTo(25);
        assertThat(event.path("response").get("completion_tokens").asLong()).isEqualTo(15);
        assertThat(event.path("response").get("text").asText()).isEqualTo("Bonjour");
    }

    @Test
    void streamingArrivesIncrementallyBeforeTheUpstreamFinishes() {
        StubGate gate = new StubGate();
        moat.upstream.respondWith(StubResponse.eventStream()
                .write(ServerSentEvents.data("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"first\"},\"finish_reason\":null}]}"))
                .awaitGate(gate)
                .write(ServerSentEvents.data("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"))
                .write(ServerSentEvents.data("[DONE]"))
                .end());

        HttpResponse<Stream<String>> response = moat.gateway.postStreaming("/v1/chat/completions", chat(true, ""),
                "authorization", "Bearer " + tenant.key());
        Iterator<String> lines = response.body().iterator();

        assertThat(lines.next()).contains("first");
        assertThat(gate.isOpen()).isFalse();
        gate.open();
        StringBuilder rest = new StringBuilder();
        lines.forEachRemaining(line -> rest.append(line).append('\n'));
        assertThat(rest).contains("[DONE]");
    }

    @Test
    void modelsListsOnlyWhatTheKeyMayUse() {
        HttpResponse<String> openai = moat.gateway.get("/v1/models", "authorization", "Bearer " + tenant.key());
        HttpResponse<String> anthropic = moat.gateway.get("/v1/models", "x-api-key", tenant.key(), "anthropic-version", "2023-06-01");

        assertThat(openai.statusCode()).isEqualTo(200);
        assertThat(openai.body()).contains("\"object\":\"list\"", "\"id\":\"model-a\"").doesNotContain("model-b");
        assertThat(anthropic.body()).contains("\"type\":\"model\"", "\"has_more\":false").doesNotContain("model-b");
    }

    static StubResponse openAiStream() {
        String chunk = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"model-a\",\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]}";
        return StubResponse.eventStream()
                .writeEach(List.of(
                        ServerSentEvents.data(chunk.formatted("{\"role\":\"assistant\",\"content\":\"Hello\"}", "null")),
                        ServerSentEvents.data(chunk.formatted("{\"content\":\" world\"}", "null")),
                        ServerSentEvents.data(chunk.formatted("{}", "\"stop\"")),
                        ServerSentEvents.data("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"model-a\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}"),
                        ServerSentEvents.data("[DONE]")), Duration.ofMillis(5))
                .end();
    }
}
