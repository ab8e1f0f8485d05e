package dev.moat.policy;

import java.util.Locale;

/** The {@code code} a 403 carries, telling the client which kind of policy refused it. */
public enum DenialCode {
    /** The request's country or region is in a denied group. */
    REGION_RESTRICTED,
    /** The request's network kind (Tor, VPN, hosting, …) is denied. */
    NETWORK_RESTRICTED,
    /** An operator-written rule denied the request (or failed to evaluate, which denies). */
    POLICY_DENIED;

    /** The code as written in API error bodies ({@code region_restricted}, …). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
