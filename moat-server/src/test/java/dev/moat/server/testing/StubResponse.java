package dev.moat.server.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link StubUpstream} does with one request: a status and headers, then a script of steps (write some
 * text, pause, wait at a {@link StubGate}), then an ending — finish the response, cut the connection, or
 * leave it hanging.
 *
 * <p>A script that is a single write followed by {@link Ending#END} is sent as one response with a
 * Content-Length; any other script is sent chunked, each write flushed as it happens.
 *
 * @param status  the HTTP status
 * @param headers response headers, in order
 * @param steps   what to do, in order
 * @param ending  how the response ends after the last step
 */
public record StubResponse(int status, Map<String, String> headers, List<Step> steps, Ending ending) {

    /** One step of a response script. */
    public sealed interface Step {
    }

    /** Writes {@code text} (for SSE, whole frames such as {@code "data: {...}\n\n"}) and flushes it. */
    public record Write(String text) implements Step {
        public Write {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Waits {@code duration} before the next step. */
    public record Pause(Duration duration) implements Step {
        public Pause {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
            }
        }
    }

    /** Waits until the test opens {@code gate}. */
    public record AwaitGate(StubGate gate) implements Step {
        public AwaitGate {
            Objects.requireNonNull(gate, "gate");
        }
    }

    public enum Ending {
        /** Completes the response normally. */
        END,
        /** Closes the connection without completing the response: "the upstream died". */
        RESET,
        /** Does nothing more; the connection stays open until the client or {@link StubUpstream#close()} ends it. */
        HANG
    }

    public StubResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100..599)");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        steps = List.copyOf(steps);
        Objects.requireNonNull(ending, "ending");
    }

    /** A complete JSON response. */
    public static StubResponse json(int status, String body) {
        return new StubResponse(status, Map.of("content-type", "application/json"), List.of(new Write(body)),
                Ending.END);
    }

    /** Never answers: not even a status line, until the client gives up. */
    public static StubResponse hang() {
        return new StubResponse(200, Map.of(), List.of(), Ending.HANG);
    }

    /** Closes the connection as soon as the request has arrived, without any response. */
    public static StubResponse resetWithoutResponse() {
        return new StubResponse(200, Map.of(), List.of(), Ending.RESET);
    }

    /** Starts a 200 {@code text/event-stream} script. */
    public static Script eventStream() {
        return new Script(200).header("content-type", "text/event-stream; charset=utf-8");
    }

    /** Starts a script with any status and no headers. */
    public static Script script(int status) {
        return new Script(status);
    }

    boolean isSingleWrite() {
        return ending == Ending.END && steps.size() == 1 && steps.getFirst() instanceof Write;
    }

    /** Builds a {@link StubResponse} step by step; finish with {@link #end()}, {@link #reset()} or {@link #hang()}. */
    public static final class Script {

        private final int status;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<Step> steps = new ArrayList<>();

        private Script(int status) {
            this.status = status;
        }

        public Script header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Script write(String text) {
            steps.add(new Write(text));
            return this;
        }

        /** Writes each chunk, pausing {@code delayBefore} before each one. */
        public Script writeEach(List<String> chunks, Duration delayBefore) {
            for (String chunk : chunks) {
                pause(delayBefore);
                write(chunk);
            }
            return this;
        }

        public Script pause(Duration duration) {
            steps.add(new Pause(duration));
            return this;
        }

        public Script awaitGate(StubGate gate) {
            steps.add(new AwaitGate(gate));
            return this;
        }

        public StubResponse end() {
            return new StubResponse(status, headers, steps, Ending.END);
        }

        public StubResponse reset() {
            return new StubResponse(status, headers, steps, Ending.RESET);
        }

        public StubResponse hang() {
            return new StubResponse(status, headers, steps, Ending.HANG);
        }
    }
}
