package dev.moat.server.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scriptable upstream for integration tests: an HTTP server on an ephemeral port of 127.0.0.1 that answers
 * each request as the test scripted it ({@link StubResponse}: plain responses, SSE streams with pauses and
 * gates, a connection cut mid-stream, a response that never comes), records every request it received, and
 * counts how many are in flight at once.
 *
 * <p>A request is in flight from the moment it arrives until its response has ended or its connection has
 * closed. Until a test scripts it, the stub answers 500 with a message saying so. All methods are
 * thread-safe; scripts may be changed between requests.
 */
public final class StubUpstream {

    private static final StubResponse UNSCRIPTED = StubResponse.json(500,
            "{\"error\":\"StubUpstream has no scripted response; call respondWith(...) in the test\"}");

    private final Vertx vertx;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<RecordedRequest, StubResponse> responder = request -> UNSCRIPTED;
    private volatile HttpServer server;

    private StubUpstream(Vertx vertx) {
        this.vertx = vertx;
    }

    public static Future<StubUpstream> start(Vertx vertx) {
        StubUpstream stub = new StubUpstream(vertx);
        return vertx.createHttpServer()
                .requestHandler(stub::handle)
                .listen(0, "127.0.0.1")
                .map(server -> {
                    stub.server = server;
                    return stub;
                });
    }

    /**
     * A port on 127.0.0.1 that nothing listens on, for "connection refused" tests. It was free a moment ago;
     * another process could take it, which on a test machine is unlikely enough to ignore.
     */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:PORT}, for an upstream's {@code base_url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Answers every following request with {@code response}. */
    public void respondWith(StubResponse response) {
        Objects.requireNonNull(response, "response");
        respondWith(request -> response);
    }

    /** Answers each following request with what {@code responder} returns for it. */
    public void respondWith(Function<RecordedRequest, StubResponse> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The most requests that were ever in flight at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Stops listening and closes every open connection, hanging ones included. */
    public Future<Void> close() {
        return server.close();
    }

    private void handle(HttpServerRequest request) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        AtomicBoolean settled = new AtomicBoolean();
        Runnable leaveFlight = () -> {
            if (settled.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
        HttpServerResponse response = request.response();
        response.endHandler(ended -> leaveFlight.run());
        response.closeHandler(closed -> leaveFlight.run());
        Context context = vertx.getOrCreateContext();
        request.body().onComplete(body -> {
            RecordedRequest recorded = new RecordedRequest(request.method().name(), request.uri(),
                    headersOf(request), body.toString(StandardCharsets.UTF_8));
            requests.add(recorded);
            play(context, response, responder.apply(recorded), 0, Future.succeededFuture());
        }, failure -> leaveFlight.run());
    }

    /**
     * Runs {@code script} from step {@code from}; {@code written} completes when the last write so far has
     * reached the socket, so that a reset never overtakes the chunks written before it.
     */
    private void play(Context context, HttpServerResponse response, StubResponse script, int from,
                      Future<Void> written) {
        if (response.closed()) {
            return;
        }
        if (script.isSingleWrite()) {
            writeHead(response, script, false);
            response.end(((StubResponse.Write) script.steps().getFirst()).text());
            return;
        }
        Future<Void> lastWrite = written;
        for (int step = from; step < script.steps().size(); step++) {
            int next = step + 1;
            Future<Void> writtenSoFar = lastWrite;
            switch (script.steps().get(step)) {
                case StubResponse.Write write -> {
                    writeHead(response, script, true);
                    lastWrite = response.write(write.text());
                }
                case StubResponse.Pause pause -> {
                    if (!pause.duration().isZero()) {
                        vertx.setTimer(Math.max(1, pause.duration().toMillis()),
                                fired -> play(context, response, script, next, writtenSoFar));
                        return;
                    }
                }
                case StubResponse.AwaitGate await -> {
                    await.gate().whenOpen().onComplete(opened ->
                            context.runOnContext(onContext -> play(context, response, script, next, writtenSoFar)));
                    return;
                }
            }
        }
        switch (script.ending()) {
            case END -> {
                writeHead(response, script, true);
                response.end();
            }
            case RESET -> lastWrite.onComplete(flushed -> response.reset());
            case HANG -> { }
        }
    }

    private static void writeHead(HttpServerResponse response, StubResponse script, boolean chunked) {
        if (response.headWritten() || response.isChunked()) {
            return;
        }
        response.setStatusCode(script.status());
        script.headers().forEach(response::putHeader);
        response.setChunked(chunked);
    }

    private static Map<String, List<String>> headersOf(HttpServerRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(entry -> headers
                .computeIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                .add(entry.getValue()));
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
    }
}
