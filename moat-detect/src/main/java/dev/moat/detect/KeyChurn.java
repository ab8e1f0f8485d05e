package dev.moat.detect;

/**
 * How many keys an organisation has started using lately: a count of keys first seen after its first day here, decayed
 * with a half-life of a day. Keys seen on the first day are the ones it already had when observation began, and a key
 * whose state the detector dropped (idle, or the organisation's 65th) is not new when it comes back.
 *
 * <p>Why it matters: a customer keeps its keys for weeks; a key is the unit of limits and of a key's own judgement. An
 * organisation that starts a new key every few hours of work — each an "experiment", each used for an hour or four and
 * dropped — spreads one job over principals that never grow old enough to be judged, and its keys say nothing about who
 * is behind them. {@link TrustModel} then trusts it like a stranger; this never creates risk where the traffic has none.
 */
final class KeyChurn {

    static final long DAY = 86_400;
    /** Dropped keys remembered per organisation; made at the first drop (most organisations never have one). */
    private static final int DROPPED_KEYS = 64;

    private long since = Long.MIN_VALUE;
    private double count;
    private long countedAt;
    private RecentHashes dropped;

    /** Notes a key of the organisation taken into state at {@code now} (event time, epoch seconds). */
    void keySeen(String keyId, long now) {
        if (since == Long.MIN_VALUE) {
            since = now;
        }
        if (now - since < DAY || wasDropped(keyId)) {
            return;
        }
        count = lately(now) + 1;
        countedAt = now;
    }

    /** Remembers a key whose state is dropped, so its return is not counted as a new key. */
    void dropped(String keyId) {
        if (dropped == null) {
            dropped = new RecentHashes(DROPPED_KEYS);
        }
        dropped.add(Hashing.of(keyId));
    }

    /** Keys first seen lately, as of {@code now}: each counts one on its first day, a half after a day. */
    double lately(long now) {
        return count == 0 ? 0 : count * Math.pow(0.5, Math.max(0, now - countedAt) / (double) DAY);
    }

    private boolean wasDropped(String keyId) {
        return dropped != null && dropped.contains(Hashing.of(keyId));
    }
}
