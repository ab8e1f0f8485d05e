package dev.moat.screening;

/** Base of the unchecked exceptions this module throws. */
public class ScreeningException extends RuntimeException {

    public ScreeningException(String message) {
        super(message);
    }

    public ScreeningException(String message, Throwable cause) {
        super(message, cause);
    }
}
