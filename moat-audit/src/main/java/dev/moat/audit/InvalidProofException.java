package dev.moat.audit;

/** A Merkle inclusion or consistency proof is malformed or does not lead to the expected root. */
public final class InvalidProofException extends AuditException {
    public InvalidProofException(String message) {
        super(message);
    }
}
