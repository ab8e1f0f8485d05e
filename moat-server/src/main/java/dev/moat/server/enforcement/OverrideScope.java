package dev.moat.server.enforcement;

import java.util.Locale;

/** What an analyst's override covers: a whole organisation (all its keys) or one API key. */
public enum OverrideScope {
    ORG, KEY;

    /** The name stored and shown ({@code org}, {@code key}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OverrideScope fromWireName(String name) {
        for (OverrideScope scope : values()) {
            if (scope.wireName().equals(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("override scope: \"" + name + "\" (expected org or key)");
    }
}
