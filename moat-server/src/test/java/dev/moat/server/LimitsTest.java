package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.server.testing.StubResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits that hold when requests arrive together, through the real gateway. */
class LimitsTest {

    private static final String CHAT = "{\"model\":\"model-a\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    /** What the gateway reserves for CHAT: its prompt estimate (16) plus max_tokens. */
    private static final long RESERVATION = 116;

    static GatewayFixture moat;

    @BeforeAll
    static void start() {
        moat = new GatewayFixture();
        moat.upstream.respondWith(StubResponse.script(200)
                .header("content-type", "application/json")
                .pause(Duration.ofMillis(150))
                .write("{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"length\"}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":100,\"total_tokens\":110}}")
                .end());
    }

    @AfterAll
    static void stop() {
        moat.close();
    }

    @Test
    void twentyConcurrentRequestsDoNotOvershootATokenLimit() throws Exception {
        long limit = 1000;
        GatewayFixture.Tenant tenant = moat.approvedTenant("Concurrent Ltd", "[\"model-a\"]", "{\"tokens_per_minute\":" + limit + "}");

        List<HttpResponse<String>> responses = sendConcurrently(tenant.key(), 20);

        long allowed = responses.stream().filter(r -> r.statusCode() == 200).count();
        List<HttpResponse<String>> limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(allowed + limited.size()).isEqualTo(20);
        assertThat(allowed).isPositive();
        assertThat(limited).isNotEmpty();
        JsonNode usage = moat.admin("GET", "/admin/v1/usage?org=" + tenant.orgId(), null).body();
        long used = usage.get("prompt_tokens").asLong() + usage.get("completion_tokens").asLong();
        assertThat(used).isLessThanOrEqualTo(limit + RESERVATION);
        assertThat(allowed).isLessThanOrEqualTo(limit / RESERVATION + 1);
        HttpResponse<String> refusal = limited.getFirst();
        assertThat(refusal.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(refusal.body()).contains("\"code\":\"rate_limit_exceeded\"", "tokens_per_minute");
    }

    @Test
    void requestsPerMinuteHoldPerOrganisationAcrossKeys() throws Exception {
        GatewayFixture.AdminReply org = moat.admin("POST", "/admin/v1/orgs",
                "{\"name\":\"Two Keys Ltd\",\"country\":\"US\",\"limits\":{\"requests_per_minute\":5}}");
        String orgId = org.body().get("id").asText();
        moat.admin("POST", "/admin/v1/orgs/" + orgId + "/approve", "{}");
        String first = moat.admin("POST", "/admin/v1/orgs/" + orgId + "/keys", "{\"models\":[\"model-a\"]}").body().get("key").asText();
        String second = moat.admin("POST", "/admin/v1/orgs/" + orgId + "/keys", "{\"models\":[\"model-a\"]}").body().get("key").asText();

        List<HttpResponse<String>> responses = new ArrayList<>(sendConcurrently(first, 4));
        responses.addAll(sendConcurrently(second, 4));

        assertThat(responses.stream().filter(r -> r.statusCode() == 200).count()).isEqualTo(5);
        assertThat(responses.stream().filter(r -> r.statusCode() == 429).count()).isEqualTo(3);
    }

    @Test
    void aRequestLargerThanTheLimitIsRefusedWithAnExplanation() {
        GatewayFixture.Tenant tenant = moat.approvedTenant("Small Ltd", "[\"model-a\"]", "{\"tokens_per_minute\":50}");

        HttpResponse<String> response = moat.gateway.post("/v1/messages",
                CHAT.replace("\"max_tokens\":100", "\"max_tokens\":1000"), "x-api-key", tenant.key());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).contains("\"type\":\"error\"", "request_exceeds_limit", "Lower max_tokens");
    }

    private static List<HttpResponse<String>> sendConcurrently(String key, int count) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + key)));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
