package dev.moat.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * Open-loop HTTP load generator: sends POST requests at a fixed rate, whatever the server's speed,
 * and records each latency from the moment the request was <em>due</em>, not from when it was
 * actually sent. A server that stalls therefore shows the stall in every request that had to
 * wait behind it (no coordinated omission, unlike a closed-loop tool such as wrk).
 *
 * <p>The warm-up requests form a schedule of their own that is drained before the measured one
 * starts. The schedule is kept on the single Vert.x event loop that owns the connection pool and the
 * histograms: a task scheduled on that loop's own timer (Netty's, nanosecond deadlines) sends every
 * request due by now and schedules itself for the next due time. No request is handed over from
 * another thread, so no send waits for a cross-thread wake-up of the loop; the timer's overshoot and
 * any answer the loop is reading when a send falls due delay that send, and count in its latency,
 * equally for every target. Requests that find every connection busy wait in the pool's queue and are
 * timed from their due time as well.
 *
 * <p>Prints one line of {@code key=value} pairs: counts, achieved rate, and latency and
 * time-to-first-byte percentiles in microseconds. Time to first byte is when the response head
 * arrived. Exit status 0 unless the options are wrong.
 */
public final class GatewayLoad {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final GatewayLoadOptions options;
    private final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram firstByte = new Histogram(HIGHEST_NANOS, 3);
    private long ok;
    private long non2xx;
    private long failed;
    private String firstFailure = "";

    private GatewayLoad(GatewayLoadOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        GatewayLoadOptions options;
        try {
            options = GatewayLoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("gateway-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(new GatewayLoad(options).run());
    }

    private String run() throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
        try {
            HttpClient client = vertx.createHttpClient(
                    new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                            .setDefaultHost(options.url().getHost()).setDefaultPort(options.port()),
                    new PoolOptions().setHttp1MaxSize(options.connections()).setMaxWaitQueueSize(-1));
            Context loop = vertx.getOrCreateContext();
            Buffer body = Buffer.buffer(options.body());
            // The warm-up runs as a schedule of its own and is drained before the measured one starts,
            // so a cold start (class loading, JIT, connection set-up) cannot leave a backlog that the
            // measured requests would inherit.
            if (options.warmup() > 0) {
                schedule(client, loop, body, options.warmup(), false);
            }
            // Everything the warm-up left alive (pools, compiled code's data, connections) is moved to the old
            // generation now, so a young collection during the measured schedule copies next to nothing: the first
            // collections of a fresh generator JVM paused 10-55 ms copying that start-up state.
            System.gc();
            Schedule measured = schedule(client, loop, body, options.count(), true);
            return loop.<String>executeBlocking(() -> report(measured), false).await();
        } finally {
            vertx.close().await();
        }
    }

    /** How one schedule went: when it started, when its last request was due, whether every answer came. */
    private record Schedule(long startNanos, long lastDueNanos, long endNanos, boolean drained, long unanswered) {
    }

    /** Sends {@code requests} at the fixed rate and waits (bounded) for their answers. */
    private Schedule schedule(HttpClient client, Context loop, Buffer body, long requests, boolean measured)
            throws InterruptedException {
        CountDownLatch answered = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, requests));
        long period = TimeUnit.SECONDS.toNanos(1) / options.rate();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        DueSends sends = new DueSends((ContextInternal) loop, start, period, requests,
                due -> send(client, body, due, measured, answered));
        loop.runOnContext(ignored -> sends.run());
        boolean drained = answered.await(options.drainWait().toSeconds(), TimeUnit.SECONDS);
        return new Schedule(start, start + (requests - 1) * period, System.nanoTime(), drained, answered.getCount());
    }

    /**
     * The schedule, run on the event loop: each run sends every request due by now (timed from its due
     * time, not from this run) and schedules the next run on the loop's timer for the next due time.
     */
    private static final class DueSends implements Runnable {
        private final ContextInternal loop;
        private final long start;
        private final long period;
        private final long requests;
        private final LongConsumer send;
        private long next;

        DueSends(ContextInternal loop, long start, long period, long requests, LongConsumer send) {
            this.loop = loop;
            this.start = start;
            this.period = period;
            this.requests = requests;
            this.send = send;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            while (next < requests && start + next * period <= now) {
                send.accept(start + next * period);
                next++;
            }
            if (next < requests) {
                // Netty runs scheduled tasks outside any Vert.x context; emit gives the sends the loop's context.
                loop.nettyEventLoop().schedule(() -> loop.emit(ignored -> run()),
                        start + next * period - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void send(HttpClient client, Buffer body, long due, boolean measured, CountDownLatch answered) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI(options.pathAndQuery());
        request.putHeader("content-type", "application/json");
        for (String[] header : options.headers()) {
            request.putHeader(header[0], header[1]);
        }
        client.request(request)
                .compose(sent -> sent.send(body))
                .compose(response -> {
                    if (measured) {
                        firstByte.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - due));
                    }
                    int status = response.statusCode();
                    return response.body().map(ignored -> status);
                })
                .onComplete(done -> {
                    if (measured) {
                        latency.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - due));
                        if (done.failed()) {
                            failed++;
                            if (firstFailure.isEmpty()) {
                                firstFailure = String.valueOf(done.cause());
                            }
                        } else if (done.result() / 100 == 2) {
                            ok++;
                        } else {
                            non2xx++;
                            if (firstFailure.isEmpty()) {
                                firstFailure = "HTTP " + done.result();
                            }
                        }
                    }
                    answered.countDown();
                });
    }

    private String report(Schedule run) {
        double seconds = Math.max(1, run.endNanos() - run.startNanos()) / 1e9;
        return String.format(Locale.ROOT,
                "label=%s rate=%d sent=%d measured=%d ok=%d non2xx=%d failed=%d unanswered=%d drained=%s "
                        + "achieved_rps=%.0f schedule_s=%.2f "
                        + "p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f "
                        + "ttfb_p50_us=%.1f ttfb_p99_us=%.1f ttfb_p999_us=%.1f first_failure=\"%s\"",
                options.label(), options.rate(), options.warmup() + options.count(), options.count(), ok, non2xx, failed,
                run.unanswered(), run.drained(), (ok + non2xx) / seconds, (run.lastDueNanos() - run.startNanos()) / 1e9,
                micros(latency, 50), micros(latency, 90), micros(latency, 99), micros(latency, 99.9),
                latency.getMaxValue() / 1e3,
                micros(firstByte, 50), micros(firstByte, 99), micros(firstByte, 99.9),
                firstFailure.replace('"', '\''));
    }

    private static double micros(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }
}
