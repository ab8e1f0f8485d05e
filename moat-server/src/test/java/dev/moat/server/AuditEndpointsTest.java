package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.audit.HttpLogSource;
import dev.moat.audit.LogVerifier;
import dev.moat.audit.NoteVerifier;
import dev.moat.audit.VerifiedCheckpoint;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decisions and admin actions reach the transparency log, which an outside verifier can check over HTTP. */
class AuditEndpointsTest {

    private static final String CHAT = "{\"model\":\"model-a\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"TOP-SECRET-PROMPT\"}]}";
    static GatewayFixture moat;

    @BeforeAll
    static void start() {
        moat = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        moat.close();
    }

    @Test
    void denialsAndAdminActionsAreLoggedAndVerifiable() throws Exception {
        GatewayFixture.Tenant pending = moat.tenant("Audited Ltd", "[\"model-a\"]", null);
        String requestId = moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + pending.key())
                .headers().firstValue("x-request-id").orElseThrow();
        moat.admin("POST", "/admin/v1/orgs/" + pending.orgId() + "/approve", "{\"note\":\"vetted\"}");
        moat.admin("DELETE", "/admin/v1/keys/" + pending.keyId(), null);
        moat.admin("GET", "/admin/v1/usage?org=" + pending.orgId(), null);
        String key = moat.adminText("/audit/key").trim();

        String entries = awaitEntries(requestId.replace("req_", "evt_"));

        assertThat(entries).contains("\"kind\":\"vetting.decision\"", "\"kind\":\"admin.action\"", "\"kind\":\"key.created\"",
                "\"kind\":\"key.revoked\"", "\"kind\":\"access.decision\"", "\"code\":\"org_not_approved\"");
        assertThat(entries).doesNotContain("TOP-SECRET-PROMPT", pending.key(), GatewayFixture.ADMIN_TOKEN);
        assertThat(moat.adminText("/audit/checkpoint")).startsWith("moat.local/audit\n");
        VerifiedCheckpoint verified = new LogVerifier(new HttpLogSource(URI.create("http://127.0.0.1:" + moat.server.adminPort())),
                NoteVerifier.parse(key)).verify(Optional.empty());
        assertThat(verified.size()).isGreaterThanOrEqualTo(5);
        JsonNode proof = GatewayFixture.JSON.readTree(moat.adminText("/audit/proof/inclusion?index=0&size=" + verified.size()));
        assertThat(proof.path("hashes").isArray()).isTrue();
        assertThat(moat.adminText("/audit/proof/inclusion?index=x&size=1")).contains("not a number");
    }

    private static String awaitEntries(String mustContain) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String checkpoint = moat.adminText("/audit/checkpoint");
            long size = Long.parseLong(checkpoint.split("\n")[1]);
            String entries = moat.adminText("/audit/entries?start=0&end=" + size);
            if (entries.contains(mustContain)) {
                return entries;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the audit log never showed " + mustContain);
    }
}
