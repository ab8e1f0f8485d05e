package dev.moat.server.limit;

import dev.moat.server.identity.Limits;

/**
 * Request and token limits that hold under concurrency. Before a request is forwarded, the caller
 * reserves one request and the most tokens it could use (estimated prompt plus its completion
 * budget) from every principal it counts against (key and organisation). A reservation either
 * fits in all of them or in none. After the response, the caller settles the reservation to the
 * tokens actually used: unused tokens go back, and usage beyond the reservation (a prompt estimate
 * that was too low) is charged as debt that later requests wait out. Concurrent requests can
 * therefore never together pass a limit by more than one request's reservation.
 *
 * <p>Implementations: {@link LocalRateLimiter} (Bucket4j, one process); a shared store (Redis)
 * for several gateway nodes can implement the same interface.
 */
public interface RateLimiter {

    /** One principal a request counts against, with its limits. */
    record Principal(String id, Limits limits) {
    }

    /** Tries to reserve {@code tokens} and one request from every principal. */
    Outcome reserve(Iterable<Principal> principals, long tokens);

    /** Settles a granted reservation to the tokens actually used. */
    void settle(Reservation reservation, long actualTokens);

    sealed interface Outcome permits Reservation, Rejection {
    }

    /** Tokens held for one request; settle it exactly once. */
    record Reservation(java.util.List<Principal> principals, long tokens) implements Outcome {
    }

    /**
     * The request may not go out now.
     *
     * @param principal       the principal whose limit was reached
     * @param limit           which limit: {@code requests_per_minute}, {@code tokens_per_minute} or {@code tokens_per_day}
     * @param retryAfterNanos how long until the request could fit; {@code Long.MAX_VALUE} if it never can
     */
    record Rejection(String principal, String limit, long retryAfterNanos) implements Outcome {
        public boolean neverFits() {
            return retryAfterNanos == Long.MAX_VALUE;
        }
    }
}
