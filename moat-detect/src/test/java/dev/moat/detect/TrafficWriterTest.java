package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> lines(ByteArrayOutputStream out) {
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return List.of(text.split("\n"));
    }

    @Test
    void writesEventsOrganisationsAndLabelsThatReadBackAsGenerated() throws Exception {
        Scenario scenario = SimulationTestData.everyKind().withDuration(Duration.ofHours(3));
        SimulationSettings settings = SimulationTestData.settings(4);
        Simulator simulator = new Simulator(PromptSource.bundled());
        List<SimulatedEvent> expected = new ArrayList<>();
        Simulation reference = simulator.run(scenario, settings);
        reference.forEachRemaining(expected::add);

        Simulation simulation = simulator.run(scenario, settings);
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        ByteArrayOutputStream orgs = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        long written = TrafficWriter.write(simulation, events, Optional.of(orgs), Optional.of(labels));

        assertThat(written).isEqualTo(expected.size());
        List<UsageEvent> read = lines(events).stream().map(UsageEventCodec::fromJson).toList();
        assertThat(read).isEqualTo(expected.stream().map(SimulatedEvent::event).toList());

        List<OrgProfile> profiles = OrgProfileReader.read(new StringReader(orgs.toString(StandardCharsets.UTF_8)),
                "orgs.jsonl");
        assertThat(profiles).isEqualTo(reference.profiles());

        List<JsonNode> labelLines = new ArrayList<>();
        for (String line : lines(labels)) {
            labelLines.add(JSON.readTree(line));
        }
        JsonNode header = labelLines.getFirst();
        assertThat(header.path("type").asText()).isEqualTo("scenario");
        assertThat(header.path("name").asText()).isEqualTo("every-kind");
        assertThat(header.path("seed").asLong()).isEqualTo(4);
        assertThat(Instant.parse(header.path("start").asText())).isEqualTo(SimulationTestData.START);
        List<JsonNode> orgLabels = labelLines.stream().filter(node -> node.path("type").asText().equals("org")).toList();
        assertThat(orgLabels).hasSize(reference.orgs().size());
        for (int i = 0; i < orgLabels.size(); i++) {
            SimulatedOrg org = reference.orgs().get(i);
            JsonNode label = orgLabels.get(i);
            assertThat(label.path("org_id").asText()).isEqualTo(org.orgId());
            assertThat(label.path("kind").asText()).isEqualTo(org.kind().label());
            assertThat(label.path("label").asText()).isEqualTo(org.benign() ? "benign" : "campaign");
            assertThat(label.path("campaign_id").isNull()).isEqualTo(org.benign());
            assertThat(label.path("mixed").asBoolean()).isEqualTo(org.mixed());
        }
        Set<String> mixedOrgs = reference.orgs().stream().filter(SimulatedOrg::mixed).map(SimulatedOrg::orgId)
                .collect(Collectors.toSet());
        List<String> labelledEvents = labelLines.stream().filter(node -> node.path("type").asText().equals("event"))
                .map(node -> node.path("id").asText()).toList();
        List<String> campaignEventsOfMixedOrgs = expected.stream()
                .filter(event -> event.harvesting() && mixedOrgs.contains(event.event().orgId()))
                .map(event -> event.event().id()).toList();
        assertThat(labelledEvents).isNotEmpty().isEqualTo(campaignEventsOfMixedOrgs);
    }

    @Test
    void writesFilesThatTheAnalyserReadersRead(@TempDir Path directory) throws Exception {
        Simulation simulation = new Simulator(PromptSource.bundled())
                .run(ScenarioCatalog.named("demo").withDuration(Duration.ofHours(2)), SimulationTestData.settings(8));
        int orgCount = simulation.orgs().size();
        Path events = directory.resolve("events.jsonl");
        Path orgs = directory.resolve("orgs.jsonl");
        long written = TrafficWriter.write(simulation, events, Optional.of(orgs), Optional.empty());
        long read = 0;
        try (UsageEventReader reader = UsageEventReader.open(events)) {
            while (reader.hasNext()) {
                reader.next();
                read++;
            }
        }
        assertThat(read).isPositive().isEqualTo(written);
        assertThat(OrgProfileReader.read(orgs)).hasSize(orgCount);
        assertThat(Files.exists(directory.resolve("labels.jsonl"))).isFalse();
    }

    @Test
    void writesAnOrganisationLineWithEveryContractField() throws Exception {
        OrgProfile profile = new OrgProfile("org_1", Optional.of(Instant.parse("2026-01-02T03:04:05Z")),
                Optional.of("GB"), Optional.of("self-serve"), Optional.of("pm_ab"), Optional.of("gmail.com"),
                Optional.empty());
        JsonNode line = JSON.readTree(TrafficWriter.toJson(profile));
        assertThat(line.path("org_id").asText()).isEqualTo("org_1");
        assertThat(line.path("created_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(line.path("country").asText()).isEqualTo("GB");
        assertThat(line.path("tier").asText()).isEqualTo("self-serve");
        assertThat(line.path("payment_fingerprint").asText()).isEqualTo("pm_ab");
        assertThat(line.path("email_domain").asText()).isEqualTo("gmail.com");
        assertThat(line.path("signup_ip").isNull()).isTrue();
        assertThat(OrgProfileReader.parse(TrafficWriter.toJson(profile))).isEqualTo(profile);
    }
}
