package dev.moat.policy;

import java.time.Instant;
import java.util.Map;

/**
 * One credential-sharing finding about a key.
 *
 * @param kind        which pattern
 * @param keyId       the key
 * @param time        the request that completed the pattern
 * @param action      what the operator configured for this kind
 * @param evidence    the values behind it (countries, distances, times, addresses, user agents)
 * @param explanation one sentence an analyst can read
 */
public record SharingSignal(SharingSignalKind kind, String keyId, Instant time, SharingAction action,
                            Map<String, String> evidence, String explanation) {

    public SharingSignal {
        evidence = Map.copyOf(evidence);
    }
}
