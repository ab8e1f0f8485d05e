package dev.moat.server.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.moat.detect.ResponseSummary;
import dev.moat.server.upstream.UpstreamClients;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sends an admitted call to its upstream and relays the answer to the client.
 *
 * <p>Streams are relayed event by event as they arrive — never buffered whole — while the dialect
 * reads usage out of them. If the client reads slower than the upstream writes, the upstream
 * response is paused until the client catches up, so memory per call stays bounded. If the
 * upstream fails after the stream has started, the client's stream ends with an error event in its
 * API's format, and the outcome records what was delivered.
 */
final class UpstreamForwarder {

    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;
    private static final int MAX_PREALLOCATED_BYTES = 1024 * 1024;

    private final UpstreamClients clients;

    UpstreamForwarder(UpstreamClients clients) {
        this.clients = clients;
    }

    /** Forwards {@code call}; {@code done} is called exactly once with how it ended. */
    void forward(Call call, HttpServerResponse out, Consumer<CallOutcome> done) {
        Once once = new Once(done);
        ResponseTally tally = new ResponseTally();
        boolean hideUsageChunk = call.dialect.prepareUpstreamBody(call);
        Buffer body;
        if (hideUsageChunk || call.bodyChanged) {
            try {
                body = Buffer.buffer(ApiDialect.JSON.writeValueAsBytes(call.body()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("re-serialising a parsed request failed", e);
            }
        } else {
            // Unchanged: the client's own bytes, without re-encoding or copying.
            body = call.rawBody;
        }
        RequestOptions options = clients.postOptions(call.upstream, call.dialect.path());
        String upstreamName = call.upstream.name();
        clients.client(upstreamName).request(options).onComplete(opened -> {
            if (opened.failed()) {
                once.accept(failure(call, opened.cause(), tally));
                return;
            }
            HttpClientRequest request = opened.result();
            request.headers().set("content-type", "application/json");
            request.headers().set("accept", call.facts.stream() ? "text/event-stream" : "application/json");
            request.headers().set("user-agent", "moat-gateway");
            call.dialect.upstreamHeaders(call.headers, request.headers(), clients.key(upstreamName));
            out.closeHandler(closed -> {
                // a stream (HTTP/2) or connection closed once the answer was sent is not the client leaving early
                if (out.ended()) {
                    return;
                }
                // the outcome first: resetting the upstream request fails its response at once, which would otherwise
                // record the client's own close as an upstream failure
                once.accept(CallOutcome.failed(new GatewayError(ResponseSummary.CLIENT_CLOSED, "client_closed",
                        "The client closed the connection."), tally, "client_closed"));
                request.reset();
            });
            request.send(body).onComplete(answered -> {
                if (answered.failed()) {
                    once.accept(failure(call, answered.cause(), tally));
                    return;
                }
                HttpClientResponse response = answered.result();
                String contentType = response.getHeader("content-type");
                boolean eventStream = contentType != null && contentType.startsWith("text/event-stream");
                if (response.statusCode() < 300 && eventStream) {
                    relayStream(call, response, out, tally, hideUsageChunk, once);
                } else {
                    relayWhole(call, response, out, tally, once);
                }
            });
        });
    }

    private void relayStream(Call call, HttpClientResponse response, HttpServerResponse out, ResponseTally tally,
                             boolean hideUsageChunk, Once once) {
        out.setStatusCode(response.statusCode());
        out.putHeader("content-type", "text/event-stream; charset=utf-8");
        out.putHeader("cache-control", "no-cache");
        out.setChunked(true);
        SseSplitter splitter = new SseSplitter(MAX_EVENT_BYTES);
        response.handler(chunk -> {
            Buffer forward = Buffer.buffer(chunk.length());
            try {
                splitter.feed(chunk.getBytes(), raw -> {
                    if (call.dialect.readStreamEvent(SseEvent.parse(raw), tally, hideUsageChunk)) {
                        forward.appendString(raw);
                    }
                });
            } catch (IllegalStateException e) {
                response.request().reset();
                endStreamWithError(call, out, new GatewayError(502, "upstream_failed", "The upstream sent a malformed stream: " + e.getMessage()), tally, once, "malformed");
                return;
            }
            if (forward.length() > 0) {
                out.write(forward);
            }
            if (out.writeQueueFull()) {
                response.pause();
                out.drainHandler(drained -> response.resume());
            }
        });
        response.exceptionHandler(error -> endStreamWithError(call, out, classify(call, error).error().orElseThrow(),
                tally, once, classify(call, error).failureKind().orElse("reset")));
        response.endHandler(ended -> {
            String rest = splitter.remainder();
            if (!rest.isBlank()) {
                out.write(rest);
            }
            if (!out.ended()) {
                out.end();
            }
            once.accept(CallOutcome.ok(response.statusCode(), tally));
        });
    }

    private void endStreamWithError(Call call, HttpServerResponse out, GatewayError error, ResponseTally tally,
                                    Once once, String kind) {
        if (once.done) {
            return;
        }
        if (!out.ended() && !out.closed()) {
            out.end(call.dialect.streamErrorEvent(error));
        }
        tally.finishReason("error");
        once.accept(CallOutcome.failed(error, tally, kind));
    }

    private void relayWhole(Call call, HttpClientResponse response, HttpServerResponse out, ResponseTally tally, Once once) {
        Buffer body = Buffer.buffer(initialCapacity(response.getHeader("content-length")));
        boolean[] tooLarge = {false};
        response.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            body.appendBuffer(chunk);
            if (body.length() > MAX_RESPONSE_BYTES) {
                tooLarge[0] = true;
                response.request().reset();
                once.accept(CallOutcome.failed(new GatewayError(502, "upstream_failed",
                        "The upstream's response was larger than " + MAX_RESPONSE_BYTES + " bytes."), tally, "too_large"));
            }
        });
        response.exceptionHandler(error -> once.accept(classify(call, error).withTally(tally)));
        response.endHandler(ended -> {
            if (tooLarge[0]) {
                return;
            }
            int status = response.statusCode();
            if (status >= 500) {
                once.accept(CallOutcome.failed(new GatewayError(502, "upstream_failed",
                        "The model API behind this gateway failed (HTTP " + status + "). Try again later."), tally,
                        "status_" + status));
                return;
            }
            if (status < 300) {
                try {
                    call.dialect.readResponse(body, tally);
                } catch (IOException e) {
                    // Not JSON: relayed as it is; usage stays unknown and is settled from the reservation estimate.
                }
            }
            out.setStatusCode(status);
            String contentType = response.getHeader("content-type");
            out.putHeader("content-type", contentType == null ? "application/json" : contentType);
            out.end(body);
            once.accept(CallOutcome.ok(status, tally));
        });
    }

    /**
     * Room for the answer as announced, so it is not copied while it grows — but never more than
     * {@value #MAX_PREALLOCATED_BYTES} bytes up front, whatever an upstream claims.
     */
    private static int initialCapacity(String contentLength) {
        if (contentLength != null) {
            try {
                return (int) Math.clamp(Long.parseLong(contentLength.trim()), 0, MAX_PREALLOCATED_BYTES);
            } catch (NumberFormatException e) {
                // an unreadable length: grow as the bytes come
            }
        }
        return 1024;
    }

    private CallOutcome failure(Call call, Throwable error, ResponseTally tally) {
        return classify(call, error).withTally(tally);
    }

    private static CallOutcome classify(Call call, Throwable error) {
        String name = call.upstream.name();
        if (error instanceof TimeoutException || error.getClass().getSimpleName().contains("Timeout")) {
            return CallOutcome.failed(new GatewayError(504, "upstream_timeout",
                    "The model API did not answer within " + call.upstream.timeout().toSeconds() + " s."), null, "timeout");
        }
        if (error instanceof ConnectException) {
            return CallOutcome.failed(new GatewayError(502, "upstream_failed",
                    "The model API behind this gateway (" + name + ") refused the connection. Try again later."), null, "refused");
        }
        return CallOutcome.failed(new GatewayError(502, "upstream_failed",
                "The connection to the model API behind this gateway (" + name + ") failed. Try again later."), null, "reset");
    }

    /** Calls the outcome consumer once, whichever of end, error or client close comes first. */
    private static final class Once implements Consumer<CallOutcome> {
        private final Consumer<CallOutcome> target;
        boolean done;

        Once(Consumer<CallOutcome> target) {
            this.target = target;
        }

        @Override
        public void accept(CallOutcome outcome) {
            if (!done) {
                done = true;
                target.accept(outcome);
            }
        }
    }
}
