package dev.moat.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the monitor remembers about one key: the last few requests in a ring of primitive arrays (time,
 * country packed into an int, network kind), the last located request for travel checks, the restricted
 * groups already reported, the user-agent run, and when each signal kind last fired. Memory is fixed per
 * key: about {@code 13 × observationsPerKey} bytes plus a few small objects.
 *
 * <p>Not thread-safe; the monitor serialises calls per key.
 */
final class KeyActivity {

    private final String keyId;
    private final long[] times;
    private final int[] countries;
    private final byte[] networks;
    private int next;
    private int size;

    private String lastCountry;
    private long lastMillis;
    private IpAddress lastAddress;

    private final Set<String> restrictedGroupsSeen = new HashSet<>();
    private String clientFamily;
    private int clientRun;
    private final long[] lastSignalMillis = new long[SharingSignalKind.values().length];

    KeyActivity(String keyId, int observations) {
        this.keyId = keyId;
        this.times = new long[observations];
        this.countries = new int[observations];
        this.networks = new byte[observations];
        Arrays.fill(lastSignalMillis, Long.MIN_VALUE);
    }

    List<SharingSignal> observe(Instant time, NetworkClassification client, String userAgent, SharingSettings settings,
                                CountryCentroids centroids, Function<GeoLocation, List<String>> restrictedGroups) {
        long now = time.toEpochMilli();
        String country = client.country().orElse(null);
        List<SharingSignal> signals = new ArrayList<>(0);

        if (client.location().isPresent()) {
            for (String group : restrictedGroups.apply(client.location().get())) {
                if (restrictedGroupsSeen.add(group)) {
                    signals.add(signal(SharingSignalKind.RESTRICTED_GROUP_FIRST_USE, time, settings, Map.of(
                                    "group", group, "country", client.countryOrUnknown(), "ip", client.address().toString(),
                                    "network", client.network().label()),
                            "Key %s was used for the first time from %s (%s network), which is in restricted group %s."
                                    .formatted(keyId, client.countryOrUnknown(), client.network().label(), group)));
                }
            }
        }

        if (country != null && lastCountry != null && !country.equals(lastCountry) && now >= lastMillis) {
            impossibleTravel(time, now, country, client, settings, centroids).ifPresent(signals::add);
        }
        if (country != null) {
            concurrentUse(time, now, country, settings, centroids).ifPresent(signals::add);
        }

        append(now, pack(country), (byte) client.network().ordinal());
        distinctCountries(time, now, country, settings).ifPresent(signals::add);
        distinctNetworks(time, now, client.network(), settings).ifPresent(signals::add);
        clientChange(time, now, UserAgentFamily.of(userAgent), userAgent, settings).ifPresent(signals::add);

        if (country != null && now >= lastMillis) {
            lastCountry = country;
            lastMillis = now;
            lastAddress = client.address();
        }
        return signals;
    }

    private Optional<SharingSignal> impossibleTravel(Instant time, long now, String country, NetworkClassification client,
                                                     SharingSettings settings, CountryCentroids centroids) {
        Optional<Double> distance = centroids.distanceKm(lastCountry, country);
        if (distance.isEmpty() || distance.get() < settings.travelMinKm()) {
            return Optional.empty();
        }
        // Requests in the same millisecond count as one second apart rather than infinitely fast.
        long elapsedMillis = Math.max(now - lastMillis, 1000);
        double speed = distance.get() / (elapsedMillis / 3_600_000.0);
        if (speed <= settings.maxSpeedKmh() || !cooledDown(SharingSignalKind.IMPOSSIBLE_TRAVEL, now, settings)) {
            return Optional.empty();
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("from_country", lastCountry);
        evidence.put("from_ip", lastAddress.toString());
        evidence.put("from_time", Instant.ofEpochMilli(lastMillis).toString());
        evidence.put("to_country", country);
        evidence.put("to_ip", client.address().toString());
        evidence.put("to_time", time.toString());
        evidence.put("distance_km", "%.0f".formatted(distance.get()));
        evidence.put("elapsed_seconds", Long.toString((now - lastMillis) / 1000));
        evidence.put("speed_kmh", "%.0f".formatted(speed));
        return Optional.of(signal(SharingSignalKind.IMPOSSIBLE_TRAVEL, time, settings, evidence,
                ("Key %s was used from %s and %s later from %s, about %.0f km apart: %.0f km/h, faster than the %.0f km/h "
                        + "anyone can travel.").formatted(keyId, lastCountry, describe(Duration.ofMillis(now - lastMillis)), country,
                        distance.get(), speed, settings.maxSpeedKmh())));
    }

    /** Looks back within the concurrency window for A … B … A with A and B far apart. */
    private Optional<SharingSignal> concurrentUse(Instant time, long now, String country, SharingSettings settings,
                                                  CountryCentroids centroids) {
        int current = pack(country);
        long since = now - settings.concurrencyWindow().toMillis();
        int other = 0;
        double otherDistance = 0;
        long otherTime = 0;
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - 1 - i, times.length);
            if (times[slot] < since || times[slot] > now) {
                break;
            }
            int seen = countries[slot];
            if (seen == 0) {
                continue;
            }
            if (other == 0 && seen != current) {
                Optional<Double> distance = centroids.distanceKm(unpack(seen), country);
                if (distance.isPresent() && distance.get() >= settings.concurrentMinKm()) {
                    other = seen;
                    otherDistance = distance.get();
                    otherTime = times[slot];
                }
            } else if (other != 0 && seen == current) {
                if (!cooledDown(SharingSignalKind.CONCURRENT_USE, now, settings)) {
                    return Optional.empty();
                }
                Map<String, String> evidence = new LinkedHashMap<>();
                evidence.put("countries", country + "," + unpack(other));
                evidence.put("distance_km", "%.0f".formatted(otherDistance));
                evidence.put("first_time", Instant.ofEpochMilli(times[slot]).toString());
                evidence.put("other_time", Instant.ofEpochMilli(otherTime).toString());
                evidence.put("this_time", time.toString());
                evidence.put("window", settings.concurrencyWindow().toString());
                return Optional.of(signal(SharingSignalKind.CONCURRENT_USE, time, settings, evidence,
                        "Key %s alternated between %s and %s (about %.0f km apart) within %s: it is in use in both places at once."
                                .formatted(keyId, country, unpack(other), otherDistance, describe(settings.concurrencyWindow()))));
            }
        }
        return Optional.empty();
    }

    private Optional<SharingSignal> distinctCountries(Instant time, long now, String country, SharingSettings settings) {
        if (country == null) {
            return Optional.empty();
        }
        int current = pack(country);
        long since = now - settings.window().toMillis();
        int[] distinct = new int[size];
        int count = 0;
        boolean seenBefore = false;
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - 1 - i, times.length);
            if (times[slot] < since || times[slot] > now || countries[slot] == 0) {
                continue;
            }
            if (i > 0 && countries[slot] == current) {
                seenBefore = true;
            }
            if (!contains(distinct, count, countries[slot])) {
                distinct[count++] = countries[slot];
            }
        }
        if (seenBefore || count <= settings.maxCountries() || !cooledDown(SharingSignalKind.MANY_COUNTRIES, now, settings)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(unpack(distinct[i]));
        }
        names.sort(null);
        return Optional.of(signal(SharingSignalKind.MANY_COUNTRIES, time, settings,
                Map.of("countries", String.join(",", names), "count", Integer.toString(count), "window", settings.window().toString()),
                "Key %s was used from %d countries (%s) within %s; the limit is %d."
                        .formatted(keyId, count, String.join(", ", names), describe(settings.window()), settings.maxCountries())));
    }

    private Optional<SharingSignal> distinctNetworks(Instant time, long now, Network network, SharingSettings settings) {
        if (network == Network.UNKNOWN) {
            return Optional.empty();
        }
        long since = now - settings.window().toMillis();
        int mask = 0;
        boolean seenBefore = false;
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - 1 - i, times.length);
            if (times[slot] < since || times[slot] > now || networks[slot] == Network.UNKNOWN.ordinal()) {
                continue;
            }
            if (i > 0 && networks[slot] == network.ordinal()) {
                seenBefore = true;
            }
            mask |= 1 << networks[slot];
        }
        int count = Integer.bitCount(mask);
        if (seenBefore || count <= settings.maxNetworks() || !cooledDown(SharingSignalKind.MANY_NETWORKS, now, settings)) {
            return Optional.empty();
        }
        List<String> kinds = new ArrayList<>();
        for (Network kind : Network.values()) {
            if ((mask & (1 << kind.ordinal())) != 0) {
                kinds.add(kind.label());
            }
        }
        return Optional.of(signal(SharingSignalKind.MANY_NETWORKS, time, settings,
                Map.of("networks", String.join(",", kinds), "count", Integer.toString(count), "window", settings.window().toString()),
                "Key %s was used from %d kinds of network (%s) within %s; the limit is %d."
                        .formatted(keyId, count, String.join(", ", kinds), describe(settings.window()), settings.maxNetworks())));
    }

    private Optional<SharingSignal> clientChange(Instant time, long now, String family, String userAgent, SharingSettings settings) {
        if (family.equals(clientFamily)) {
            clientRun++;
            return Optional.empty();
        }
        String previous = clientFamily;
        int previousRun = clientRun;
        clientFamily = family;
        clientRun = 1;
        if (previous == null || previousRun < settings.clientBaseline() || !cooledDown(SharingSignalKind.CLIENT_CHANGE, now, settings)) {
            return Optional.empty();
        }
        return Optional.of(signal(SharingSignalKind.CLIENT_CHANGE, time, settings,
                Map.of("previous_client", previous, "previous_requests", Integer.toString(previousRun), "client", family,
                        "user_agent", userAgent == null ? "" : userAgent),
                "Key %s switched from client %s, used for %d consecutive requests, to %s."
                        .formatted(keyId, previous, previousRun, family)));
    }

    private boolean cooledDown(SharingSignalKind kind, long now, SharingSettings settings) {
        long last = lastSignalMillis[kind.ordinal()];
        if (last != Long.MIN_VALUE && now - last < settings.cooldown().toMillis()) {
            return false;
        }
        lastSignalMillis[kind.ordinal()] = now;
        return true;
    }

    private SharingSignal signal(SharingSignalKind kind, Instant time, SharingSettings settings, Map<String, String> evidence,
                                 String explanation) {
        return new SharingSignal(kind, keyId, time, settings.actions().get(kind), evidence, explanation);
    }

    private void append(long millis, int country, byte network) {
        times[next] = millis;
        countries[next] = country;
        networks[next] = network;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** "45 s", "5 min", "3 h": for sentences an analyst reads. */
    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        return seconds < 2 * 3600 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static int pack(String country) {
        return country == null ? 0 : country.charAt(0) << 8 | country.charAt(1);
    }

    private static String unpack(int packed) {
        return new String(new char[] {(char) (packed >>> 8), (char) (packed & 0xFF)});
    }
}
