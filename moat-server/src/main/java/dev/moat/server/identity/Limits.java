package dev.moat.server.identity;

/** Request and token limits of a key or an organisation; 0 means no limit of that kind. */
public record Limits(long requestsPerMinute, long tokensPerMinute, long tokensPerDay) {

    public static final Limits NONE = new Limits(0, 0, 0);

    /** The largest limit accepted: far above any real use, and within what the token buckets can refill. */
    public static final long MAX = 1_000_000_000L;

    public Limits {
        if (requestsPerMinute < 0 || tokensPerMinute < 0 || tokensPerDay < 0
                || requestsPerMinute > MAX || tokensPerMinute > MAX || tokensPerDay > MAX) {
            throw new IllegalArgumentException("limits: " + requestsPerMinute + "/" + tokensPerMinute + "/"
                    + tokensPerDay + " (expected: every limit from 0 to " + MAX + "; 0 = unlimited)");
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
