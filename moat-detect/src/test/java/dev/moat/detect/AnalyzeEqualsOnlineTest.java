package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The same events give the same verdicts online (the detector with a listener, as the gateway runs it)
 * and offline (the analyser over the recorded JSON Lines, read back through the event reader).
 */
class AnalyzeEqualsOnlineTest {

    private static List<UsageEvent> mixedTraffic() {
        List<List<UsageEvent>> streams = new ArrayList<>();
        streams.add(Workloads.chatUsers("org_chat", Workloads.START, 800, 1));
        streams.add(Workloads.batchJob("org_batch", Workloads.START, 800, 2));
        streams.add(Workloads.reasoningHarvester("org_bold", Workloads.START.plusSeconds(600), 400, 3, "203.0.113.5"));
        for (int i = 0; i < 20; i++) {
            streams.add(Workloads.reasoningHarvester("org_hy" + i, Workloads.START.plusSeconds(90L * i), 15, 10 + i,
                    "198.51.100." + i));
        }
        return Workloads.interleave(streams);
    }

    private static List<OrgProfile> orgs() {
        List<OrgProfile> orgs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orgs.add(new OrgProfile("org_hy" + i, Optional.of(Workloads.START.minus(Duration.ofDays(1))),
                    Optional.of("US"), Optional.of("self-serve"), Optional.of("card_" + (i % 3)), Optional.empty(),
                    Optional.empty()));
        }
        orgs.add(Workloads.enterprise("org_batch"));
        return orgs;
    }

    @Test
    void theAnalyserReportsWhatTheOnlineDetectorDecided() {
        List<UsageEvent> events = mixedTraffic();

        Detector online = new Detector(DetectorSettings.defaults());
        orgs().forEach(online::addOrg);
        Map<String, Long> firstCustomerAction = new HashMap<>();
        online.addListener(verdict -> {
            if (verdict.action().affectsCustomer()) {
                firstCustomerAction.putIfAbsent(verdict.keyId().orElse(verdict.orgId()), verdict.eventIndex());
            }
        });
        events.forEach(online::accept);

        String recorded = events.stream().map(UsageEventCodec::toJson).collect(Collectors.joining("\n"));
        Analyzer offline = new Analyzer(DetectorSettings.defaults());
        orgs().forEach(offline::addOrg);
        try (UsageEventReader reader = new UsageEventReader(new StringReader(recorded), "recorded.jsonl")) {
            reader.forEachRemaining(offline::accept);
        }
        AnalysisReport report = offline.report();

        // the online detector forgets idle organisations that were never flagged; the analyser lists them all
        AnalysisReport onlineReport = online.report();
        java.util.Set<String> onlineIds = onlineReport.principals().stream().map(PrincipalVerdict::id)
                .collect(Collectors.toSet());
        AnalysisReport sameOrgs = new AnalysisReport(report.eventsProcessed(), report.principals().stream()
                .filter(p -> onlineIds.contains(p.id())).toList(), report.clusters());
        assertThat(json(sameOrgs)).isEqualTo(json(onlineReport));
        assertThat(report.principals()).extracting(PrincipalVerdict::id).contains("org_batch", "org_chat");
        assertThat(report.eventsProcessed()).isEqualTo(events.size());
        assertThat(firstCustomerAction).containsKeys("org_bold", "org_hy0");
        for (PrincipalVerdict principal : report.principals()) {
            Long expected = firstCustomerAction.get(principal.id());
            if (expected == null) {
                assertThat(principal.firstActionEvent()).as(principal.id()).isEmpty();
            } else {
                assertThat(principal.firstActionEvent()).as(principal.id()).hasValue(expected);
                assertThat(principal.firstActionTs()).contains(events.get(expected.intValue()).ts());
            }
        }
        assertThat(report.principals()).filteredOn(p -> p.id().equals("org_chat") || p.id().equals("org_batch"))
                .allSatisfy(p -> assertThat(p.action().affectsCustomer()).isFalse());
    }

    @Test
    void shadowModeComputesVerdictsButEnforcesNothing() {
        Detector shadow = new Detector(DetectorSettings.defaults().toBuilder().shadowMode(true).build());
        List<Verdict> verdicts = new ArrayList<>();
        shadow.addListener(verdicts::add);
        mixedTraffic().forEach(shadow::accept);
        assertThat(verdicts).anySatisfy(v -> assertThat(v.action().affectsCustomer()).isTrue());
        assertThat(verdicts).allSatisfy(v -> assertThat(v.enforced()).isFalse());
        assertThat(shadow.enforcement("org_bold")).isEqualTo(Action.NONE);
        assertThat(shadow.verdict("org_bold").orElseThrow().action().affectsCustomer()).isTrue();

        Detector enforcing = new Detector(DetectorSettings.defaults());
        mixedTraffic().forEach(enforcing::accept);
        assertThat(enforcing.enforcement("org_bold").affectsCustomer()).isTrue();
        assertThat(enforcing.enforcement("org_chat")).isIn(Action.NONE, Action.FLAG);
    }

    private static String json(AnalysisReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeJson(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
