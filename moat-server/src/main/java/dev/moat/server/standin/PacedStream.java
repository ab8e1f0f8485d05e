package dev.moat.server.standin;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.List;

/**
 * Writes a server-sent-event response frame by frame at a model's pace, without ever blocking the event loop.
 *
 * <p>Frames that carry generated tokens wait before they are written: the first one the time to first token,
 * each later one the chunk delay. Each token frame has a due time counted from the first one's, not from
 * when the previous frame happened to go out, so timer lateness does not add up over a long stream and a
 * stream of N tokens takes the configured time to first token plus N-1 chunk delays. Structural frames (OpenAI's role chunk, Anthropic's {@code message_start},
 * {@code ping}, block and message ends) follow the previous frame at once, as they do from the real APIs, so
 * a client sees headers and the opening frames quickly and then the tokens trickle in. Waits are Vert.x
 * timers; a full write queue pauses the stream until it drains. If the client goes away the stream stops and
 * its future fails; otherwise the future completes after the response has ended.
 */
final class PacedStream {

    /** One SSE frame, already encoded ({@code data: …\n\n} or {@code event: …\ndata: …\n\n}). */
    record Frame(String text, boolean carriesTokens) {
    }

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final List<Frame> frames;
    private final long firstTokenNanos;
    private final long chunkNanos;
    private final Promise<Void> finished = Promise.promise();
    private int next;
    /** When the next token frame is due (System.nanoTime); 0 until a token frame has been reached. */
    private long nextTokenDue;
    private long timerId = -1;

    private PacedStream(Vertx vertx, HttpServerResponse response, List<Frame> frames, Duration firstTokenDelay,
                        Duration chunkDelay) {
        this.vertx = vertx;
        this.response = response;
        this.frames = List.copyOf(frames);
        this.firstTokenNanos = firstTokenDelay.toNanos();
        this.chunkNanos = chunkDelay.toNanos();
    }

    /** Starts writing {@code frames} to {@code response}, whose status and headers are already set. */
    static Future<Void> write(Vertx vertx, HttpServerResponse response, List<Frame> frames,
                              Duration firstTokenDelay, Duration chunkDelay) {
        PacedStream stream = new PacedStream(vertx, response, frames, firstTokenDelay, chunkDelay);
        response.setChunked(true);
        response.closeHandler(closed -> stream.abandon());
        stream.writeUntilPause();
        return stream.finished.future();
    }

    private void writeUntilPause() {
        while (next < frames.size()) {
            if (response.closed()) {
                abandon();
                return;
            }
            Frame frame = frames.get(next);
            if (frame.carriesTokens()) {
                if (nextTokenDue == 0) {
                    nextTokenDue = System.nanoTime() + firstTokenNanos;
                }
                long waitMillis = (nextTokenDue - System.nanoTime()) / 1_000_000;
                if (waitMillis >= 1) {
                    timerId = vertx.setTimer(waitMillis, fired -> writeUntilPause());
                    return;
                }
            }
            if (response.writeQueueFull()) {
                response.drainHandler(drained -> writeUntilPause());
                return;
            }
            if (frame.carriesTokens()) {
                nextTokenDue += chunkNanos;
            }
            response.write(frame.text());
            next++;
        }
        response.end().onComplete(ended -> finished.tryComplete(), finished::tryFail);
    }

    private void abandon() {
        vertx.cancelTimer(timerId);
        finished.tryFail("the client closed the connection before the stream ended");
    }
}
