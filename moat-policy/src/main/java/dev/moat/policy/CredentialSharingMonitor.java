package dev.moat.policy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Watches how each API key is used and raises {@link SharingSignal}s when the pattern says that more than one
 * party holds it: many countries or network kinds in an hour, alternating between distant countries within
 * minutes, consecutive requests further apart than anyone can travel, a first request from a restricted
 * country group, or an established client program suddenly replaced by another.
 *
 * <h2>Memory</h2>
 * Per key, a fixed ring of the last {@code observationsPerKey} requests held in primitive arrays (see
 * {@link KeyActivity}); at most {@code maxKeys} keys are tracked, the least recently seen forgotten first.
 * Keys are spread over 16 segments, each an access-ordered map with its own lock, so concurrent requests
 * for different keys rarely wait for each other; requests for the same key are processed one at a time.
 *
 * <h2>Time</h2>
 * The monitor uses the time passed in, never the clock, so it replays recorded traffic exactly. A request
 * older than the newest one seen for its key still counts for the windows but not for travel.
 *
 * <p>Thread-safe.
 */
public final class CredentialSharingMonitor {

    private static final int SEGMENTS = 16;

    private final SharingSettings settings;
    private final CountryCentroids centroids;
    private final Function<GeoLocation, List<String>> restrictedGroups;
    private final Segment[] segments = new Segment[SEGMENTS];

    /**
     * @param restrictedGroups the restricted (review or deny) groups holding a location; usually
     *                         {@link Policy#restrictedGroupsOf(GeoLocation)}
     */
    public CredentialSharingMonitor(SharingSettings settings, CountryCentroids centroids,
                                    Function<GeoLocation, List<String>> restrictedGroups) {
        this.settings = settings;
        this.centroids = centroids;
        this.restrictedGroups = restrictedGroups;
        int perSegment = Math.max(1, (settings.maxKeys() + SEGMENTS - 1) / SEGMENTS);
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(perSegment);
        }
    }

    /** A monitor using the bundled country centroids and the policy's restricted groups. */
    public static CredentialSharingMonitor forPolicy(SharingSettings settings, Policy policy) {
        return new CredentialSharingMonitor(settings, CountryCentroids.bundled(), policy::restrictedGroupsOf);
    }

    /**
     * Records one request made with {@code keyId} and returns the signals it completes (usually none).
     *
     * @param userAgent the request's User-Agent header, or null when absent
     */
    public List<SharingSignal> observe(String keyId, Instant time, NetworkClassification client, String userAgent) {
        KeyActivity activity = segments[Math.floorMod(keyId.hashCode(), SEGMENTS)].activityOf(keyId, settings.observationsPerKey());
        synchronized (activity) {
            return activity.observe(time, client, userAgent, settings, centroids, restrictedGroups);
        }
    }

    /** The number of keys currently remembered. */
    public int trackedKeys() {
        int total = 0;
        for (Segment segment : segments) {
            total += segment.size();
        }
        return total;
    }

    public SharingSettings settings() {
        return settings;
    }

    private static final class Segment {
        private final Map<String, KeyActivity> keys;

        Segment(int capacity) {
            this.keys = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, KeyActivity> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized KeyActivity activityOf(String keyId, int observations) {
            return keys.computeIfAbsent(keyId, id -> new KeyActivity(id, observations));
        }

        synchronized int size() {
            return keys.size();
        }
    }
}
