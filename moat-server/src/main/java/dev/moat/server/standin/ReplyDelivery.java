package dev.moat.server.standin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends replies at the configured pace and counts the streams still being written.
 *
 * <p>A JSON reply is sent after the time its tokens would have taken to stream (time to first token plus one
 * chunk delay per further token), so that streamed and non-streamed calls to the stand-in take about as long
 * as each other, as they do against a hosted model.
 */
final class ReplyDelivery {

    private final Vertx vertx;
    private final Duration firstTokenDelay;
    private final Duration chunkDelay;
    private final AtomicInteger activeStreams = new AtomicInteger();

    ReplyDelivery(Vertx vertx, Duration firstTokenDelay, Duration chunkDelay) {
        this.vertx = vertx;
        this.firstTokenDelay = firstTokenDelay;
        this.chunkDelay = chunkDelay;
    }

    /** Writes {@code frames} to {@code response}, whose status and headers are set, at the model's pace. */
    void stream(HttpServerResponse response, List<PacedStream.Frame> frames) {
        activeStreams.incrementAndGet();
        PacedStream.write(vertx, response, frames, firstTokenDelay, chunkDelay)
                .onComplete(done -> activeStreams.decrementAndGet());
    }

    /** Runs {@code send} once a reply of {@code tokens} tokens would have been generated. */
    void afterGenerationTime(HttpServerResponse response, int tokens, Runnable send) {
        long millis = firstTokenDelay.toMillis() + chunkDelay.toMillis() * Math.max(0, tokens - 1);
        if (millis == 0) {
            send.run();
            return;
        }
        long timer = vertx.setTimer(millis, fired -> send.run());
        response.closeHandler(closed -> vertx.cancelTimer(timer));
    }

    int activeStreams() {
        return activeStreams.get();
    }
}
