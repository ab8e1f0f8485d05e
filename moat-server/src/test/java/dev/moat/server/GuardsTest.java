package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.server.testing.StubResponse;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request-level extraction guards through the gateway, in both APIs. */
class GuardsTest {

    private static final String PROBE = "{\"model\":\"model-a\",\"max_tokens\":1,\"logprobs\":true,\"top_logprobs\":20,"
            + "\"logit_bias\":{%s},\"messages\":[{\"role\":\"user\",\"content\":\"Say a word.\"}]}";
    static GatewayFixture moat;

    @BeforeAll
    static void start() {
        moat = new GatewayFixture();
        moat.upstream.respondWith(StubResponse.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1}}"));
    }

    @AfterAll
    static void stop() {
        moat.close();
    }

    private static String bias(int entries) {
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < entries; i++) {
            map.append(i == 0 ? "" : ",").append('"').append(1000 + i).append("\":100");
        }
        return PROBE.formatted(map);
    }

    private static GatewayFixture.Tenant tenant(String name, String tier) {
        String id = moat.admin("POST", "/admin/v1/orgs", "{\"name\":\"" + name + "\",\"country\":\"GB\",\"tier\":\"" + tier + "\"}")
                .body().get("id").asText();
        moat.admin("POST", "/admin/v1/orgs/" + id + "/approve", "{}");
        JsonNode key = moat.admin("POST", "/admin/v1/orgs/" + id + "/keys", "{\"models\":[\"model-a\"]}").body();
        return new GatewayFixture.Tenant(id, key.get("id").asText(), key.get("key").asText());
    }

    @Test
    void selfServeLogitBiasProbingIsRefused() {
        GatewayFixture.Tenant selfServe = tenant("Probe Startup", "self-serve");

        HttpResponse<String> response = moat.gateway.post("/v1/chat/completions", bias(50), "authorization", "Bearer " + selfServe.key());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"extraction_blocked\"");
        JsonNode event = moat.eventOf(response, selfServe.orgId());
        assertThat(event.path("decision").get("code").asText()).isEqualTo("extraction_blocked");
        assertThat(event.path("request").get("logit_bias_size").asInt()).isEqualTo(50);
    }

    @Test
    void vettedCustomersHaveTheExtractionFieldsStrippedInstead() {
        GatewayFixture.Tenant enterprise = tenant("Probe Enterprise", "enterprise");
        int before = moat.upstream.requests().size();

        HttpResponse<String> response = moat.gateway.post("/v1/chat/completions", bias(500), "authorization", "Bearer " + enterprise.key());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode forwarded = moat.upstream.requests().get(before).bodyJson();
        assertThat(forwarded.has("logit_bias") && forwarded.has("logprobs")).isFalse();
    }

    @Test
    void reasoningIsWithheldFromTiersNotEntitledToIt() {
        GatewayFixture.Tenant selfServe = tenant("Thinker Startup", "self-serve");
        int before = moat.upstream.requests().size();
        moat.upstream.respondWith(StubResponse.json(200, "{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}"));

        HttpResponse<String> response = moat.gateway.post("/v1/messages",
                "{\"model\":\"model-a\",\"max_tokens\":2000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Why is the sky blue?\"}]}",
                "x-api-key", selfServe.key());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(moat.upstream.requests().get(before).bodyJson().has("thinking")).isFalse();
    }
}
