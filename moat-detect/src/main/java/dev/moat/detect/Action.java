package dev.moat.detect;

import java.util.Locale;

/**
 * The graduated enforcement a verdict asks for, weakest first. {@code flag} and {@code review} only
 * inform analysts; {@code throttle} (lower limits), {@code degrade} (reasoning and logprobs withheld,
 * max_tokens capped) and {@code suspend} (keys refused) affect the customer.
 */
public enum Action {
    NONE, FLAG, REVIEW, THROTTLE, DEGRADE, SUSPEND;

    /** The name used in reports, alerts and configuration ({@code none}, {@code flag}, …). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean affectsCustomer() {
        return compareTo(THROTTLE) >= 0;
    }

    public Action atLeast(Action other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public static Action fromWireName(String name) {
        for (Action action : values()) {
            if (action.wireName().equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("action: \"" + name
                + "\" (expected: none, flag, review, throttle, degrade or suspend)");
    }
}
