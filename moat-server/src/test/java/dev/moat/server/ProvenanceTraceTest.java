package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.server.cli.MoatCommand;
import dev.moat.server.testing.StubResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A planted leak: responses one organisation received are found in a "leaked" dataset, after content retention is off. */
class ProvenanceTraceTest {

    private static final String[] TOPICS = {"tidal energy storage", "medieval trade routes", "protein folding kinetics",
            "urban beekeeping regulations", "glacier mass balance", "compiler register allocation"};

    private static String answer(int i) {
        return "Here is a detailed explanation about " + TOPICS[i % TOPICS.length] + " number " + i
                + ". First consider the underlying principles that govern the system in question, then look at how the"
                + " measurements are taken in practice, and finally weigh the trade-offs that practitioners report when they"
                + " apply these ideas at scale in case " + i + " with its own particular constraints and history.";
    }

    @Test
    void traceFindsWhoReceivedTheLeakedResponses(@TempDir Path work) throws Exception {
        List<String> leaked = new ArrayList<>();
        Path dataDir;
        String harvester;
        try (GatewayFixture moat = new GatewayFixture("gateway: {content_retention: \"off\"}")) {
            dataDir = moat.dataDir;
            GatewayFixture.Tenant bystander = moat.approvedTenant("Bystander Ltd", "[\"model-a\"]", null);
            GatewayFixture.Tenant source = moat.approvedTenant("Harvest Ltd", "[\"model-a\"]", null);
            harvester = source.orgId();
            for (int i = 0; i < 12; i++) {
                GatewayFixture.Tenant who = i % 3 == 0 ? bystander : source;
                String text = answer(i);
                moat.upstream.respondWith(StubResponse.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":60}}"));
                moat.gateway.post("/v1/chat/completions", "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"q" + i + "\"}]}",
                        "authorization", "Bearer " + who.key());
                if (who == source) {
                    leaked.add("{\"prompt\":\"q" + i + "\",\"response\":\"" + text.toUpperCase() + "\"}");
                }
            }
            moat.admin("GET", "/admin/v1/usage?org=" + harvester, null);
            Path copy = work.resolve("data");
            copyTree(dataDir, copy);
            dataDir = copy;
        }
        Path dataset = Files.write(work.resolve("leak.jsonl"), leaked);
        Path report = work.resolve("trace.json");

        int code = MoatCommand.commandLine().execute("trace", "--dataset", dataset.toString(), "--data-dir", dataDir.toString(),
                "--out", report.toString());

        assertThat(code).isZero();
        String json = Files.readString(report);
        assertThat(json).contains(harvester);
        var root = GatewayFixture.JSON.readTree(json);
        assertThat(root.toString()).contains("\"matched\"");
        assertThat(root.path("matched").asInt()).isEqualTo(leaked.size());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
