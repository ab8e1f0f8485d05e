package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.server.testing.StubResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the lists change, every organisation is screened again and a new hit takes effect at once. */
class RescreeningTest {

    private static final String CHAT = "{\"model\":\"model-a\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @Test
    void aNewListingSuspendsAnApprovedOrganisation(@TempDir Path lists) throws Exception {
        Files.copy(SharedData.file("sanctions/dpl.txt"), lists.resolve("dpl.txt"));
        try (GatewayFixture moat = new GatewayFixture("screening: {lists: [%s]}".formatted(lists))) {
            moat.upstream.respondWith(StubResponse.json(200, "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"));
            GatewayFixture.Tenant tenant = moat.approvedTenant("Rosneft Trade Limited", "[\"model-a\"]", null);
            assertThat(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key()).statusCode()).isEqualTo(200);

            Files.copy(SharedData.file("sanctions/csl/consolidated-sample.csv"), lists.resolve("consolidated.csv"));
            JsonNode reload = moat.admin("POST", "/admin/v1/lists/reload", "{}").body();

            assertThat(reload.get("reloaded").asBoolean()).isTrue();
            assertThat(reload.get("status_changes").asInt()).isGreaterThanOrEqualTo(1);
            JsonNode org = moat.admin("GET", "/admin/v1/orgs/" + tenant.orgId(), null).body();
            assertThat(org.get("status").asText()).isIn("suspended", "review");
            assertThat(org.path("screening").get("decision").asText()).isIn("block", "review");
            assertThat(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key()).statusCode()).isEqualTo(403);
            JsonNode alerts = moat.admin("GET", "/admin/v1/alerts?org=" + tenant.orgId(), null).body().path("alerts");
            for (int i = 0; i < 50 && alerts.isEmpty(); i++) {
                Thread.sleep(100);
                alerts = moat.admin("GET", "/admin/v1/alerts?org=" + tenant.orgId(), null).body().path("alerts");
            }
            assertThat(alerts.toString()).contains("list_update_");
        }
    }
}
