package dev.moat.server.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.server.identity.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    private static RateLimiter.Principal key(Limits limits) {
        return new RateLimiter.Principal("key:k", limits);
    }

    @Property(tries = 50)
    void concurrentReservationsNeverExceedTheTokenLimit(@ForAll @LongRange(min = 100, max = 100_000) long limit,
                                                        @ForAll @IntRange(min = 1, max = 5_000) int perRequest,
                                                        @ForAll @IntRange(min = 2, max = 16) int threads) throws Exception {
        LocalRateLimiter limiter = new LocalRateLimiter();
        RateLimiter.Principal principal = key(new Limits(0, limit, 0));
        AtomicLong granted = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    if (limiter.reserve(List.of(principal), perRequest) instanceof RateLimiter.Reservation) {
                        granted.addAndGet(perRequest);
                    }
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        // Greedy refill adds at most a few tokens during the run; a minute's worth is the hard ceiling.
        assertThat(granted.get()).isLessThanOrEqualTo(limit + limit / 10 + perRequest);
    }

    @Test
    void aReservationIsAllOrNothingAcrossPrincipals() {
        LocalRateLimiter limiter = new LocalRateLimiter();
        RateLimiter.Principal roomy = new RateLimiter.Principal("key:a", new Limits(100, 10_000, 0));
        RateLimiter.Principal tight = new RateLimiter.Principal("org:o", new Limits(0, 150, 0));

        assertThat(limiter.reserve(List.of(roomy, tight), 100)).isInstanceOf(RateLimiter.Reservation.class);
        RateLimiter.Outcome refused = limiter.reserve(List.of(roomy, tight), 100);

        assertThat(refused).isInstanceOfSatisfying(RateLimiter.Rejection.class, r -> {
            assertThat(r.principal()).isEqualTo("org:o");
            assertThat(r.limit()).isEqualTo("tokens_per_minute");
            assertThat(r.retryAfterNanos()).isPositive();
        });
        // The refused reservation gave back what it took from the roomy key: 9,900 tokens are still there.
        assertThat(limiter.reserve(List.of(roomy), 9_900)).isInstanceOf(RateLimiter.Reservation.class);
    }

    @Test
    void settlingReturnsUnusedTokensAndChargesOverruns() {
        LocalRateLimiter limiter = new LocalRateLimiter();
        RateLimiter.Principal principal = key(new Limits(0, 1_000, 0));

        RateLimiter.Reservation first = (RateLimiter.Reservation) limiter.reserve(List.of(principal), 800);
        limiter.settle(first, 100);
        assertThat(limiter.reserve(List.of(principal), 800)).isInstanceOf(RateLimiter.Reservation.class);

        LocalRateLimiter overrun = new LocalRateLimiter();
        RateLimiter.Reservation small = (RateLimiter.Reservation) overrun.reserve(List.of(principal), 100);
        overrun.settle(small, 1_000);
        assertThat(overrun.reserve(List.of(principal), 100)).isInstanceOf(RateLimiter.Rejection.class);
    }

    @Test
    void requestsPerMinuteCountRequestsNotTokens() {
        LocalRateLimiter limiter = new LocalRateLimiter();
        RateLimiter.Principal principal = key(new Limits(3, 0, 0));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.reserve(List.of(principal), 1_000_000)).isInstanceOf(RateLimiter.Reservation.class);
        }
        assertThat(limiter.reserve(List.of(principal), 1)).isInstanceOfSatisfying(RateLimiter.Rejection.class,
                r -> assertThat(r.limit()).isEqualTo("requests_per_minute"));
    }

    @Test
    void aRequestLargerThanTheLimitNeverFits() {
        LocalRateLimiter limiter = new LocalRateLimiter();

        assertThat(limiter.reserve(List.of(key(new Limits(0, 0, 500))), 501)).isInstanceOfSatisfying(
                RateLimiter.Rejection.class, r -> {
                    assertThat(r.neverFits()).isTrue();
                    assertThat(r.limit()).isEqualTo("tokens_per_day");
                });
    }
}
