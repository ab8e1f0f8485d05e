package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.server.testing.StubResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API's contract: organisations, keys, usage, events, auth and errors. */
class AdminApiTest {

    private static final String CHAT = "{\"model\":\"model-a\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    static GatewayFixture moat;

    @BeforeAll
    static void start() {
        moat = new GatewayFixture();
        moat.upstream.respondWith(StubResponse.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}"));
    }

    @AfterAll
    static void stop() {
        moat.close();
    }

    @Test
    void createsAnOrganisationPendingWithItsScreeningAndOwners() {
        GatewayFixture.AdminReply created = moat.admin("POST", "/admin/v1/orgs", """
                {"name":"Acme Research","country":"us","contact_email":"ops@acme.example","tier":"enterprise",
                 "owners":[{"name":"Jane Roe","type":"person","country":"US","share_percent":60}],"intended_use":"support bots"}""");

        assertThat(created.status()).isEqualTo(201);
        JsonNode org = created.body();
        assertThat(org.get("id").asText()).startsWith("org_");
        assertThat(org.get("status").asText()).isEqualTo("pending");
        assertThat(org.get("country").asText()).isEqualTo("US");
        assertThat(org.path("screening").has("decision")).isTrue();
        assertThat(org.path("owners").get(0).get("share_percent").asDouble()).isEqualTo(60.0);
        assertThat(moat.admin("GET", "/admin/v1/orgs/" + org.get("id").asText(), null).body().get("name").asText())
                .isEqualTo("Acme Research");
        assertThat(moat.admin("GET", "/admin/v1/orgs?status=pending", null).body().path("orgs").findValuesAsText("id"))
                .contains(org.get("id").asText());
    }

    @Test
    void walksTheStatusMachineAndRefusesWhatItDoesNotAllow() {
        String id = moat.admin("POST", "/admin/v1/orgs", "{\"name\":\"Walker Ltd\",\"country\":\"FR\"}").body().get("id").asText();

        assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/suspend", "{}").status()).isEqualTo(409);
        assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/approve", "{\"note\":\"checked\"}").body().get("status").asText()).isEqualTo("approved");
        assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/approve", "{}").status()).isEqualTo(409);
        assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/suspend", "{}").body().get("status").asText()).isEqualTo("suspended");
        assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/reinstate", "{}").body().get("status").asText()).isEqualTo("approved");
        assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/reject", "{\"note\":\"fraud\"}").body().get("status").asText()).isEqualTo("rejected");
        GatewayFixture.AdminReply refused = moat.admin("POST", "/admin/v1/orgs/" + id + "/approve", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("error").path("message").asText()).contains("rejected");
    }

    @Test
    void rejectsBadInputWithMessagesNamingTheField() {
        assertThat(moat.admin("POST", "/admin/v1/orgs", "{\"country\":\"US\"}").body().path("error").path("message").asText()).contains("name");
        assertThat(moat.admin("POST", "/admin/v1/orgs", "{\"name\":\"X\",\"country\":\"USA\"}").status()).isEqualTo(400);
        assertThat(moat.admin("POST", "/admin/v1/orgs", "{\"name\":\"X\",\"country\":\"US\",\"owners\":[{\"name\":\"A\",\"share_percent\":70},{\"name\":\"B\",\"share_percent\":40}]}")
                .body().path("error").path("message").asText()).contains("more than 100");
        assertThat(moat.admin("POST", "/admin/v1/orgs", "{not json").status()).isEqualTo(400);
        String id = moat.admin("POST", "/admin/v1/orgs", "{\"name\":\"Keys Ltd\",\"country\":\"US\"}").body().get("id").asText();
        assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/keys", "{\"models\":[\"no-such-model\"]}").body()
                .path("error").path("message").asText()).contains("no-such-model");
        assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/keys", "{}").status()).isEqualTo(400);
        assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/keys",
                "{\"models\":[\"model-a\"],\"limits\":{\"tokens_per_minute\":100000000000000}}").body()
                .path("error").path("message").asText()).contains("tokens_per_minute");
    }

    @Test
    void needsTheAdminTokenAndAnswers404ForUnknownThings() {
        assertThat(moat.admin("GET", "/admin/v1/orgs", null, null).status()).isEqualTo(401);
        assertThat(moat.admin("GET", "/admin/v1/orgs", null, "wrong").status()).isEqualTo(401);
        assertThat(moat.admin("GET", "/admin/v1/orgs/org_missing", null).status()).isEqualTo(404);
        assertThat(moat.admin("DELETE", "/admin/v1/keys/key_missing", null).status()).isEqualTo(404);
        assertThat(moat.admin("POST", "/admin/v1/orgs/org_missing/approve", "{}").status()).isEqualTo(404);
        assertThat(moat.admin("GET", "/admin/v1/nothing", null).status()).isEqualTo(404);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        GatewayFixture.Tenant tenant = moat.approvedTenant("Revoke Ltd", "[\"*\"]", null);
        assertThat(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key()).statusCode()).isEqualTo(200);

        GatewayFixture.AdminReply revoked = moat.admin("DELETE", "/admin/v1/keys/" + tenant.keyId(), null);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().has("revoked_at")).isTrue();
        assertThat(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key()).statusCode()).isEqualTo(401);
    }

    @Test
    void aSuspendedOrganisationsKeysStopWorkingAtOnce() {
        GatewayFixture.Tenant tenant = moat.approvedTenant("Suspend Ltd", "[\"model-a\"]", null);
        assertThat(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key()).statusCode()).isEqualTo(200);

        moat.admin("POST", "/admin/v1/orgs/" + tenant.orgId() + "/suspend", "{\"note\":\"abuse\"}");

        assertThat(moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key()).body())
                .contains("\"code\":\"org_suspended\"");
    }

    @Test
    void usageAndEventsAreReadable() {
        GatewayFixture.Tenant tenant = moat.approvedTenant("Usage Ltd", "[\"model-a\"]", null);
        moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key());
        moat.gateway.post("/v1/chat/completions", CHAT.replace("model-a", "model-b"), "authorization", "Bearer " + tenant.key());

        JsonNode usage = moat.admin("GET", "/admin/v1/usage?org=" + tenant.orgId(), null).body();
        assertThat(usage.get("org").asText()).isEqualTo(tenant.orgId());
        assertThat(usage.get("requests").asLong()).isEqualTo(2);
        assertThat(usage.get("denied").asLong()).isEqualTo(1);
        assertThat(usage.get("prompt_tokens").asLong()).isEqualTo(3);
        assertThat(usage.get("completion_tokens").asLong()).isEqualTo(1);
        JsonNode events = moat.admin("GET", "/admin/v1/events?org=" + tenant.orgId() + "&limit=5", null).body().path("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("key_id").asText()).isEqualTo(tenant.keyId());
        assertThat(events.get(0).get("id").asText()).startsWith("evt_");
        assertThat(moat.admin("GET", "/admin/v1/usage", null).status()).isEqualTo(400);
    }

    @Test
    void healthReadinessAndMetricsNeedNoToken() {
        moat.approvedTenant("Metrics Ltd", "[\"model-a\"]", null);
        assertThat(moat.adminText("/healthz")).contains("ok");
        assertThat(moat.adminText("/readyz")).contains("ready");
        GatewayFixture.Tenant tenant = moat.approvedTenant("Metered Ltd", "[\"model-a\"]", null);
        moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key());
        String metrics = moat.adminText("/metrics");
        assertThat(metrics).contains("moat_requests_total{", "route=\"/v1/chat/completions\"", "status=\"200\"",
                "gen_ai_client_token_usage_total", "gen_ai_client_operation_duration_seconds_bucket", "moat_usage_queue_depth");
    }

    @Test
    void secretsNeverReachStorageOrEvents() throws IOException {
        GatewayFixture.Tenant tenant = moat.approvedTenant("Secret Ltd", "[\"model-a\"]", null);
        moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + tenant.key());
        moat.admin("GET", "/admin/v1/usage?org=" + tenant.orgId(), null);

        assertThat(tenant.key()).matches("moat-[0-9A-Za-z]{43}");
        String events = moat.admin("GET", "/admin/v1/events?limit=1000", null).body().toString();
        assertThat(events).doesNotContain(tenant.key(), GatewayFixture.UPSTREAM_KEY, GatewayFixture.ADMIN_TOKEN);
        try (Stream<Path> files = Files.walk(moat.dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(tenant.key(), GatewayFixture.UPSTREAM_KEY, GatewayFixture.ADMIN_TOKEN);
            }
        }
    }
}
