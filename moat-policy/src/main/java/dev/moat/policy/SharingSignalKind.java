package dev.moat.policy;

import java.util.Locale;

/** The credential-sharing patterns the monitor recognises. */
public enum SharingSignalKind {
    /** More distinct countries in the window than one holder of a key plausibly visits. */
    MANY_COUNTRIES,
    /** More distinct network kinds (residential, hosting, VPN, Tor) in the window than usual. */
    MANY_NETWORKS,
    /** The key alternates between distant countries within minutes: several people use it at once. */
    CONCURRENT_USE,
    /** Two consecutive requests from places further apart than anyone can travel in the time between. */
    IMPOSSIBLE_TRAVEL,
    /** The key's first request from a place in a restricted (review or deny) country group. */
    RESTRICTED_GROUP_FIRST_USE,
    /** An established client (user-agent family) suddenly changes. */
    CLIENT_CHANGE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
