package dev.moat.detect;

/**
 * The requests-per-minute limit of one simulated key, shared by every client using the key (the end
 * users of an app, a leaked key's thief). Events reach it in time order, so a counter per clock
 * minute is exact.
 */
final class TrafficKeyLimit {

    private final int requestsPerMinute;
    private long minute = Long.MIN_VALUE;
    private int used;

    TrafficKeyLimit(int requestsPerMinute) {
        if (requestsPerMinute <= 0) {
            throw new IllegalArgumentException("requestsPerMinute: " + requestsPerMinute + " (expected: > 0)");
        }
        this.requestsPerMinute = requestsPerMinute;
    }

    /** Counts a request at {@code millis}; false when the key's limit for that minute is already used up. */
    boolean admit(long millis) {
        long current = Math.floorDiv(millis, TrafficCadence.MINUTE);
        if (current != minute) {
            minute = current;
            used = 0;
        }
        return ++used <= requestsPerMinute;
    }
}
