package dev.moat.server.alert;

import dev.moat.server.audit.AuditTrail;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where findings go: each alert is stored for analysts, written to the transparency log as a
 * {@code detection.verdict}, and handed to the enforcement listeners. Raising an alert never
 * blocks the caller (it may be an event loop): alerts queue for one writer thread. The queue is
 * bounded (16,384); an alert that finds it full is logged as an error and counted in
 * {@link #dropped()} (exported as {@code moat_alerts_dropped}), never lost without a trace.
 */
public final class Alerts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final AlertStore store;
    private final AuditTrail audit;
    private final List<Consumer<Alert>> enforcers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final BlockingQueue<Alert> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread writer;
    private final java.util.concurrent.atomic.LongAdder dropped = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean running = true;

    public Alerts(AlertStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
        this.writer = Thread.ofPlatform().name("moat-alerts").daemon(true).start(this::drain);
    }

    /** Called (on the alert writer thread) for every alert after it is stored. */
    public void addEnforcer(Consumer<Alert> enforcer) {
        enforcers.add(enforcer);
    }

    public void raise(Alert alert) {
        if (!queue.offer(alert)) {
            dropped.increment();
            LOG.atError().addKeyValue("alert", alert.id()).addKeyValue("kind", alert.kind())
                    .addKeyValue("subject", alert.subjectId()).addKeyValue("summary", alert.summary())
                    .log("alert queue full: alert not stored (it is in this log line only)");
        }
    }

    /** Alerts that found the queue full. */
    public long dropped() {
        return dropped.sum();
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            try {
                Alert alert = queue.poll(100, TimeUnit.MILLISECONDS);
                if (alert != null) {
                    handle(alert);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.atError().setCause(e).log("handling an alert failed");
            }
        }
    }

    private void handle(Alert alert) {
        store.insert(alert);
        audit.recordLater("detection.verdict", alert.source(), alert.subjectKind() + ":" + alert.subjectId(), alert.action(),
                List.of(alert.kind() + ": " + alert.summary()), alert.ts());
        for (Consumer<Alert> enforcer : enforcers) {
            enforcer.accept(alert);
        }
    }

    /** Handles every queued alert, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
