package dev.moat.detect;

/** The simulator cannot do what was asked: an unknown scenario, unreadable prompt data, bad settings. */
public final class SimulationException extends RuntimeException {

    public SimulationException(String message) {
        super(message);
    }

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
