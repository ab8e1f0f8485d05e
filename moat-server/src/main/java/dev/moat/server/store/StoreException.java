package dev.moat.server.store;

/** A failure of the database underneath Moat; the message says which operation failed. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
