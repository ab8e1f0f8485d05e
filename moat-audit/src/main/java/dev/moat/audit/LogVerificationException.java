package dev.moat.audit;

/** An auditor's check of a log failed; the message names the entry, tile, proof or checkpoint at fault. */
public final class LogVerificationException extends AuditException {
    public LogVerificationException(String message) {
        super(message);
    }

    public LogVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
