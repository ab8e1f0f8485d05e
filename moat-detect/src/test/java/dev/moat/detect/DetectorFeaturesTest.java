package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each feature on hand-made event sequences: harvesting behaviours are actioned, hard ordinary ones are not. */
class DetectorFeaturesTest {

    private static PrincipalVerdict run(List<UsageEvent> events, OrgProfile... orgs) {
        Detector detector = new Detector(DetectorSettings.defaults());
        for (OrgProfile org : orgs) {
            detector.addOrg(org);
        }
        events.forEach(detector::accept);
        PrincipalVerdict verdict = detector.verdict(events.get(0).orgId()).orElseThrow();
        System.out.println(verdict.id() + " risk=" + String.format("%.3f", verdict.risk()) + " action=" + verdict.action()
                + " first=" + verdict.firstActionEvent() + " " + verdict.signals().stream()
                .map(s -> s.name() + "=" + String.format("%.2f", s.value())).toList());
        return verdict;
    }

    private static final java.time.Instant NEW = Workloads.START.minus(Duration.ofDays(2));

    @Test
    void reasoningHarvesterIsActionedEarly() {
        PrincipalVerdict verdict = run(Workloads.reasoningHarvester("org_h", Workloads.START, 600, 1, "203.0.113.9"),
                Workloads.selfServe("org_h", NEW));
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.firstActionEvent().orElseThrow()).isLessThan(150);
        assertThat(verdict.signals()).extracting(Signal::name).contains("reasoning_elicitation", "harvesting_parameters");
    }

    @Test
    void reasoningHarvesterWithoutOrganisationFileIsActioned() {
        PrincipalVerdict verdict = run(Workloads.reasoningHarvester("org_h", Workloads.START, 600, 2, "203.0.113.9"));
        assertThat(verdict.action().affectsCustomer()).isTrue();
    }

    @Test
    void graderHarvesterIsActioned() {
        PrincipalVerdict verdict = run(Workloads.graderHarvester("org_g", Workloads.START, 600, 3),
                Workloads.selfServe("org_g", NEW));
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.signals()).extracting(Signal::name).contains("grader_intent");
    }

    @Test
    void logitBiasExtractionIsActioned() {
        PrincipalVerdict verdict = run(Workloads.logitProber("org_l", Workloads.START, 300),
                Workloads.selfServe("org_l", NEW));
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.signals()).extracting(Signal::name).contains("logit_extraction");
    }

    @Test
    void chatUsersAreLeftAlone() {
        PrincipalVerdict verdict = run(Workloads.chatUsers("org_c", Workloads.START, 3000, 4),
                Workloads.selfServe("org_c", NEW));
        assertThat(verdict.action()).isIn(Action.NONE, Action.FLAG);
    }

    @Test
    void enterpriseBatchJobIsLeftAlone() {
        PrincipalVerdict verdict = run(Workloads.batchJob("org_b", Workloads.START, 5000, 5), Workloads.enterprise("org_b"));
        assertThat(verdict.action()).isIn(Action.NONE, Action.FLAG);
    }

    @Test
    void selfServeBatchJobIsNotAffected() {
        PrincipalVerdict verdict = run(Workloads.batchJob("org_b", Workloads.START, 5000, 6),
                Workloads.selfServe("org_b", NEW));
        assertThat(verdict.action().affectsCustomer()).isFalse();
    }

    @Test
    void codingAgentIsNotAffected() {
        PrincipalVerdict verdict = run(Workloads.codingAgent("org_a", Workloads.START, 4000, 7),
                Workloads.selfServe("org_a", NEW));
        assertThat(verdict.action().affectsCustomer()).isFalse();
    }

    @Test
    void ragAppIsNotAffected() {
        PrincipalVerdict verdict = run(Workloads.ragApp("org_r", Workloads.START, 3000, 8),
                Workloads.selfServe("org_r", NEW));
        assertThat(verdict.action().affectsCustomer()).isFalse();
    }

    @Test
    void enterpriseEvaluationRunIsNotAffected() {
        PrincipalVerdict verdict = run(Workloads.evaluationRun("org_e", Workloads.START, 1319, 9),
                Workloads.enterprise("org_e"));
        assertThat(verdict.action()).isIn(Action.NONE, Action.FLAG, Action.REVIEW);
    }
}
