package dev.moat.audit;

/** The log's directory cannot be read or written, or what it holds is inconsistent. */
public final class LogStorageException extends AuditException {
    public LogStorageException(String message) {
        super(message);
    }

    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
