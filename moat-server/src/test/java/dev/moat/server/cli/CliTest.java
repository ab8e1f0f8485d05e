package dev.moat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code moat} command line as a user runs it: arguments in, exit code and output out. */
class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exitCode, String out, String err) {
    }

    private static synchronized Run moat(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cli = MoatCommand.commandLine();
            cli.setErr(new java.io.PrintWriter(System.err, true));
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path shared(String relative) {
        String dir = System.getProperty("moat.shared.data", "../../shared/data");
        return Path.of(dir).resolve(relative);
    }

    @Test
    void screenScoreComparesTwoNames() throws Exception {
        Run run = moat("screen", "score", "PUTIN, Vladimir Vladimirovich", "Vladimir Putin", "--type", "person");

        assertThat(run.exitCode()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("match").asBoolean()).isTrue();
        assertThat(result.get("score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void screenScoreReadsPairsFromCsv(@TempDir Path dir) throws Exception {
        Path pairs = Files.writeString(dir.resolve("pairs.csv"), "\"Kim Jong Un\",\"Kim Jong Man\",person\nSnow Storm 1,Snow Storm 2,vessel\n");

        Run run = moat("screen", "score", "--pairs", pairs.toString());

        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("name1,name2,score,match");
        assertThat(lines.get(2)).startsWith("Snow Storm 1,Snow Storm 2,").endsWith(",false");
    }

    @Test
    void screenFindsAListedNameInTheRealList() throws Exception {
        Run run = moat("screen", "Banco Nacional de Cuba", "--type", "organization", "--lists", shared("sanctions/ofac-sdn-2021").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("decision").asText()).isEqualTo("block");
        assertThat(result.path("matches").get(0).get("source_id").asText()).isEqualTo("306");
    }

    @Test
    void screenWithoutListsSaysWhatToDo() {
        Run run = moat("screen", "Anyone");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--lists");
    }

    @Test
    void simulateThenAnalyzeCatchesTheDemoCampaign(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path orgs = dir.resolve("orgs.jsonl");
        Path report = dir.resolve("report.json");

        assertThat(moat("simulate", "--scenario", "hydra", "--out", events.toString(), "--orgs", orgs.toString(),
                "--duration", "6h").exitCode()).isZero();
        Run analyzed = moat("analyze", "--events", events.toString(), "--orgs", orgs.toString(), "--out", report.toString());

        assertThat(analyzed.exitCode()).as(analyzed.err()).isZero();
        JsonNode result = JSON.readTree(report.toFile());
        assertThat(result.get("events_processed").asLong()).isEqualTo(Files.readAllLines(events).size());
        assertThat(result.path("principals").isArray()).isTrue();
        assertThat(result.path("clusters").isArray()).isTrue();
    }

    @Test
    void analyzeUsesTheGatewaysDetectionSettings(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path orgs = dir.resolve("orgs.jsonl");
        assertThat(moat("simulate", "--scenario", "hydra", "--out", events.toString(), "--orgs", orgs.toString(),
                "--duration", "6h").exitCode()).isZero();
        // A flag threshold just above zero: organisations the defaults leave alone are flagged for analysts.
        Path config = Files.writeString(dir.resolve("moat.yaml"), """
                upstreams:
                  - {name: primary, api: openai, base_url: "http://127.0.0.1:9000", models: [model-a]}
                detection:
                  thresholds: {flag: 0.01}
                """);

        Run defaults = moat("analyze", "--events", events.toString(), "--orgs", orgs.toString(), "--out",
                dir.resolve("defaults.json").toString());
        Run configured = moat("analyze", "--events", events.toString(), "--orgs", orgs.toString(), "--config",
                config.toString(), "--out", dir.resolve("configured.json").toString());

        assertThat(defaults.exitCode()).as(defaults.err()).isZero();
        assertThat(configured.exitCode()).as(configured.err()).isZero();
        assertThat(flagged(dir.resolve("configured.json"))).isGreaterThan(flagged(dir.resolve("defaults.json")));
    }

    /**
     * Evaluations of GSM8K's test split with reasoning models' budgets and thinking are, in their events, reasoning
     * harvests and are stopped as such; with the benchmark registered ({@code --benchmarks}) they are flagged at most,
     * while every harvester stopped before is still stopped.
     */
    @Test
    void analyzeWithARegisteredBenchmarkLeavesItsEvaluationsAlone(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path orgs = dir.resolve("orgs.jsonl");
        Path labels = dir.resolve("labels.jsonl");
        Path prompts = shared("prompts");
        assertThat(moat("simulate", "--scenario", "evaluations", "--scale", "0.2", "--duration", "1d", "--prompts",
                prompts.toString(), "--out", events.toString(), "--orgs", orgs.toString(), "--labels",
                labels.toString()).exitCode()).isZero();
        java.util.Set<String> evaluators = new java.util.HashSet<>();
        java.util.Set<String> harvesters = new java.util.HashSet<>();
        for (String line : Files.readAllLines(labels)) {
            JsonNode label = JSON.readTree(line);
            if (label.path("kind").asText().equals("eval-sweep")) {
                evaluators.add(label.path("org_id").asText());
            } else if (label.path("campaign_id").isTextual()) {
                harvesters.add(label.path("org_id").asText());
            }
        }
        assertThat(evaluators).isNotEmpty();

        Run unregistered = moat("analyze", "--events", events.toString(), "--orgs", orgs.toString(), "--out",
                dir.resolve("unregistered.json").toString());
        Run registered = moat("analyze", "--events", events.toString(), "--orgs", orgs.toString(), "--benchmarks",
                prompts.resolve("human/gsm8k_test.jsonl").toString(), "--out", dir.resolve("registered.json").toString());

        assertThat(unregistered.exitCode()).as(unregistered.err()).isZero();
        assertThat(registered.exitCode()).as(registered.err()).isZero();
        java.util.Set<String> before = actioned(dir.resolve("unregistered.json"));
        assertThat(before).containsAnyElementsOf(evaluators).containsAnyElementsOf(harvesters);
        before.retainAll(harvesters);
        // the registry takes no harvester out of reach
        assertThat(actioned(dir.resolve("registered.json"))).doesNotContainAnyElementsOf(evaluators)
                .containsAll(before);
    }

    /** Organisations of a report throttled or worse. */
    private static java.util.Set<String> actioned(Path report) throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode principal : JSON.readTree(report.toFile()).path("principals")) {
            if (principal.path("kind").asText().equals("org")
                    && List.of("throttle", "degrade", "suspend").contains(principal.path("action").asText())) {
                ids.add(principal.path("id").asText());
            }
        }
        return ids;
    }

    /** Principals of a report with any action at all (flag or stronger). */
    private static long flagged(Path report) throws Exception {
        long count = 0;
        for (JsonNode principal : JSON.readTree(report.toFile()).path("principals")) {
            if (!principal.path("action").asText().equals("none")) {
                count++;
            }
        }
        return count;
    }

    @Test
    void analyzeNamesTheBadLine(@TempDir Path dir) throws Exception {
        Path events = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\":\"e\",\"ts\":\"2026-01-01T00:00:00Z\"}\n{broken\n");

        Run run = moat("analyze", "--events", events.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.jsonl").contains("2");
    }

    @Test
    void auditVerifyCatchesATamperedEntry(@TempDir Path dir) throws Exception {
        try (var log = dev.moat.audit.TransparencyLog.open(dev.moat.audit.LogSettings.of(dir.resolve("audit"), "test.example/log"))) {
            for (int i = 0; i < 5; i++) {
                log.appendJson(java.util.Map.of("seq", i, "kind", "admin.action")).get();
            }
        }
        Run ok = moat("audit", "verify", "--data-dir", dir.toString(), "--state", dir.resolve("state").toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("5 entries");

        Path bundle;
        try (Stream<Path> files = Files.walk(dir.resolve("audit").resolve("tile").resolve("entries"))) {
            // The newest (largest) partial bundle is the one the checkpoint covers.
            bundle = files.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length - 3] ^= 0x01;
        Files.write(bundle, bytes);

        Run tampered = moat("audit", "verify", "--data-dir", dir.toString(), "--state", dir.resolve("state").toString());
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.err()).contains("FAILED");
    }
}
