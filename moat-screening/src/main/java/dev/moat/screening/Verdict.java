package dev.moat.screening;

import java.util.Locale;

/** The outcome of a screening, from harmless to forbidden. */
public enum Verdict {
    /** No listed party resembles the subject closely enough to look at. */
    CLEAR,
    /** A listed party resembles the subject; an analyst decides. */
    REVIEW,
    /** The subject is, or is owned 50 % or more by, a listed party. */
    BLOCK;

    /** The lower-case name used in JSON: {@code clear}, {@code review}, {@code block}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    Verdict atLeast(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
