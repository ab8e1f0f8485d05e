package dev.moat.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.detect.Action;
import dev.moat.server.enforcement.EnforcementOverride;
import dev.moat.server.enforcement.EnforcementOverrides;
import dev.moat.server.enforcement.OverrideScope;
import dev.moat.server.identity.ApiKey;
import dev.moat.server.identity.Limits;
import dev.moat.server.identity.OrgStatus;
import dev.moat.server.identity.Organisation;
import dev.moat.server.limit.LocalRateLimiter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The detector's actions on organisations and on single keys, as the gateway applies them. */
class EnforcementStageTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String BODY = "{\"model\":\"model-a\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private static Call call(String keyId) throws Exception {
        return call(keyId, BODY);
    }

    private static Call call(String keyId, String body) throws Exception {
        Call call = new Call("req_1", OpenAiDialect.INSTANCE, MultiMap.caseInsensitiveMultiMap(), "192.0.2.1", Buffer.buffer(body));
        call.org = new Organisation("org_a", "Example Ltd", "GB", "ops@example.org", "self-serve", OrgStatus.APPROVED, "", List.of(),
                Optional.empty(), Limits.NONE, Optional.empty(), Optional.empty(), NOW, NOW);
        call.key = new ApiKey(keyId, "org_a", "acct_a", keyId, "sha", Set.of(), Limits.NONE, NOW, Optional.empty());
        call.facts = OpenAiDialect.INSTANCE.parse(call.rawBody);
        return call;
    }

    /** An enforcement view where only the named keys carry an action of their own. */
    private static EnforcementStage stage(Action orgAction, Map<String, Action> keyActions) {
        return new EnforcementStage(org -> orgAction, (org, key) -> orgAction.atLeast(keyActions.getOrDefault(key, Action.NONE)), 512);
    }

    @Test
    void aSuspendedKeyIsRefusedAloneAndSaysSo() throws Exception {
        EnforcementStage stage = stage(Action.NONE, Map.of("key_leaked", Action.SUSPEND));

        Optional<GatewayError> leaked = stage.apply(call("key_leaked"));
        Optional<GatewayError> other = stage.apply(call("key_own"));

        assertThat(leaked).map(GatewayError::code).contains("key_suspended");
        assertThat(leaked.get().status()).isEqualTo(403);
        assertThat(leaked.get().message()).contains("other keys are not affected");
        assertThat(other).isEmpty();
    }

    @Test
    void aSuspendedOrganisationRefusesEveryKey() throws Exception {
        EnforcementStage stage = stage(Action.SUSPEND, Map.of("key_leaked", Action.SUSPEND));

        assertThat(stage.apply(call("key_leaked"))).map(GatewayError::code).contains("org_suspended");
        assertThat(stage.apply(call("key_own"))).map(GatewayError::code).contains("org_suspended");
    }

    @Test
    void aThrottledKeyGetsItsOwnThrottleWhileTheOrganisationsOtherKeysDoNot() throws Exception {
        EnforcementStage stage = stage(Action.FLAG, Map.of("key_leaked", Action.THROTTLE));
        LimitStage limits = new LimitStage(new LocalRateLimiter(), 100, Limits.NONE, new Limits(1, 0, 0));

        Call first = call("key_leaked");
        assertThat(stage.apply(first)).isEmpty();
        assertThat(first.keyThrottled).isTrue();
        assertThat(first.throttled).isFalse();
        assertThat(limits.apply(first)).isEmpty();

        Call second = call("key_leaked");
        stage.apply(second);
        assertThat(limits.apply(second)).hasValueSatisfying(error -> {
            assertThat(error.status()).isEqualTo(429);
            assertThat(error.message()).contains("this API key's reduced (throttled)");
        });

        Call own = call("key_own");
        stage.apply(own);
        assertThat(own.keyThrottled || own.throttled).isFalse();
        assertThat(limits.apply(own)).isEmpty();
    }

    @Test
    void aDegradedKeyIsThrottledAndItsRequestsShaped() throws Exception {
        EnforcementStage stage = stage(Action.NONE, Map.of("key_leaked", Action.DEGRADE));
        Call call = call("key_leaked", BODY.replace("\"max_tokens\":10", "\"max_tokens\":8000,\"logprobs\":true"));

        assertThat(stage.apply(call)).isEmpty();

        assertThat(call.keyThrottled).isTrue();
        assertThat(call.bodyChanged).isTrue();
        assertThat(call.body().get("max_tokens").asInt()).isEqualTo(512);
        assertThat(call.body().has("logprobs")).isFalse();
    }

    /** The stage as the server builds it: over analysts' overrides, on top of a detector view. */
    private static EnforcementStage overridden(Action detectorOrg, Map<String, Action> detectorKeys, EnforcementOverride... overrides) {
        EnforcementOverrides view = new EnforcementOverrides(org -> detectorOrg,
                (org, key) -> detectorOrg.atLeast(detectorKeys.getOrDefault(key, Action.NONE)), Clock.fixed(NOW, ZoneOffset.UTC));
        for (EnforcementOverride override : overrides) {
            view.put(override);
        }
        return new EnforcementStage(view::forOrg, view::forKey, 512);
    }

    private static EnforcementOverride override(OverrideScope scope, String id, Action action) {
        return new EnforcementOverride(scope, id, action, "analyst's finding", NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void aKeySuspendedByAnAnalystIsRefusedAloneWhileTheDetectorSeesNothing() throws Exception {
        EnforcementStage stage = overridden(Action.NONE, Map.of(), override(OverrideScope.KEY, "key_leaked", Action.SUSPEND));

        assertThat(stage.apply(call("key_leaked"))).map(GatewayError::code).contains("key_suspended");
        assertThat(stage.apply(call("key_own"))).isEmpty();
    }

    @Test
    void anAnalystsNoneLetsADetectorSuspendedOrganisationWorkAgain() throws Exception {
        EnforcementStage stage = overridden(Action.SUSPEND, Map.of("key_leaked", Action.SUSPEND),
                override(OverrideScope.ORG, "org_a", Action.NONE));

        Call call = call("key_leaked");
        assertThat(stage.apply(call)).isEmpty();
        assertThat(call.throttled || call.keyThrottled || call.bodyChanged).isFalse();
    }

    @Test
    void anOrganisationSuspendedByAnAnalystRefusesEveryKeyExceptOneLetThroughByName() throws Exception {
        EnforcementStage stage = overridden(Action.NONE, Map.of(), override(OverrideScope.ORG, "org_a", Action.SUSPEND),
                override(OverrideScope.KEY, "key_batch", Action.NONE));

        assertThat(stage.apply(call("key_own"))).map(GatewayError::code).contains("org_suspended");
        assertThat(stage.apply(call("key_batch"))).isEmpty();
    }
}
