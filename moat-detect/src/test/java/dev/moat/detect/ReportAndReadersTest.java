package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The analyser report follows the contract; the readers name the line of a bad record. */
class ReportAndReadersTest {

    @Test
    void theReportHasTheContractsFields() throws Exception {
        Analyzer analyzer = new Analyzer(DetectorSettings.defaults());
        analyzer.addOrg(Workloads.selfServe("org_h", Workloads.START.minusSeconds(3600)));
        Workloads.reasoningHarvester("org_h", Workloads.START, 200, 1, "203.0.113.1").forEach(analyzer::accept);
        Workloads.chatUsers("org_c", Workloads.START, 50, 2).forEach(analyzer::accept);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        analyzer.report().writeJson(out);

        JsonNode report = new ObjectMapper().readTree(out.toByteArray());
        assertThat(report.get("events_processed").asLong()).isEqualTo(250);
        JsonNode first = report.get("principals").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("org");
        assertThat(first.get("id").asText()).isEqualTo("org_h");
        assertThat(first.get("risk").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.get("action").asText()).isIn("throttle", "degrade", "suspend");
        assertThat(first.get("first_action_event").isIntegralNumber()).isTrue();
        assertThat(Instant.parse(first.get("first_action_ts").asText())).isAfter(Workloads.START);
        JsonNode signal = first.get("signals").get(0);
        assertThat(signal.get("name").asText()).isNotEmpty();
        assertThat(signal.get("value").asDouble()).isBetween(0.0, 1.0);
        assertThat(signal.get("detail").asText()).isNotEmpty();
        // the harvester's only key says nothing its organisation's verdict does not: it is not listed apart
        assertThat(report.get("principals")).hasSize(2);
        JsonNode ordinary = report.get("principals").get(1);
        assertThat(ordinary.get("id").asText()).isEqualTo("org_c");
        assertThat(ordinary.get("first_action_event").isNull()).isTrue();
        assertThat(ordinary.get("first_action_ts").isNull()).isTrue();
        assertThat(report.get("clusters").isArray()).isTrue();
    }

    @Test
    void aKeyIsReportedWithItsOrganisation() throws Exception {
        PrincipalVerdict key = new PrincipalVerdict("key", "key_leaked", 0.8, Action.DEGRADE,
                java.util.OptionalLong.of(42), java.util.Optional.of(Workloads.START), List.of(),
                java.util.Optional.empty(), java.util.Optional.of("org_p"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AnalysisReport(100, List.of(key), List.of()).writeJson(out);
        JsonNode written = new ObjectMapper().readTree(out.toByteArray()).get("principals").get(0);
        assertThat(written.get("kind").asText()).isEqualTo("key");
        assertThat(written.get("id").asText()).isEqualTo("key_leaked");
        assertThat(written.get("org").asText()).isEqualTo("org_p");
        assertThat(written.get("action").asText()).isEqualTo("degrade");
        assertThat(written.get("first_action_event").asLong()).isEqualTo(42);
    }

    @Test
    void theEventReaderStreamsAndNamesTheBadLine() {
        List<UsageEvent> events = Workloads.chatUsers("org_c", Workloads.START, 3, 3);
        String text = events.stream().map(UsageEventCodec::toJson).collect(Collectors.joining("\n", "", "\n\n"))
                + "{\"id\":\"evt_bad\"}\n";
        try (UsageEventReader reader = new UsageEventReader(new StringReader(text), "events.jsonl")) {
            assertThat(reader.next().id()).isEqualTo(events.get(0).id());
            assertThat(reader.next().id()).isEqualTo(events.get(1).id());
            assertThat(reader.next().id()).isEqualTo(events.get(2).id());
            assertThat(reader.lineNumber()).isEqualTo(3);
            assertThatThrownBy(reader::hasNext).isInstanceOf(EventFormatException.class)
                    .hasMessageContaining("events.jsonl line 5").hasMessageContaining("\"ts\"");
        }
    }

    @Test
    void theOrganisationReaderReadsTheContractLayoutAndNamesTheBadLine() {
        String good = """
                {"org_id":"org_1","created_at":"2026-11-20T10:00:00Z","country":"US","tier":"self-serve","payment_fingerprint":"fp_9","email_domain":"acme.io","signup_ip":"203.0.113.4"}
                {"org_id":"org_2"}
                """;
        List<OrgProfile> orgs = OrgProfileReader.read(new StringReader(good), "orgs.jsonl");
        assertThat(orgs).hasSize(2);
        assertThat(orgs.get(0).paymentFingerprint()).contains("fp_9");
        assertThat(orgs.get(0).createdAt()).contains(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(orgs.get(1).tier()).isEmpty();

        assertThatThrownBy(() -> OrgProfileReader.read(new StringReader(good + "{\"tier\":\"x\"}\n"), "orgs.jsonl"))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("orgs.jsonl line 3")
                .hasMessageContaining("org_id");
        assertThatThrownBy(() -> OrgProfileReader.read(new StringReader("{\"org_id\":\"o\",\"created_at\":\"yesterday\"}"),
                "orgs.jsonl")).hasMessageContaining("line 1").hasMessageContaining("created_at");
    }
}
