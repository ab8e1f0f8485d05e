package dev.moat.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of network a request comes from, strongest first: when an address is on several lists the
 * first kind here wins (a Tor exit hosted in a datacenter is {@link #TOR}).
 */
public enum Network {
    /** A Tor exit relay. */
    TOR,
    /** A commercial VPN exit range. */
    VPN,
    /** A datacenter or hosting provider range. */
    HOSTING,
    /** The geo database places the address and no list holds it: most likely a consumer or business line. */
    RESIDENTIAL,
    /** Nothing is known: no geo data, a private address, or an address the database does not cover. */
    UNKNOWN;

    /** The name used in configuration, CEL rules and usage events ({@code tor}, {@code vpn}, …). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Network> fromLabel(String label) {
        for (Network network : values()) {
            if (network.label().equals(label)) {
                return Optional.of(network);
            }
        }
        return Optional.empty();
    }
}
