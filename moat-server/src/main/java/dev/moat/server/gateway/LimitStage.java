package dev.moat.server.gateway;

import dev.moat.server.identity.Limits;
import dev.moat.server.limit.RateLimiter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reserves the request's worst-case tokens (prompt estimate plus completion budget, times the
 * number of choices) against the key's and the organisation's limits; see {@link RateLimiter}.
 */
public final class LimitStage implements Stage {

    private final RateLimiter limiter;
    private final int defaultMaxTokens;
    private final Limits defaultKeyLimits;

    private final Limits throttleLimits;

    /** @param throttleLimits the organisation's limits while the detector throttles it */
    public LimitStage(RateLimiter limiter, int defaultMaxTokens, Limits defaultKeyLimits, Limits throttleLimits) {
        this.limiter = limiter;
        this.defaultMaxTokens = defaultMaxTokens;
        this.defaultKeyLimits = defaultKeyLimits;
        this.throttleLimits = throttleLimits;
    }

    @Override
    public Optional<GatewayError> apply(Call call) {
        RequestFacts facts = call.facts;
        long completion = facts.maxTokens() > 0 ? facts.maxTokens() : defaultMaxTokens;
        long tokens = facts.estimatedPromptTokens() + completion * facts.summary().n();
        RateLimiter.Principal key = new RateLimiter.Principal("key:" + call.key.id(), call.key.limits().orElse(defaultKeyLimits));
        RateLimiter.Principal org = new RateLimiter.Principal("org:" + call.org.id(), call.org.limits());
        List<RateLimiter.Principal> principals = call.throttled
                ? List.of(key, org, new RateLimiter.Principal("throttle:" + call.org.id(), throttleLimits))
                : call.keyThrottled
                ? List.of(key, org, new RateLimiter.Principal("throttle-key:" + call.key.id(), throttleLimits))
                : List.of(key, org);
        RateLimiter.Outcome outcome = limiter.reserve(principals, tokens);
        if (outcome instanceof RateLimiter.Reservation reservation) {
            call.reservation = reservation;
            return Optional.empty();
        }
        RateLimiter.Rejection rejection = (RateLimiter.Rejection) outcome;
        String whose = rejection.principal().startsWith("key:") ? "this API key's"
                : rejection.principal().startsWith("throttle:") ? "your organisation's reduced (throttled)"
                : rejection.principal().startsWith("throttle-key:") ? "this API key's reduced (throttled)" : "your organisation's";
        if (rejection.neverFits()) {
            long window = rejection.limit().equals("tokens_per_day") ? 86_400 : 60;
            return Optional.of(new GatewayError(429, "request_exceeds_limit",
                    "This request could use up to " + tokens + " tokens, more than " + whose + " " + rejection.limit()
                            + " limit allows at once. Lower max_tokens or shorten the prompt.", Optional.of(window)));
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(rejection.retryAfterNanos() + 999_999_999L));
        return Optional.of(new GatewayError(429, "rate_limit_exceeded",
                "Rate limit reached: " + whose + " " + rejection.limit() + " limit. Retry after " + seconds + " s.",
                Optional.of(seconds)));
    }
}
