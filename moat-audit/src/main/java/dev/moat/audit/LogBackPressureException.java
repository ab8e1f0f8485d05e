package dev.moat.audit;

/**
 * The log's intake queue is full: the entry was not accepted. The caller decides whether to retry later,
 * fail the request, or block; the log never drops an entry silently.
 */
public final class LogBackPressureException extends AuditException {
    public LogBackPressureException(String message) {
        super(message);
    }
}
