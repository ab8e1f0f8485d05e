package dev.moat.server.gateway;

import dev.moat.server.identity.ApiKey;
import dev.moat.server.identity.Limits;
import dev.moat.server.identity.Organisation;
import dev.moat.server.limit.RateLimiter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reserves the request's worst-case tokens (prompt estimate plus completion budget, times the
 * number of choices) against the key's and the organisation's limits; see {@link RateLimiter}.
 *
 * <p>A key's and an organisation's principals (their names and effective limits) are made once per record the
 * {@link dev.moat.server.identity.Directory} holds, not per request: the directory puts a new record whenever a
 * key or an organisation changes, so a record seen before has the limits it had then, and a changed one is
 * resolved again on its first request. Like the limiter's buckets, one entry is kept per key and organisation
 * that has made a request.
 */
public final class LimitStage implements Stage {

    private final RateLimiter limiter;
    private final int defaultMaxTokens;
    private final Limits defaultKeyLimits;

    private final Limits throttleLimits;
    private final Map<String, KeyPrincipals> keys = new ConcurrentHashMap<>();
    private final Map<String, OrgPrincipals> orgs = new ConcurrentHashMap<>();

    /** A key's principal and its throttle principal, made from {@code source}. */
    private record KeyPrincipals(ApiKey source, RateLimiter.Principal key, RateLimiter.Principal throttle) {
    }

    /** An organisation's principal and its throttle principal, made from {@code source}. */
    private record OrgPrincipals(Organisation source, RateLimiter.Principal org, RateLimiter.Principal throttle) {
    }

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
        KeyPrincipals key = principalsOf(call.key);
        OrgPrincipals org = principalsOf(call.org);
        List<RateLimiter.Principal> principals = call.throttled
                ? List.of(key.key(), org.org(), org.throttle())
                : call.keyThrottled
                ? List.of(key.key(), org.org(), key.throttle())
                : List.of(key.key(), org.org());
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

    private KeyPrincipals principalsOf(ApiKey key) {
        KeyPrincipals cached = keys.get(key.id());
        if (cached != null && cached.source() == key) {
            return cached;
        }
        KeyPrincipals made = new KeyPrincipals(key,
                new RateLimiter.Principal("key:" + key.id(), key.limits().orElse(defaultKeyLimits)),
                new RateLimiter.Principal("throttle-key:" + key.id(), throttleLimits));
        keys.put(key.id(), made);
        return made;
    }

    private OrgPrincipals principalsOf(Organisation org) {
        OrgPrincipals cached = orgs.get(org.id());
        if (cached != null && cached.source() == org) {
            return cached;
        }
        OrgPrincipals made = new OrgPrincipals(org, new RateLimiter.Principal("org:" + org.id(), org.limits()),
                new RateLimiter.Principal("throttle:" + org.id(), throttleLimits));
        orgs.put(org.id(), made);
        return made;
    }
}
