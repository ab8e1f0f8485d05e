package dev.moat.server.audit;

import dev.moat.audit.LogBackPressureException;
import dev.moat.audit.TransparencyLog;
import dev.moat.detect.UsageEvent;
import dev.moat.server.store.InstantText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Moat's decisions and administrative actions into transparency-log entries: RFC 8785
 * canonical JSON of {@code seq, time, kind, actor, subject, outcome, reasons, request_id} — never
 * prompt or response content, never secrets.
 *
 * <p>Denied and reviewed requests are always logged one by one. Allowed requests are logged one by
 * one too, or — when the operator chooses {@code summary} — as one entry per key and interval with
 * their count, which keeps the log small at high request rates while still committing to who used
 * the model and when. Administrative actions wait until their entry is durable, so an action the
 * admin API acknowledged is always in the log. Request decisions arrive from the usage writer
 * thread; when the log pushes back, that thread waits, which in turn stops new requests being
 * admitted: nothing is dropped.
 */
public final class AuditTrail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    /** How allowed requests are logged. */
    public enum AllowedRequests { INDIVIDUAL, SUMMARY }

    private final TransparencyLog log;
    private final AllowedRequests allowed;
    private final AtomicLong sequence;
    private final Map<String, KeySummary> summaries = new ConcurrentHashMap<>();
    private volatile Instant summaryStart = Instant.now();

    public AuditTrail(TransparencyLog log, AllowedRequests allowed) {
        this.log = log;
        this.allowed = allowed;
        this.sequence = new AtomicLong(log.size());
    }

    public TransparencyLog log() {
        return log;
    }

    /** Records one request's decision (called for every usage event, in order). */
    public void accessDecision(UsageEvent event) {
        String action = event.decision().action();
        if (action.equals("allow") && allowed == AllowedRequests.SUMMARY) {
            summaries.computeIfAbsent(event.keyId(), k -> new KeySummary(event.orgId())).add(event.model());
            return;
        }
        Map<String, Object> entry = entry("access.decision", event.keyId().isEmpty() ? "anonymous" : event.keyId(),
                event.orgId(), action, event.decision().reasons(), event.id(), event.ts());
        entry.put("status", event.response().status());
        entry.put("model", event.model());
        entry.put("country", event.country());
        entry.put("network", event.network());
        event.decision().code().ifPresent(code -> entry.put("code", code));
        appendWaiting(entry);
    }

    /** Queues an entry without waiting for it to become durable (detector verdicts, alerts). */
    public void recordLater(String kind, String actor, String subject, String outcome, List<String> reasons, Instant at) {
        appendWaiting(entry(kind, actor, subject, outcome, reasons, "", at));
    }

    /** Records an administrative action and returns once it is durable in the log. */
    public void record(String kind, String actor, String subject, String outcome, List<String> reasons, Instant at) {
        CompletableFuture<Long> appended = appendWaiting(entry(kind, actor, subject, outcome, reasons, "", at));
        try {
            appended.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the audit log", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the audit log did not accept the entry: " + e.getMessage(), e);
        }
    }

    /** Writes one summary entry per key for the allowed requests since the last flush. */
    public void flushSummaries() {
        Instant from = summaryStart;
        Instant to = Instant.now();
        summaryStart = to;
        for (String key : new ArrayList<>(summaries.keySet())) {
            KeySummary summary = summaries.remove(key);
            if (summary == null) {
                continue;
            }
            Map<String, Object> entry = entry("access.summary", key, summary.org, "allow", List.of(), "", to);
            entry.put("from", from.toString());
            entry.put("count", summary.total.sum());
            entry.put("models", new TreeMap<>(summary.perModel()));
            appendWaiting(entry);
        }
    }

    private Map<String, Object> entry(String kind, String actor, String subject, String outcome, List<String> reasons,
                                      String requestId, Instant at) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", sequence.getAndIncrement());
        entry.put("time", InstantText.of(at));
        entry.put("kind", kind);
        entry.put("actor", actor);
        entry.put("subject", subject);
        entry.put("outcome", outcome);
        entry.put("reasons", List.copyOf(reasons));
        if (!requestId.isEmpty()) {
            entry.put("request_id", requestId);
        }
        return entry;
    }

    /** Appends, waiting (briefly, repeatedly) while the log's queue is full. */
    private CompletableFuture<Long> appendWaiting(Map<String, Object> entry) {
        long backoff = 5;
        while (true) {
            CompletableFuture<Long> appended = log.appendJson(entry);
            if (!appended.isCompletedExceptionally()) {
                return appended;
            }
            try {
                appended.join();
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof LogBackPressureException)) {
                    LOG.atError().addKeyValue("kind", entry.get("kind")).setCause(e.getCause()).log("audit log refused an entry");
                    throw e;
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the audit log", e);
            }
            backoff = Math.min(backoff * 2, 200);
        }
    }

    @Override
    public void close() {
        flushSummaries();
        log.close();
    }

    /** Allowed requests of one key since the last flush. */
    private static final class KeySummary {
        final String org;
        final LongAdder total = new LongAdder();
        final Map<String, LongAdder> models = new ConcurrentHashMap<>();

        KeySummary(String org) {
            this.org = org;
        }

        void add(String model) {
            total.increment();
            models.computeIfAbsent(model, m -> new LongAdder()).increment();
        }

        Map<String, Long> perModel() {
            Map<String, Long> counts = new LinkedHashMap<>();
            models.forEach((model, count) -> counts.put(model, count.sum()));
            return counts;
        }
    }
}
