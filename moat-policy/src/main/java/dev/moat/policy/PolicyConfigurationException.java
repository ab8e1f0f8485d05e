package dev.moat.policy;

/**
 * The {@code policy:} settings cannot be compiled: an unknown profile, group, network or action, or a CEL rule
 * that does not compile. The message names the setting and what was expected, for the operator to fix.
 */
public final class PolicyConfigurationException extends RuntimeException {

    public PolicyConfigurationException(String message) {
        super(message);
    }
}
