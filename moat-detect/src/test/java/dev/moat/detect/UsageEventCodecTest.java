package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class UsageEventCodecTest {

    private static final String CONTRACT_EXAMPLE = """
            {"id":"evt_1","ts":"2026-11-27T16:00:00.123Z",
             "org_id":"org_a","account_id":"acct_a","key_id":"key_a",
             "ip":"203.0.113.7","country":"US","network":"residential",
             "user_agent":"openai-python/1.54.0",
             "api":"openai","model":"model-a",
             "request":{"system":"You are terse.","messages":[{"role":"user","content":"Hi"}],
                        "max_tokens":1024,"temperature":0.7,"n":1,"stream":true,
                        "logprobs":false,"top_logprobs":0,"logit_bias_size":0,"tools":0,"thinking":false},
             "response":{"status":200,"text":"Hello","prompt_tokens":12,"completion_tokens":300,
                         "reasoning_tokens":0,"finish_reason":"stop"},
             "decision":{"action":"allow","reasons":[]},
             "latency_ms":812}
            """;

    @Test
    void readsTheContractExample() {
        UsageEvent event = UsageEventCodec.fromJson(CONTRACT_EXAMPLE);

        assertThat(event.ts()).isEqualTo(Instant.parse("2026-11-27T16:00:00.123Z"));
        assertThat(event.orgId()).isEqualTo("org_a");
        assertThat(event.request().system()).contains("You are terse.");
        assertThat(event.request().messages()).containsExactly(new UsageEvent.Message("user", "Hi"));
        assertThat(event.request().turns()).isEqualTo(1);
        assertThat(event.request().temperature()).isEqualTo(OptionalDouble.of(0.7));
        assertThat(event.request().stream()).isTrue();
        assertThat(event.response().completionTokens()).isEqualTo(300);
        assertThat(event.response().finishReason()).contains("stop");
        assertThat(event.decision()).isEqualTo(Decision.ALLOW);
        assertThat(event.latencyMs()).isEqualTo(812);
    }

    @Test
    void writesWhatItReads() {
        UsageEvent event = UsageEventCodec.fromJson(CONTRACT_EXAMPLE);
        UsageEvent denied = new UsageEvent("evt_2", event.ts(), "org_b", "", "key_b", "::1", "IR", "vpn",
                "curl/8", "anthropic", "model-b", RequestSummary.empty(), ResponseSummary.refused(403),
                Decision.deny("region_restricted", "Iran is under comprehensive embargo"), 1);

        assertThat(UsageEventCodec.fromJson(UsageEventCodec.toJson(event))).isEqualTo(event);
        assertThat(UsageEventCodec.fromJson(UsageEventCodec.toJson(denied))).isEqualTo(denied);
        assertThat(UsageEventCodec.toJson(denied)).contains("\"code\":\"region_restricted\"");
    }

    @Test
    void contentCanBeDropped() {
        UsageEvent event = UsageEventCodec.fromJson(CONTRACT_EXAMPLE).withoutContent();

        assertThat(event.request().system()).isEmpty();
        assertThat(event.request().messages()).isEmpty();
        assertThat(event.request().turns()).isEqualTo(1);
        assertThat(event.response().text()).isEmpty();
        assertThat(UsageEventCodec.toJson(event)).doesNotContain("Hello", "You are terse", "\"Hi\"");
    }

    @Test
    void contentStoredApartComesBackWhole() {
        UsageEvent event = UsageEventCodec.fromJson(CONTRACT_EXAMPLE);

        String content = UsageEventCodec.contentToJson(event.content());
        UsageEvent restored = event.withoutContent().withContent(UsageEventCodec.contentFromJson(content));

        assertThat(restored).isEqualTo(event);
        assertThat(content).doesNotContain("max_tokens", "org_a");
        assertThat(UsageEventCodec.contentFromJson(UsageEventCodec.contentToJson(event.withoutContent().content())).isEmpty())
                .isTrue();
        assertThatThrownBy(() -> UsageEventCodec.contentFromJson("{\"messages\":{}}"))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("request.messages");
    }

    @Test
    void ignoresUnknownFieldsAndKeepsDefaults() {
        UsageEvent event = UsageEventCodec.fromJson(
                "{\"id\":\"e\",\"ts\":\"2026-01-01T00:00:00Z\",\"future\":{\"x\":[1,2]},\"request\":{}}");

        assertThat(event.country()).isEqualTo("unknown");
        assertThat(event.request().n()).isEqualTo(1);
        assertThat(event.response().text()).isEqualTo(Optional.empty());
        assertThat(event.decision().reasons()).isEqualTo(List.of());
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertThatThrownBy(() -> UsageEventCodec.fromJson("{\"ts\":\"2026-01-01T00:00:00Z\"}"))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("\"id\"");
        assertThatThrownBy(() -> UsageEventCodec.fromJson("{\"id\":\"e\",\"ts\":\"yesterday\"}"))
                .hasMessageContaining("ts").hasMessageContaining("yesterday");
        assertThatThrownBy(() -> UsageEventCodec.fromJson(
                "{\"id\":\"e\",\"ts\":\"2026-01-01T00:00:00Z\",\"response\":{\"status\":\"ok\"}}"))
                .hasMessageContaining("response.status");
        assertThatThrownBy(() -> UsageEventCodec.fromJson("{\"id\":"))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("invalid JSON");
    }
}
