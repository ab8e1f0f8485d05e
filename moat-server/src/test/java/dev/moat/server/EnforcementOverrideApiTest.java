package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.server.testing.StubResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Analysts' overrides of the detector's enforcement, over HTTP against a real server. Detection runs
 * in shadow mode here, where the detector itself enforces nothing: every refusal below is the
 * override's doing, and shows that overrides apply in shadow mode.
 */
class EnforcementOverrideApiTest {

    private static final String CHAT = "{\"model\":\"model-a\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    static GatewayFixture moat;

    @BeforeAll
    static void start() {
        moat = new GatewayFixture("detection: {shadow_mode: true}");
        moat.upstream.respondWith(StubResponse.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}"));
    }

    @AfterAll
    static void stop() {
        moat.close();
    }

    private static HttpResponse<String> chat(String key) {
        return moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + key);
    }

    private static String errorCode(HttpResponse<String> response) throws Exception {
        return GatewayFixture.JSON.readTree(response.body()).path("error").path("code").asText();
    }

    /** A second key for the tenant's organisation; returns {id, secret}. */
    private static String[] secondKey(String orgId) {
        JsonNode key = moat.admin("POST", "/admin/v1/orgs/" + orgId + "/keys", "{\"name\":\"batch\",\"models\":[\"*\"]}").body();
        return new String[] {key.get("id").asText(), key.get("key").asText()};
    }

    @Test
    void aKeySuspendedByAnAnalystIsRefusedUntilTheOverrideIsRemoved() throws Exception {
        GatewayFixture.Tenant tenant = moat.approvedTenant("Leaked Key Ltd", "[\"*\"]", null);
        String path = "/admin/v1/keys/" + tenant.keyId() + "/enforcement";
        assertThat(chat(tenant.key()).statusCode()).isEqualTo(200);
        Instant before = Instant.now();

        GatewayFixture.AdminReply set = moat.admin("PUT", path,
                "{\"action\":\"suspend\",\"note\":\"T-41: key resold on a forum\",\"expires_in\":\"7d\"}");

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().get("subject").asText()).isEqualTo("key:" + tenant.keyId());
        assertThat(set.body().get("detector_action").asText()).isEqualTo("none");
        assertThat(set.body().get("enforced_action").asText()).isEqualTo("suspend");
        JsonNode override = set.body().get("override");
        assertThat(override.get("action").asText()).isEqualTo("suspend");
        assertThat(override.get("note").asText()).isEqualTo("T-41: key resold on a forum");
        Instant expires = Instant.parse(override.get("expires_at").asText());
        assertThat(Duration.between(before, expires)).isBetween(Duration.ofDays(7).minusSeconds(5), Duration.ofDays(7).plusSeconds(5));
        assertThat(Instant.parse(override.get("set_at").asText())).isBetween(before.minusSeconds(1), Instant.now());
        HttpResponse<String> refused = chat(tenant.key());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(errorCode(refused)).isEqualTo("key_suspended");
        assertThat(moat.admin("GET", path, null).body()).isEqualTo(set.body());

        GatewayFixture.AdminReply removed = moat.admin("DELETE", path, "{\"note\":\"T-41: the key was rotated\"}");

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("override").isNull()).isTrue();
        assertThat(removed.body().get("enforced_action").asText()).isEqualTo("none");
        assertThat(chat(tenant.key()).statusCode()).isEqualTo(200);
        assertThat(moat.admin("DELETE", path, null).status()).isEqualTo(404);
    }

    @Test
    void anOrganisationOverrideCoversEveryKeyAndAKeysOwnOverrideBeatsIt() throws Exception {
        GatewayFixture.Tenant tenant = moat.approvedTenant("Campaign Ltd", "[\"*\"]", null);
        String[] batch = secondKey(tenant.orgId());

        GatewayFixture.AdminReply set = moat.admin("PUT", "/admin/v1/orgs/" + tenant.orgId() + "/enforcement",
                "{\"action\":\"suspend\",\"note\":\"T-42: confirmed hydra member\"}");

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().get("subject").asText()).isEqualTo("org:" + tenant.orgId());
        Instant expires = Instant.parse(set.body().path("override").get("expires_at").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));
        assertThat(errorCode(chat(tenant.key()))).isEqualTo("org_suspended");
        assertThat(errorCode(chat(batch[1]))).isEqualTo("org_suspended");
        assertThat(moat.admin("GET", "/admin/v1/keys/" + batch[0] + "/enforcement", null).body().get("enforced_action").asText())
                .isEqualTo("suspend");

        moat.admin("PUT", "/admin/v1/keys/" + batch[0] + "/enforcement", "{\"action\":\"none\",\"note\":\"T-42: the batch key is clean\"}");

        assertThat(chat(batch[1]).statusCode()).isEqualTo(200);
        assertThat(errorCode(chat(tenant.key()))).isEqualTo("org_suspended");
    }

    @Test
    void overridesSurviveARestartAndEveryChangeIsOnTheAuditLog() throws Exception {
        GatewayFixture.Tenant tenant = moat.approvedTenant("Restart Ltd", "[\"*\"]", null);
        String path = "/admin/v1/keys/" + tenant.keyId() + "/enforcement";
        moat.admin("PUT", path, "{\"action\":\"suspend\",\"note\":\"T-43: harvesting confirmed\",\"expires_in\":\"12h\"}");
        moat.admin("PUT", "/admin/v1/orgs/" + tenant.orgId() + "/enforcement", "{\"action\":\"throttle\",\"note\":\"T-43: whole org\"}");
        moat.admin("DELETE", "/admin/v1/orgs/" + tenant.orgId() + "/enforcement", null);

        moat.restart();

        assertThat(errorCode(chat(tenant.key()))).isEqualTo("key_suspended");
        JsonNode shown = moat.admin("GET", path, null).body();
        assertThat(shown.path("override").get("note").asText()).isEqualTo("T-43: harvesting confirmed");
        assertThat(moat.admin("GET", "/admin/v1/orgs/" + tenant.orgId() + "/enforcement", null).body().get("override").isNull()).isTrue();
        List<JsonNode> entries = auditEntriesOnce("enforcement.override_removed", tenant.orgId());
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.get("kind").asText()).isEqualTo("enforcement.override");
            assertThat(entry.get("actor").asText()).isEqualTo("admin");
            assertThat(entry.get("subject").asText()).isEqualTo(tenant.keyId());
            assertThat(entry.get("outcome").asText()).isEqualTo("suspend");
            assertThat(entry.get("reasons").get(0).asText()).isEqualTo("T-43: harvesting confirmed");
            assertThat(entry.get("reasons").get(1).asText()).startsWith("expires_at ").contains(shown.path("override").get("expires_at").asText());
        });
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.get("kind").asText()).isEqualTo("enforcement.override_removed");
            assertThat(entry.get("subject").asText()).isEqualTo(tenant.orgId());
            assertThat(entry.get("outcome").asText()).isEqualTo("throttle");
        });

        moat.admin("DELETE", path, "{\"note\":\"T-43: closed\"}");

        assertThat(chat(tenant.key()).statusCode()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedWithAMessageSayingWhatToSend() {
        GatewayFixture.Tenant tenant = moat.approvedTenant("Typo Ltd", "[\"*\"]", null);
        String path = "/admin/v1/orgs/" + tenant.orgId() + "/enforcement";

        assertThat(refusal(path, "{\"action\":\"suspend\"}")).contains("note: missing");
        assertThat(refusal(path, "{\"note\":\"why\"}")).contains("action: missing", "none, throttle, degrade or suspend");
        assertThat(refusal(path, "{\"action\":\"review\",\"note\":\"why\"}")).contains("'review'", "none, throttle, degrade or suspend");
        assertThat(refusal(path, "{\"action\":\"ban\",\"note\":\"why\"}")).contains("'ban'");
        assertThat(refusal(path, "{\"action\":\"none\",\"note\":\"why\",\"expires_in\":\"soon\"}")).contains("expires_in", "30d");
        assertThat(refusal(path, "{\"action\":\"none\",\"note\":\"why\",\"expires_in\":\"400d\"}")).contains("expires_in", "365d");
        assertThat(refusal(path, "{\"action\":\"none\",\"note\":\"why\",\"expires_in\":30}")).contains("expires_in", "string");
        assertThat(refusal(path, "{not json")).contains("not valid JSON");
        assertThat(moat.admin("GET", path, null).body().get("override").isNull()).isTrue();

        assertThat(moat.admin("PUT", "/admin/v1/orgs/org_missing/enforcement", "{\"action\":\"none\",\"note\":\"why\"}").status()).isEqualTo(404);
        assertThat(moat.admin("GET", "/admin/v1/keys/key_missing/enforcement", null).status()).isEqualTo(404);
        assertThat(moat.admin("DELETE", path, null).status()).isEqualTo(404);
        assertThat(moat.admin("PUT", path, "{\"action\":\"none\",\"note\":\"why\"}", null).status()).isEqualTo(401);
    }

    private static String refusal(String path, String body) {
        GatewayFixture.AdminReply reply = moat.admin("PUT", path, body);
        assertThat(reply.status()).as(body).isEqualTo(400);
        assertThat(reply.body().path("error").path("code").asText()).isEqualTo("invalid_request");
        return reply.body().path("error").path("message").asText();
    }

    /**
     * Every entry of the published transparency log once it holds an entry of {@code kind} about {@code subject}
     * (an admin action is durable before its call returns; the checkpoint that publishes it may follow a moment later).
     */
    private static List<JsonNode> auditEntriesOnce(String kind, String subject) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            long size = Long.parseLong(moat.adminText("/audit/checkpoint").split("\n")[1]);
            List<JsonNode> entries = new ArrayList<>();
            for (String line : moat.adminText("/audit/entries?start=0&end=" + size).split("\n")) {
                if (!line.isBlank()) {
                    entries.add(GatewayFixture.JSON.readTree(line));
                }
            }
            if (entries.stream().anyMatch(e -> e.path("kind").asText().equals(kind) && e.path("subject").asText().equals(subject))) {
                return entries;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the audit log never showed " + kind + " of " + subject);
    }
}
