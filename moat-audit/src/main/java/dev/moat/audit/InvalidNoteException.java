package dev.moat.audit;

/** A signed note, checkpoint, key string or signature is malformed or does not verify. */
public final class InvalidNoteException extends AuditException {
    public InvalidNoteException(String message) {
        super(message);
    }

    public InvalidNoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
