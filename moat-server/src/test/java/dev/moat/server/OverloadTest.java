package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.server.testing.StubGate;
import dev.moat.server.testing.StubResponse;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** When usage recording has no room, new calls are refused up front instead of losing their record. */
class OverloadTest {

    private static final String CHAT = "{\"model\":\"model-a\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @Test
    void aFullUsageQueueIsBackPressureNotLoss() throws Exception {
        try (GatewayFixture moat = new GatewayFixture("gateway: {usage_queue_capacity: 1}")) {
            GatewayFixture.Tenant tenant = moat.approvedTenant("Busy Ltd", "[\"model-a\"]", null);
            StubGate gate = new StubGate();
            moat.upstream.respondWith(StubResponse.script(200).header("content-type", "application/json").awaitGate(gate)
                    .write("{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}").end());

            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() ->
                    moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key()));
            while (moat.upstream.inFlight() == 0) {
                Thread.sleep(10);
            }
            HttpResponse<String> second = moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key());
            gate.open();

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("retry-after")).isPresent();
            assertThat(second.body()).contains("\"code\":\"overloaded\"");
            assertThat(first.get().statusCode()).isEqualTo(200);
            assertThat(meteredCalls(moat, tenant.orgId())).isEqualTo(1);
        }
    }

    /**
     * The calls recorded for {@code org}, once its answered call has been: the gateway records a call as its
     * response ends, which the client may see a moment before, so the count is read until it is non-zero (or
     * five seconds have passed).
     */
    private static long meteredCalls(GatewayFixture moat, String org) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        long requests = 0;
        while (requests == 0 && System.nanoTime() < deadline) {
            requests = moat.admin("GET", "/admin/v1/usage?org=" + org, null).body().get("requests").asLong();
            if (requests == 0) {
                Thread.sleep(20);
            }
        }
        return requests;
    }
}
