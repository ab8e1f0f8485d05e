package dev.moat.policy;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checks the network data files every {@code interval} and reloads them when they change.
 *
 * <p>Polling file size and modification time is used instead of a {@code WatchService}: database updates
 * usually arrive by renaming a new file over the old one, sometimes through symlinks or container volume
 * mounts, where directory events are unreliable, while a stat per file every few seconds costs nothing.
 * The check runs on its own daemon thread, never on a request thread. Reloads and failures go to the
 * listener (for logs and metrics); unchanged checks do not.
 */
public final class NetworkDataWatcher implements AutoCloseable {

    private final NetworkIntelligence intelligence;
    private final Duration interval;
    private final Consumer<ReloadOutcome> listener;
    private ScheduledExecutorService executor;

    public NetworkDataWatcher(NetworkIntelligence intelligence, Duration interval, Consumer<ReloadOutcome> listener) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval: %s (expected: > 0)".formatted(interval));
        }
        this.intelligence = intelligence;
        this.interval = interval;
        this.listener = listener;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "moat-network-data-watcher");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs one check now, on the calling thread. */
    public ReloadOutcome check() {
        ReloadOutcome outcome;
        try {
            outcome = intelligence.reloadIfChanged();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; report and keep watching instead.
            outcome = new ReloadOutcome.Failed("reloading network data failed: " + e);
        }
        if (!(outcome instanceof ReloadOutcome.Unchanged)) {
            listener.accept(outcome);
        }
        return outcome;
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
