package dev.moat.audit;

/** Base of every unchecked exception the transparency log throws; catch this to handle any audit failure. */
public class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
