package dev.moat.screening;

/**
 * A list file could not be read at all: it is missing, unreadable, or not in a format this module
 * knows. (A single bad row does not throw; it becomes a {@link LoadProblem} in the {@link LoadReport}.)
 */
public final class ListFormatException extends ScreeningException {

    public ListFormatException(String message) {
        super(message);
    }

    public ListFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
