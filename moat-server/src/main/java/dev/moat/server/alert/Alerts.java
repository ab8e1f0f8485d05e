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
 * bounded; when it is full the caller waits briefly rather than lose the alert.
 */
public final class Alerts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final AlertStore store;
    private final AuditTrail audit;
    private final List<Consumer<Alert>> enforcers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final BlockingQueue<Alert> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread writer;
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
        try {
            if (!queue.offer(alert, 1, TimeUnit.SECONDS)) {
                LOG.atError().addKeyValue("alert", alert.id()).addKeyValue("kind", alert.kind())
                        .log("alert queue full for a second; storing on the caller's thread");
                handle(alert);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle(alert);
        }
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
