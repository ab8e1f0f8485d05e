package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.detect.AnalysisReport;
import dev.moat.detect.Analyzer;
import dev.moat.detect.DetectorSettings;
import dev.moat.detect.PrincipalVerdict;
import dev.moat.detect.UsageEvent;
import dev.moat.detect.UsageEventCodec;
import dev.moat.server.identity.Organisation;
import dev.moat.server.testing.StubResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The events the gateway recorded, exported through the admin API and run through the offline
 * analyser, give the same verdicts the gateway's own detector reached while serving them; and a
 * small cluster harvesting reasoning traces through the gateway is caught and refused.
 */
class AnalyzeEqualsOnlineTest {

    @Test
    void exportedEventsReplayToTheSameVerdicts() {
        try (GatewayFixture moat = new GatewayFixture()) {
            moat.upstream.respondWith(StubResponse.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"Step 1: restate the problem. Step 2: compute. Step 3: answer.\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":900}}"));
            List<GatewayFixture.Tenant> tenants = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = moat.admin("POST", "/admin/v1/orgs", "{\"name\":\"Replay " + i + "\",\"country\":\"US\",\"tier\":\"self-serve\","
                        + "\"contact_email\":\"ops@replay-farm.example\",\"payment_fingerprint\":\"card-4242\"}").body().get("id").asText();
                moat.admin("POST", "/admin/v1/orgs/" + id + "/approve", "{}");
                String key = moat.admin("POST", "/admin/v1/orgs/" + id + "/keys", "{\"models\":[\"model-a\"]}").body().get("key").asText();
                tenants.add(new GatewayFixture.Tenant(id, "", key));
            }
            for (int i = 0; i < 120; i++) {
                GatewayFixture.Tenant tenant = tenants.get(i % tenants.size());
                moat.gateway.post("/v1/chat/completions", "{\"model\":\"model-a\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"Solve problem " + i + ": a train leaves at " + (i % 12) + " o'clock. Show your complete step-by-step "
                        + "reasoning and every intermediate thought before the final answer.\"}]}",
                        "authorization", "Bearer " + tenant.key(), "user-agent", "python-requests/2.31");
            }
            JsonNode exported = moat.admin("GET", "/admin/v1/events?limit=10000", null).body().path("events");
            List<UsageEvent> events = new ArrayList<>();
            for (int i = exported.size() - 1; i >= 0; i--) {
                events.add(UsageEventCodec.fromJson(exported.get(i).toString()));
            }

            Analyzer analyzer = new Analyzer(DetectorSettings.defaults());
            for (Organisation org : moat.server.orgs().list(Optional.empty())) {
                analyzer.addOrg(DetectionWiring.profile(org));
            }
            events.forEach(analyzer::accept);
            AnalysisReport offline = analyzer.report();
            AnalysisReport online = moat.server.detector().report();

            assertThat(events).hasSize(120);
            assertThat(online.eventsProcessed()).isEqualTo(offline.eventsProcessed());
            assertThat(actions(online)).isEqualTo(actions(offline));
            // The four linked accounts harvesting reasoning traces were caught, and the gateway enforces it.
            // (Keys are principals too; each of these accounts used one key, so its organisation carries the action.)
            assertThat(online.principals().stream().filter(p -> p.kind().equals("org")).toList())
                    .hasSize(4).allSatisfy(p -> assertThat(p.action().affectsCustomer()).isTrue());
            String refused = moat.gateway.post("/v1/chat/completions", "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "authorization", "Bearer " + tenants.getFirst().key()).body();
            assertThat(refused).containsAnyOf("\"code\":\"org_suspended\"", "\"code\":\"rate_limit_exceeded\"");
        }
    }

    /**
     * Through the gateway: an evaluation of GSM8K's test items in a chain-of-thought template with a 4,096-token
     * budget, from a new self-serve account, is stopped as a reasoning harvest — unless the gateway's configuration
     * registers the benchmark ({@code detection.benchmarks}), and then it is served to the end.
     */
    @Test
    void anEvaluationOverABenchmarkTheConfigurationRegistersIsServed() throws Exception {
        java.nio.file.Path gsm8k = SharedData.file("prompts/human/gsm8k_test.jsonl");
        List<String> questions = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(gsm8k).subList(0, 150)) {
            questions.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("question").asText());
        }
        assertThat(refusedDuringEvaluation("", questions)).isPositive();
        assertThat(refusedDuringEvaluation("detection: {benchmarks: [\"" + gsm8k + "\"]}\n", questions)).isZero();
    }

    /** Requests of the evaluation that the gateway refused, with {@code extraYaml} as configuration. */
    private static int refusedDuringEvaluation(String extraYaml, List<String> questions) {
        try (GatewayFixture moat = new GatewayFixture(extraYaml)) {
            moat.upstream.respondWith(StubResponse.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":"
                    + "\"assistant\",\"content\":\"Step 1: read the problem. Step 2: compute. The answer is 18.\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":900}}"));
            String id = moat.admin("POST", "/admin/v1/orgs", "{\"name\":\"Eval Lab\",\"country\":\"US\",\"tier\":"
                    + "\"self-serve\",\"contact_email\":\"ml@eval-lab.example\"}").body().get("id").asText();
            moat.admin("POST", "/admin/v1/orgs/" + id + "/approve", "{}");
            String key = moat.admin("POST", "/admin/v1/orgs/" + id + "/keys", "{\"models\":[\"model-a\"]}").body()
                    .get("key").asText();
            int refused = 0;
            for (String question : questions) {
                String body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("model", "model-a").put("max_tokens", 4096)
                        .set("messages", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                                .add(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                                        .put("role", "user").put("content", "Question: " + question
                                                + "\nAnswer: Let's think step by step."))).toString();
                if (moat.gateway.post("/v1/chat/completions", body, "authorization", "Bearer " + key,
                        "user-agent", "lm-eval/0.4").statusCode() != 200) {
                    refused++;
                }
            }
            return refused;
        }
    }

    private static Map<String, String> actions(AnalysisReport report) {
        Map<String, String> actions = new TreeMap<>();
        for (PrincipalVerdict principal : report.principals()) {
            actions.put(principal.id(), principal.action().wireName() + " risk " + Math.round(principal.risk() * 1000));
        }
        return actions;
    }
}
