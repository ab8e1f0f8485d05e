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
 * each later one the chunk delay. Structural frames (OpenAI's role chunk, Anthropic's {@code message_start},
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
    private final long firstTokenMillis;
    private final long chunkMillis;
    private final Promise<Void> finished = Promise.promise();
    private int next;
    private boolean tokenWritten;
    private boolean waitedForNext;
    private long timerId = -1;

    private PacedStream(Vertx vertx, HttpServerResponse response, List<Frame> frames, Duration firstTokenDelay,
                        Duration chunkDelay) {
        this.vertx = vertx;
        this.response = response;
        this.frames = List.copyOf(frames);
        this.firstTokenMillis = firstTokenDelay.toMillis();
        this.chunkMillis = chunkDelay.toMillis();
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
            long delay = frame.carriesTokens() ? (tokenWritten ? chunkMillis : firstTokenMillis) : 0;
            if (delay > 0 && !waitedForNext) {
                waitedForNext = true;
                timerId = vertx.setTimer(delay, fired -> writeUntilPause());
                return;
            }
            if (response.writeQueueFull()) {
                response.drainHandler(drained -> writeUntilPause());
                return;
            }
            waitedForNext = false;
            tokenWritten |= frame.carriesTokens();
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
