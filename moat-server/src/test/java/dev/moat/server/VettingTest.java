package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Organisation vetting against the real 2021 OFAC SDN list, through the admin API. */
class VettingTest {

    static GatewayFixture moat;

    @BeforeAll
    static void start() {
        moat = new GatewayFixture("screening: {lists: [%s]}".formatted(SharedData.file("sanctions/ofac-sdn-2021")));
    }

    @AfterAll
    static void stop() {
        moat.close();
    }

    private static JsonNode create(String json) {
        GatewayFixture.AdminReply reply = moat.admin("POST", "/admin/v1/orgs", json);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.body();
    }

    @Test
    void aListedOrganisationIsRejectedAndCanNeverBeApproved() {
        JsonNode org = create("{\"name\":\"Banco Nacional de Cuba\",\"country\":\"GB\"}");

        assertThat(org.get("status").asText()).isEqualTo("rejected");
        assertThat(org.path("screening").get("decision").asText()).isEqualTo("block");
        JsonNode match = org.path("screening").path("matches").get(0);
        assertThat(match.get("list").asText()).isNotEmpty();
        assertThat(match.get("name").asText()).isEqualTo("BANCO NACIONAL DE CUBA");
        assertThat(match.path("parts")).isNotEmpty();
        GatewayFixture.AdminReply approve = moat.admin("POST", "/admin/v1/orgs/" + org.get("id").asText() + "/approve", "{\"note\":\"x\"}");
        assertThat(approve.status()).isEqualTo(409);
    }

    @Test
    void theFiftyPercentRuleLooksThroughDeclaredIntermediates() {
        JsonNode org = create("""
                {"name":"Harbour Logistics Ltd","country":"CY","owners":[
                  {"name":"Andrey Igorevich Akimov","type":"person","country":"RU","share_percent":30},
                  {"name":"Northern Lights Holdings","type":"organization","country":"CY","share_percent":50,
                   "owners":[{"name":"Rosneft Trading S.A.","type":"organization","country":"CH","share_percent":60}]},
                  {"name":"Maria Jones","type":"person","country":"GB","share_percent":20}]}""");

        assertThat(org.get("status").asText()).isEqualTo("rejected");
        JsonNode rule = org.path("screening").path("fifty_percent_rule");
        assertThat(rule.get("applies").asBoolean()).isTrue();
        assertThat(rule.get("listed_ownership_percent").asDouble()).isGreaterThanOrEqualTo(50.0);
        assertThat(rule.get("explanation").asText()).isNotEmpty();
        assertThat(rule.path("paths").toString()).contains("Northern Lights Holdings");
    }

    @Test
    void organisationsFromEmbargoedCountriesAreRejectedWithThatReason() {
        JsonNode org = create("{\"name\":\"Tehran Software Cooperative\",\"country\":\"IR\"}");

        assertThat(org.get("status").asText()).isEqualTo("rejected");
        assertThat(org.path("screening").path("reasons").toString()).contains("comprehensive embargo");
    }

    @Test
    void aCleanOrganisationWaitsForApproval() {
        JsonNode org = create("{\"name\":\"Zephyrine Quantum Analytics\",\"country\":\"NL\","
                + "\"owners\":[{\"name\":\"Johanna de Vries\",\"type\":\"person\",\"country\":\"NL\",\"share_percent\":100}]}");

        assertThat(org.get("status").asText()).isEqualTo("pending");
        assertThat(org.path("screening").get("decision").asText()).isEqualTo("clear");
        assertThat(moat.admin("POST", "/admin/v1/orgs/" + org.get("id").asText() + "/approve", "{}").status()).isEqualTo(200);
    }

    @Test
    void aNearMatchGoesToReviewWhichNeedsAnAnalystsNote() {
        JsonNode org = create("{\"name\":\"Anglo Caribbean Company Limited\",\"country\":\"GB\"}");

        assertThat(org.path("screening").get("decision").asText()).isIn("review", "block");
        if (org.get("status").asText().equals("review")) {
            String id = org.get("id").asText();
            assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/approve", "{}").status()).isEqualTo(409);
            assertThat(moat.admin("POST", "/admin/v1/orgs/" + id + "/approve", "{\"note\":\"different company, verified registry\"}")
                    .body().get("status").asText()).isEqualTo("approved");
        }
    }
}
