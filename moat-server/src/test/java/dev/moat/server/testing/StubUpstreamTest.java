package dev.moat.server.testing;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StubUpstreamTest {

    private static Vertx vertx;
    private StubUpstream stub;
    private WireClient client;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    @BeforeEach
    void start() {
        stub = StubUpstream.start(vertx).await();
        client = new WireClient(stub.baseUrl());
    }

    @AfterEach
    void stop() {
        stub.close().await();
    }

    @Test
    void answersAsScriptedAndRecordsTheRequest() {
        stub.respondWith(StubResponse.json(429, "{\"error\":{\"type\":\"rate_limit\"}}"));

        HttpResponse<String> response = client.post("/v1/chat/completions?x=1", "{\"model\":\"m\"}",
                "Authorization", "Bearer upstream-key");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":{\"type\":\"rate_limit\"}}");
        RecordedRequest recorded = stub.requests().getFirst();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.uri()).isEqualTo("/v1/chat/completions?x=1");
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.header("authorization")).hasValue("Bearer upstream-key");
        assertThat(recorded.header("AUTHORIZATION")).hasValue("Bearer upstream-key");
        assertThat(recorded.bodyJson().get("model").textValue()).isEqualTo("m");
        assertThat(stub.inFlight()).isZero();
    }

    @Test
    void saysSoWhenNoResponseWasScripted() {
        HttpResponse<String> response = client.get("/anything");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("respondWith");
    }

    @Test
    void choosesTheResponseFromTheRequest() {
        stub.respondWith(request -> StubResponse.json(200, "{\"path\":\"" + request.uri() + "\"}"));

        assertThat(client.get("/one").body()).isEqualTo("{\"path\":\"/one\"}");
        assertThat(client.get("/two").body()).isEqualTo("{\"path\":\"/two\"}");
        assertThat(stub.requests()).extracting(RecordedRequest::uri).containsExactly("/one", "/two");
    }

    @Test
    void streamsEventsAndHoldsTheStreamAtAGateUntilTheTestOpensIt() {
        StubGate gate = new StubGate();
        stub.respondWith(StubResponse.eventStream()
                .write(ServerSentEvents.data("{\"n\":1}"))
                .awaitGate(gate)
                .writeEach(List.of(ServerSentEvents.data("{\"n\":2}"), ServerSentEvents.data("[DONE]")),
                        Duration.ofMillis(5))
                .end());

        HttpResponse<Stream<String>> response = client.postStreaming("/v1/chat/completions", "{}");

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        try (Stream<String> lines = response.body()) {
            Iterator<String> iterator = lines.iterator();
            assertThat(iterator.next()).isEqualTo("data: {\"n\":1}");
            assertThat(gate.isOpen()).isFalse();
            assertThat(stub.inFlight()).isEqualTo(1);
            gate.open();
            List<String> rest = new ArrayList<>();
            iterator.forEachRemaining(rest::add);
            assertThat(rest).containsExactly("", "data: {\"n\":2}", "", "data: [DONE]", "");
        }
    }

    /**
     * Read from a raw socket: the JDK client may drop data that arrives together with a premature end of
     * stream, and this test is about what the stub puts on the wire.
     */
    @Test
    void diesMidStreamAfterTheScriptedChunks() throws Exception {
        stub.respondWith(StubResponse.eventStream()
                .write(ServerSentEvents.event("message_start", "{}"))
                .write(ServerSentEvents.event("content_block_delta", "{}"))
                .reset());

        String received;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stub.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(
                    "POST /v1/messages HTTP/1.1\r\nHost: stub\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.UTF_8));
            received = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(received).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
        String body = received.substring(received.indexOf("\r\n\r\n") + 4);
        String first = ServerSentEvents.event("message_start", "{}");
        String second = ServerSentEvents.event("content_block_delta", "{}");
        assertThat(body).isEqualTo(Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                + Integer.toHexString(second.length()) + "\r\n" + second + "\r\n");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void cutsTheConnectionWithoutAnyResponse() {
        stub.respondWith(StubResponse.resetWithoutResponse());

        assertThatThrownBy(() -> rawClient().send(post("/v1/messages"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void hangsUntilTheClientGivesUpAndCountsTheRequestAsInFlightMeanwhile() throws Exception {
        stub.respondWith(StubResponse.hang());
        HttpClient http = rawClient();

        CompletableFuture<HttpResponse<String>> first = http.sendAsync(post("/a"), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = http.sendAsync(post("/b"), HttpResponse.BodyHandlers.ofString());
        awaitInFlight(2);

        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(stub.maxInFlight()).isEqualTo(2);
        stub.close().await();
        assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(second::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        awaitInFlight(0);
        assertThat(stub.maxInFlight()).isEqualTo(2);
    }

    @Test
    void aClosedPortRefusesConnections() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + StubUpstream.closedPort() + "/"))
                .build();

        assertThatThrownBy(() -> rawClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void parsesEventStreamsStrictly() {
        String stream = ServerSentEvents.event("message_start", "{\"a\":1}") + ": keep-alive\n\n"
                + ServerSentEvents.data("[DONE]") + "data: line one\ndata: line two\n\n";

        assertThat(ServerSentEvents.parse(stream)).containsExactly(
                new ServerSentEvents.Event(Optional.of("message_start"), "{\"a\":1}"),
                new ServerSentEvents.Event(Optional.empty(), "[DONE]"),
                new ServerSentEvents.Event(Optional.empty(), "line one\nline two"));
        assertThatThrownBy(() -> ServerSentEvents.parse("data: cut\n")).hasMessageContaining("blank line");
        assertThatThrownBy(() -> ServerSentEvents.parse("data: cut")).hasMessageContaining("inside a line");
        assertThatThrownBy(() -> ServerSentEvents.parse("garbage\n\n")).hasMessageContaining("field: value");
    }

    private void awaitInFlight(int expected) throws InterruptedException {
        for (int attempt = 0; attempt < 2_000 && stub.inFlight() != expected; attempt++) {
            Thread.sleep(5);
        }
        assertThat(stub.inFlight()).isEqualTo(expected);
    }

    private HttpRequest post(String path) {
        return HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8))
                .build();
    }

    private static HttpClient rawClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }
}
