package dev.moat.server.limit;

import dev.moat.server.identity.Limits;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RateLimiter} on Bucket4j token buckets in this process. Each principal has up to three
 * buckets — requests per minute, tokens per minute, tokens per day — each refilled greedily (a
 * rolling window, not a calendar one). A reservation takes from every bucket of every principal in
 * turn; if one refuses, what was taken so far is put back, so the reservation is all or nothing.
 * While that happens a concurrent request may briefly see less capacity than there is: limits err
 * on the side of refusing, never of overshooting.
 */
public final class LocalRateLimiter implements RateLimiter {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final Map<String, Buckets> buckets = new ConcurrentHashMap<>();

    @Override
    public Outcome reserve(Iterable<Principal> principals, long tokens) {
        // An immutable list (what the gateway passes) is its own copy: nothing is allocated for it.
        List<Principal> all = principals instanceof List<Principal> list ? List.copyOf(list) : copyOf(principals);
        for (int i = 0; i < all.size(); i++) {
            Principal principal = all.get(i);
            Rejection rejection = bucketsOf(principal).reserve(principal.id(), tokens);
            if (rejection != null) {
                for (int done = 0; done < i; done++) {
                    bucketsOf(all.get(done)).release(tokens);
                }
                return rejection;
            }
        }
        return new Reservation(all, tokens);
    }

    private static List<Principal> copyOf(Iterable<Principal> principals) {
        List<Principal> copy = new ArrayList<>(3);
        principals.forEach(copy::add);
        return List.copyOf(copy);
    }

    @Override
    public void settle(Reservation reservation, long actualTokens) {
        long difference = actualTokens - reservation.tokens();
        for (Principal principal : reservation.principals()) {
            Buckets b = bucketsOf(principal);
            if (difference < 0) {
                b.refund(-difference);
            } else if (difference > 0) {
                b.charge(difference);
            }
        }
    }

    private Buckets bucketsOf(Principal principal) {
        Buckets current = buckets.get(principal.id());
        if (current != null && current.limits.equals(principal.limits())) {
            return current;
        }
        return buckets.compute(principal.id(), (id, existing) ->
                existing != null && existing.limits.equals(principal.limits()) ? existing : new Buckets(principal.limits()));
    }

    /** The buckets of one principal; a limit of 0 has no bucket. */
    private static final class Buckets {
        final Limits limits;
        final Bucket requests;
        final Bucket tokensPerMinute;
        final Bucket tokensPerDay;

        Buckets(Limits limits) {
            this.limits = limits;
            this.requests = bucket(limits.requestsPerMinute(), MINUTE);
            this.tokensPerMinute = bucket(limits.tokensPerMinute(), MINUTE);
            this.tokensPerDay = bucket(limits.tokensPerDay(), DAY);
        }

        private static Bucket bucket(long capacity, Duration period) {
            if (capacity == 0) {
                return null;
            }
            return Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                    .build();
        }

        /** Takes one request and {@code tokens}; returns null on success, the rejection otherwise. */
        Rejection reserve(String principal, long tokens) {
            if (tokensPerMinute != null && tokens > limits.tokensPerMinute()) {
                return new Rejection(principal, "tokens_per_minute", Long.MAX_VALUE);
            }
            if (tokensPerDay != null && tokens > limits.tokensPerDay()) {
                return new Rejection(principal, "tokens_per_day", Long.MAX_VALUE);
            }
            if (requests != null) {
                ConsumptionProbe probe = requests.tryConsumeAndReturnRemaining(1);
                if (!probe.isConsumed()) {
                    return new Rejection(principal, "requests_per_minute", probe.getNanosToWaitForRefill());
                }
            }
            if (tokensPerMinute != null && tokens > 0) {
                ConsumptionProbe probe = tokensPerMinute.tryConsumeAndReturnRemaining(tokens);
                if (!probe.isConsumed()) {
                    if (requests != null) {
                        requests.addTokens(1);
                    }
                    return new Rejection(principal, "tokens_per_minute", probe.getNanosToWaitForRefill());
                }
            }
            if (tokensPerDay != null && tokens > 0) {
                ConsumptionProbe probe = tokensPerDay.tryConsumeAndReturnRemaining(tokens);
                if (!probe.isConsumed()) {
                    if (requests != null) {
                        requests.addTokens(1);
                    }
                    if (tokensPerMinute != null) {
                        tokensPerMinute.addTokens(tokens);
                    }
                    return new Rejection(principal, "tokens_per_day", probe.getNanosToWaitForRefill());
                }
            }
            return null;
        }

        /** Undoes a whole reservation that another principal refused. */
        void release(long tokens) {
            if (requests != null) {
                requests.addTokens(1);
            }
            refund(tokens);
        }

        void refund(long tokens) {
            if (tokens <= 0) {
                return;
            }
            if (tokensPerMinute != null) {
                tokensPerMinute.addTokens(tokens);
            }
            if (tokensPerDay != null) {
                tokensPerDay.addTokens(tokens);
            }
        }

        /** Charges usage beyond the reservation; the bucket may go into debt. */
        void charge(long tokens) {
            if (tokensPerMinute != null) {
                tokensPerMinute.consumeIgnoringRateLimits(tokens);
            }
            if (tokensPerDay != null) {
                tokensPerDay.consumeIgnoringRateLimits(tokens);
            }
        }
    }
}
