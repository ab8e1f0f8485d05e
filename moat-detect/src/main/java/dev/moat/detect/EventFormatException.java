package dev.moat.detect;

/** A usage event or organisation line that does not follow the event format. */
public final class EventFormatException extends RuntimeException {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
