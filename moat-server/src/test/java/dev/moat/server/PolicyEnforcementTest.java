package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.server.testing.StubResponse;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jurisdiction and network policy through the real gateway, with the reference geo data and clients in
 * several countries simulated by a trusted proxy's X-Forwarded-For.
 */
class PolicyEnforcementTest {

    private static final String CHAT = "{\"model\":\"model-a\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    static GatewayFixture moat;
    static GatewayFixture.Tenant tenant;

    @BeforeAll
    static void start() {
        moat = new GatewayFixture("""
                trusted_proxies: [127.0.0.1/32, "::1/128"]
                network:
                  geoip: [%s, %s]
                  hosting: [%s]
                  vpn: [%s]
                policy:
                  profile: us-export
                  networks: {vpn: review, hosting: allow, tor: deny}
                  rules:
                    - name: no-model-b-from-hosting
                      when: 'request.network == "hosting" && request.model == "model-b"'
                      action: deny
                      message: "model-b may not be used from hosting networks"
                """.formatted(SharedData.file("geo/geo-whois-asn-country-ipv4.mmdb"), SharedData.file("geo/geo-whois-asn-country-ipv6.mmdb"),
                SharedData.file("geo/hosting-ipv4.txt"), SharedData.file("geo/vpn-ipv4.txt")));
        moat.upstream.respondWith(StubResponse.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1}}"));
        tenant = moat.approvedTenant("Global Ltd", "[\"model-a\",\"model-b\"]", null);
    }

    @AfterAll
    static void stop() {
        moat.close();
    }

    private static HttpResponse<String> from(String ip, String body) {
        return moat.gateway.post("/v1/chat/completions", body, "authorization", "Bearer " + tenant.key(), "x-forwarded-for", ip);
    }

    @Test
    void requestsFromEmbargoedCountriesAreRefusedWithTheirReason() {
        for (String ip : new String[] {"5.22.0.1", "175.45.176.1", "152.206.0.1"}) {
            HttpResponse<String> response = from(ip, CHAT);
            assertThat(response.statusCode()).as(ip).isEqualTo(403);
            assertThat(response.body()).as(ip).contains("\"code\":\"region_restricted\"");
        }
        HttpResponse<String> anthropic = moat.gateway.post("/v1/messages", CHAT, "x-api-key", tenant.key(), "x-forwarded-for", "2a02:6b8::1");
        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(anthropic.body()).contains("\"type\":\"error\"", "region_restricted");
    }

    @Test
    void requestsFromOrdinaryCountriesPassAndRecordWhereTheyCameFrom() {
        assertThat(from("81.2.69.160", CHAT).statusCode()).isEqualTo(200);
        HttpResponse<String> german = from("2a02:2e0::1", CHAT);
        assertThat(german.statusCode()).isEqualTo(200);

        JsonNode event = moat.eventOf(german, tenant.orgId());
        assertThat(event.get("ip").asText()).isEqualTo("2a02:2e0::1");
        assertThat(event.get("country").asText()).isEqualTo("DE");
    }

    @Test
    void customRulesAndNetworkActionsApply() {
        HttpResponse<String> denied = from("1.178.81.5", CHAT.replace("model-a", "model-b"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("\"code\":\"policy_denied\"", "model-b may not be used from hosting networks");
        assertThat(from("1.178.81.5", CHAT).statusCode()).isEqualTo(200);

        HttpResponse<String> viaVpn = from("2.26.157.5", CHAT);
        assertThat(viaVpn.statusCode()).isEqualTo(200);
        JsonNode event = moat.eventOf(viaVpn, tenant.orgId());
        assertThat(event.get("network").asText()).isEqualTo("vpn");
        assertThat(event.path("decision").get("action").asText()).isEqualTo("review");
        JsonNode alerts = awaitAlerts("policy_review");
        assertThat(alerts.toString()).contains(tenant.orgId());
    }

    @Test
    void aKeyUsedFromTwoContinentsAtOnceRaisesACredentialSharingAlert() {
        GatewayFixture.Tenant shared = moat.approvedTenant("Shared Key Ltd", "[\"model-a\"]", null);
        for (String ip : new String[] {"81.2.69.160", "223.5.5.5", "81.2.69.160", "223.5.5.5"}) {
            moat.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + shared.key(), "x-forwarded-for", ip);
        }

        JsonNode alerts = awaitAlerts("impossible_travel");
        assertThat(alerts.toString()).contains(shared.keyId());
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        try (GatewayFixture untrusting = new GatewayFixture("network: {geoip: [%s]}".formatted(
                SharedData.file("geo/geo-whois-asn-country-ipv4.mmdb")))) {
            untrusting.upstream.respondWith(StubResponse.json(200, "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"));
            GatewayFixture.Tenant local = untrusting.approvedTenant("Local Ltd", "[\"model-a\"]", null);

            HttpResponse<String> response = untrusting.gateway.post("/v1/chat/completions", CHAT,
                    "authorization", "Bearer " + local.key(), "x-forwarded-for", "5.22.0.1");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode event = untrusting.eventOf(response, local.orgId());
            assertThat(event.get("ip").asText()).isEqualTo("127.0.0.1");
        }
    }

    private static JsonNode awaitAlerts(String kind) {
        for (int i = 0; i < 100; i++) {
            JsonNode alerts = moat.admin("GET", "/admin/v1/alerts?limit=100", null).body().path("alerts");
            if (alerts.toString().contains("\"kind\":\"" + kind + "\"")) {
                return alerts;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no " + kind + " alert appeared");
    }
}
