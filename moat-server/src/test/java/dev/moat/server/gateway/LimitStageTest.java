package dev.moat.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.server.identity.ApiKey;
import dev.moat.server.identity.Limits;
import dev.moat.server.identity.OrgStatus;
import dev.moat.server.identity.Organisation;
import dev.moat.server.limit.LocalRateLimiter;
import dev.moat.server.limit.RateLimiter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The limit stage resolves a key's and an organisation's principals once per directory record: a record that
 * changed (new limits) is resolved again, one that did not keeps counting against the same buckets.
 */
class LimitStageTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String BODY = "{\"model\":\"model-a\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final Limits THROTTLE = new Limits(1, 0, 0);

    private final LocalRateLimiter limiter = new LocalRateLimiter();
    private final LimitStage stage = new LimitStage(limiter, 512, Limits.NONE, THROTTLE);

    private static Organisation org(Limits limits, OrgStatus status) {
        return new Organisation("org_a", "Example Ltd", "GB", "ops@example.org", "self-serve", status, "", List.of(),
                Optional.empty(), limits, Optional.empty(), Optional.empty(), NOW, NOW);
    }

    private static ApiKey key(Limits limits) {
        return new ApiKey("key_a", "org_a", "acct_a", "key_a", "sha", Set.of(), limits, NOW, Optional.empty());
    }

    private static Call call(ApiKey key, Organisation org) {
        Call call = new Call("req_1", OpenAiDialect.INSTANCE, MultiMap.caseInsensitiveMultiMap(), "192.0.2.1", Buffer.buffer(BODY));
        call.key = key;
        call.org = org;
        call.facts = OpenAiDialect.INSTANCE.parse(call.rawBody);
        return call;
    }

    private Optional<GatewayError> send(ApiKey key, Organisation org) {
        Call call = call(key, org);
        Optional<GatewayError> refusal = stage.apply(call);
        if (refusal.isEmpty()) {
            limiter.settle(call.reservation, 0);
        }
        return refusal;
    }

    @Test
    void aKeyWhoseLimitsChangedIsHeldToItsNewLimits() {
        Organisation org = org(Limits.NONE, OrgStatus.APPROVED);
        ApiKey generous = key(new Limits(100, 0, 0));
        for (int i = 0; i < 3; i++) {
            assertThat(send(generous, org)).isEmpty();
        }

        // The same key, its record replaced with lower limits: the limiter starts its buckets afresh at the new
        // limits (as it always has), and the stage must hand it those limits, not the ones it resolved before.
        ApiKey strict = key(new Limits(2, 0, 0));
        assertThat(send(strict, org)).isEmpty();
        assertThat(send(strict, org)).isEmpty();
        Optional<GatewayError> refusal = send(strict, org);

        assertThat(refusal).map(GatewayError::code).contains("rate_limit_exceeded");
        assertThat(refusal.get().message()).contains("this API key's requests_per_minute");
    }

    @Test
    void anOrganisationsNewRecordWithTheSameLimitsKeepsCountingTheSameBuckets() {
        ApiKey key = key(Limits.NONE);
        Organisation approved = org(new Limits(2, 0, 0), OrgStatus.APPROVED);
        assertThat(send(key, approved)).isEmpty();
        assertThat(send(key, approved)).isEmpty();

        Organisation touched = approved.withStatus(OrgStatus.APPROVED, NOW.plusSeconds(1)); // a new record, same limits

        assertThat(send(key, touched)).map(GatewayError::code).contains("rate_limit_exceeded");
    }

    @Test
    void theThrottlePrincipalsAreTheOrganisationsAndTheKeys() {
        ApiKey key = key(Limits.NONE);
        Organisation org = org(Limits.NONE, OrgStatus.APPROVED);
        Call throttled = call(key, org);
        throttled.throttled = true;
        Call keyThrottled = call(key, org);
        keyThrottled.keyThrottled = true;

        assertThat(stage.apply(throttled)).isEmpty();
        assertThat(stage.apply(keyThrottled)).isEmpty();

        assertThat(throttled.reservation.principals()).extracting(RateLimiter.Principal::id)
                .containsExactly("key:key_a", "org:org_a", "throttle:org_a");
        assertThat(keyThrottled.reservation.principals()).extracting(RateLimiter.Principal::id)
                .containsExactly("key:key_a", "org:org_a", "throttle-key:key_a");
        Call again = call(key, org);
        again.throttled = true;
        assertThat(stage.apply(again)).map(GatewayError::message).hasValueSatisfying(
                message -> assertThat(message).contains("your organisation's reduced (throttled) requests_per_minute"));
    }
}
