package dev.moat.server.identity;

/** Request and token limits of a key or an organisation; 0 means no limit of that kind. */
public record Limits(long requestsPerMinute, long tokensPerMinute, long tokensPerDay) {

    public static final Limits NONE = new Limits(0, 0, 0);

    /**
     * The largest per-minute and per-day limits accepted: far above any real use, and within what the
     * token buckets can refill (at most one token per nanosecond).
     */
    public static final long MAX_PER_MINUTE = 10_000_000_000L;
    public static final long MAX_PER_DAY = 10_000_000_000_000L;

    public Limits {
        if (requestsPerMinute < 0 || tokensPerMinute < 0 || tokensPerDay < 0
                || requestsPerMinute > MAX_PER_MINUTE || tokensPerMinute > MAX_PER_MINUTE || tokensPerDay > MAX_PER_DAY) {
            throw new IllegalArgumentException("limits: " + requestsPerMinute + "/" + tokensPerMinute + "/" + tokensPerDay
                    + " (expected: per-minute limits from 0 to " + MAX_PER_MINUTE + ", per-day from 0 to " + MAX_PER_DAY
                    + "; 0 = unlimited)");
        }
    }

    public boolean isNone() {
        return requestsPerMinute == 0 && tokensPerMinute == 0 && tokensPerDay == 0;
    }

    /** These limits where set, {@code fallback}'s where not. */
    public Limits orElse(Limits fallback) {
        return new Limits(
                requestsPerMinute != 0 ? requestsPerMinute : fallback.requestsPerMinute,
                tokensPerMinute != 0 ? tokensPerMinute : fallback.tokensPerMinute,
                tokensPerDay != 0 ? tokensPerDay : fallback.tokensPerDay);
    }
}
