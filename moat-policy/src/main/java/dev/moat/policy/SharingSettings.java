package dev.moat.policy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Thresholds and actions of the credential-sharing monitor.
 *
 * @param window               sliding window for distinct countries and networks
 * @param maxCountries         more distinct countries than this in the window raises {@code many_countries}
 * @param maxNetworks          more distinct network kinds than this in the window raises {@code many_networks}
 * @param concurrencyWindow    returning to a country after a distant one within this time is concurrent use
 * @param concurrentMinKm      countries closer than this never count as concurrent use (centroids are coarse)
 * @param maxSpeedKmh          faster than this between consecutive requests is impossible travel (an airliner: ~900)
 * @param travelMinKm          hops shorter than this never count as travel (neighbouring countries' centroids)
 * @param clientBaseline       consecutive requests from one user-agent family before a change is "sudden"
 * @param cooldown             after a signal, the same kind is not raised again for the key for this long
 *                             (the first use from a restricted group is raised once per group, regardless)
 * @param actions              what to do per kind
 * @param maxKeys              keys tracked at once; the least recently seen are forgotten beyond this
 * @param observationsPerKey   requests remembered per key (the window counts only these)
 */
public record SharingSettings(Duration window, int maxCountries, int maxNetworks, Duration concurrencyWindow,
                              double concurrentMinKm, double maxSpeedKmh, double travelMinKm, int clientBaseline,
                              Duration cooldown, Map<SharingSignalKind, SharingAction> actions, int maxKeys,
                              int observationsPerKey) {

    public SharingSettings {
        requirePositive("window", window);
        requirePositive("concurrencyWindow", concurrencyWindow);
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown: %s (expected: >= 0)".formatted(cooldown));
        }
        requireAtLeast("maxCountries", maxCountries, 1);
        requireAtLeast("maxNetworks", maxNetworks, 1);
        requireAtLeast("clientBaseline", clientBaseline, 1);
        requireAtLeast("maxKeys", maxKeys, 1);
        requireAtLeast("observationsPerKey", observationsPerKey, 2);
        if (!(maxSpeedKmh > 0) || concurrentMinKm < 0 || travelMinKm < 0) {
            throw new IllegalArgumentException("maxSpeedKmh: %s, concurrentMinKm: %s, travelMinKm: %s (expected: speed > 0, distances >= 0)"
                    .formatted(maxSpeedKmh, concurrentMinKm, travelMinKm));
        }
        Map<SharingSignalKind, SharingAction> complete = new EnumMap<>(SharingSignalKind.class);
        for (SharingSignalKind kind : SharingSignalKind.values()) {
            complete.put(kind, actions.getOrDefault(kind, SharingAction.FLAG));
        }
        actions = Map.copyOf(complete);
    }

    /**
     * Defaults: 4 countries or 3 network kinds per hour, concurrent use within 10 minutes between countries
     * at least 1,000 km apart, travel faster than 1,000 km/h over at least 1,000 km (country points of
     * neighbours are often 500–900 km apart, and a user near a border may appear in both), a client change after 20
     * requests of one family, one signal per kind per key per 15 minutes; impossible travel and concurrent
     * use go to review, the rest are flagged; 100,000 keys × 32 requests (about 40 MB at most).
     */
    public static SharingSettings defaults() {
        Map<SharingSignalKind, SharingAction> actions = new EnumMap<>(SharingSignalKind.class);
        actions.put(SharingSignalKind.IMPOSSIBLE_TRAVEL, SharingAction.REVIEW);
        actions.put(SharingSignalKind.CONCURRENT_USE, SharingAction.REVIEW);
        actions.put(SharingSignalKind.RESTRICTED_GROUP_FIRST_USE, SharingAction.REVIEW);
        return new SharingSettings(Duration.ofHours(1), 4, 3, Duration.ofMinutes(10), 1000, 1000, 1000, 20,
                Duration.ofMinutes(15), actions, 100_000, 32);
    }

    /** These settings with one kind's action changed. */
    public SharingSettings withAction(SharingSignalKind kind, SharingAction action) {
        Map<SharingSignalKind, SharingAction> changed = new EnumMap<>(actions);
        changed.put(kind, action);
        return new SharingSettings(window, maxCountries, maxNetworks, concurrencyWindow, concurrentMinKm, maxSpeedKmh,
                travelMinKm, clientBaseline, cooldown, changed, maxKeys, observationsPerKey);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("%s: %s (expected: > 0)".formatted(name, value));
        }
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("%s: %d (expected: >= %d)".formatted(name, value, minimum));
        }
    }
}
