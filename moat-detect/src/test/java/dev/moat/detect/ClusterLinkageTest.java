package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cluster linkage: hydras scored as one, action inheritance, edge expiry, no linking on weak evidence. */
class ClusterLinkageTest {

    private static final Instant T0 = Workloads.START;

    private static OrgProfile hydraOrg(String id, int index) {
        return new OrgProfile(id, Optional.of(T0.minus(Duration.ofHours(3)).plusSeconds(37L * index)),
                Optional.of("US"), Optional.of("self-serve"), Optional.of("card_fp_" + (index % 6)),
                Optional.of("gmail.com"), Optional.of("203.0.113." + (index % 40)));
    }

    /** Each hydra account sends fewer events than any single organisation needs for an action. */
    private static List<UsageEvent> hydra(int accounts, int eachEvents, long seed) {
        List<List<UsageEvent>> streams = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            streams.add(Workloads.reasoningHarvester("org_hy" + i, T0.plusSeconds(13L * i), eachEvents, seed + i,
                    "198.51.100." + (i % 50)));
        }
        return Workloads.interleave(streams);
    }

    @Test
    void manySmallAccountsAreScoredAsOneAndAllActioned() {
        Detector detector = new Detector(DetectorSettings.defaults());
        int accounts = 60;
        for (int i = 0; i < accounts; i++) {
            detector.addOrg(hydraOrg("org_hy" + i, i));
        }
        List<UsageEvent> events = hydra(accounts, 12, 100);
        events.forEach(detector::accept);

        AnalysisReport report = detector.report();
        assertThat(report.clusters()).isNotEmpty();
        ClusterVerdict cluster = report.clusters().get(0);
        assertThat(cluster.orgs()).hasSize(accounts);
        assertThat(cluster.action().affectsCustomer()).isTrue();
        assertThat(cluster.signals()).extracting(Signal::name).contains("linkage", "reasoning_elicitation");
        for (int i = 0; i < accounts; i++) {
            PrincipalVerdict member = detector.verdict("org_hy" + i).orElseThrow();
            assertThat(member.action().affectsCustomer()).as(member.id()).isTrue();
            assertThat(member.cluster()).contains(cluster.id());
        }
        // the campaign is stopped long before its 720 exchanges are through
        assertThat(cluster.firstActionEvent().orElseThrow()).isLessThan(300);
    }

    @Test
    void aSingleSmallAccountAloneIsNotActioned() {
        Detector detector = new Detector(DetectorSettings.defaults());
        detector.addOrg(hydraOrg("org_hy0", 0));
        hydra(1, 12, 7).forEach(detector::accept);
        assertThat(detector.verdict("org_hy0").orElseThrow().action().affectsCustomer()).isFalse();
    }

    @Test
    void aNewMemberOfAnActionedClusterInheritsItsActionWhenItJoins() {
        Detector detector = new Detector(DetectorSettings.defaults());
        int accounts = 30;
        for (int i = 0; i < accounts; i++) {
            detector.addOrg(hydraOrg("org_hy" + i, i));
        }
        List<UsageEvent> events = hydra(accounts, 15, 300);
        events.forEach(detector::accept);
        Action clusterAction = detector.verdict("org_hy0").orElseThrow().action();
        assertThat(clusterAction.affectsCustomer()).isTrue();

        // a fresh account with the campaign's payment card sends one harmless request
        detector.addOrg(new OrgProfile("org_new", Optional.of(T0.plus(Duration.ofHours(2))), Optional.of("US"),
                Optional.of("self-serve"), Optional.of("card_fp_3"), Optional.empty(), Optional.empty()));
        Instant later = events.get(events.size() - 1).ts().plusSeconds(60);
        List<Verdict> changes = detector.accept(TestEvents.event("org_new", later).ip("192.0.2.200")
                .user("What's a good name for a goldfish?").build());

        PrincipalVerdict joined = detector.verdict("org_new").orElseThrow();
        assertThat(joined.action()).isEqualTo(clusterAction);
        assertThat(joined.firstActionEvent()).hasValue(events.size());
        assertThat(changes).anySatisfy(change -> {
            assertThat(change.orgId()).isEqualTo("org_new");
            assertThat(change.cluster()).isPresent();
        });
    }

    @Test
    void linksExpireAndTheClusterSplitsWhenTheirEvidenceIsNoLongerSeen() {
        DetectorSettings settings = DetectorSettings.defaults().toBuilder().linkTtl(Duration.ofHours(2)).build();
        Detector detector = new Detector(settings);
        String system = "You are the assistant of a small travel agency. Answer questions about bookings, "
                + "cancellations and luggage politely and briefly, and never promise refunds.";
        Instant t = T0;
        for (int i = 0; i < 10; i++) {
            t = t.plusSeconds(30);
            detector.accept(TestEvents.event("org_x", t).ip("192.0.2.10").system(system).user("Hi " + i).build());
            detector.accept(TestEvents.event("org_y", t).ip("192.0.2.10").system(system).user("Hello " + i).build());
        }
        assertThat(detector.verdict("org_x").orElseThrow().cluster()).isPresent();
        assertThat(detector.verdict("org_x").orElseThrow().cluster())
                .isEqualTo(detector.verdict("org_y").orElseThrow().cluster());

        // both keep working, but from different places with different prompts, for longer than the lifetime
        Random rng = new Random(1);
        for (int i = 0; i < 200; i++) {
            t = t.plusSeconds(120);
            detector.accept(TestEvents.event("org_x", t).ip("198.51.100.1").user("Question " + rng.nextInt()).build());
            detector.accept(TestEvents.event("org_y", t).ip("203.0.113.1").user("Other " + rng.nextInt()).build());
        }
        assertThat(detector.verdict("org_x").orElseThrow().cluster()).isEmpty();
        assertThat(detector.verdict("org_y").orElseThrow().cluster()).isEmpty();
        assertThat(detector.linkageEdges()).isZero();
    }

    @Test
    void unrelatedCustomersSharingACloudRangeAndAGenericSystemPromptAreNotLinked() {
        Detector detector = new Detector(DetectorSettings.defaults());
        Instant t = T0;
        for (int i = 0; i < 50; i++) {
            t = t.plusSeconds(40);
            detector.accept(TestEvents.event("org_p", t).ip("198.18.7.10").system("You are a helpful assistant.")
                    .user("Summarise ticket " + i).build());
            detector.accept(TestEvents.event("org_q", t).ip("198.18.7.99").system("You are a helpful assistant.")
                    .user("Draft reply " + i).build());
        }
        assertThat(detector.verdict("org_p").orElseThrow().cluster()).isEmpty();
    }

    /**
     * Two organisations on one company e-mail domain (0.6) sending from one /24 (0.3) whose traffic starts in the
     * same ten minutes (0.2): new accounts starting together are linked, established ones are not — their first
     * event here is only when observation began (the gateway's deployment, an exported window), which every
     * established customer shares.
     */
    @Test
    void startingTogetherLinksNewAccountsButNotEstablishedOnes() {
        assertThat(linkedByStartingTogether(T0.minus(Duration.ofHours(5)), T0.minus(Duration.ofHours(2))))
                .as("accounts created that day").isTrue();
        assertThat(linkedByStartingTogether(T0.minus(Duration.ofDays(400)), T0.minus(Duration.ofDays(90))))
                .as("accounts created long before").isFalse();
    }

    /** Signed up at different times (no sign-up evidence), as two subsidiaries would. */
    private static boolean linkedByStartingTogether(Instant created1, Instant created2) {
        Detector detector = new Detector(DetectorSettings.defaults());
        detector.addOrg(new OrgProfile("org_s1", Optional.of(created1), Optional.of("DE"), Optional.of("standard"),
                Optional.of("card_s1"), Optional.of("acme-group.example"), Optional.empty()));
        detector.addOrg(new OrgProfile("org_s2", Optional.of(created2), Optional.of("DE"), Optional.of("standard"),
                Optional.of("card_s2"), Optional.of("acme-group.example"), Optional.empty()));
        detector.accept(TestEvents.event("org_s1", T0).ip("192.0.2.10").user("Quarterly figures for Berlin").build());
        detector.accept(TestEvents.event("org_s2", T0.plusSeconds(90)).ip("192.0.2.77").user("Draft the memo").build());
        return detector.verdict("org_s2").orElseThrow().cluster().isPresent();
    }

    @Test
    void aSharedPaymentFingerprintAloneLinks() {
        Detector detector = new Detector(DetectorSettings.defaults());
        for (String org : List.of("org_m", "org_n")) {
            detector.addOrg(new OrgProfile(org, Optional.empty(), Optional.empty(), Optional.of("self-serve"),
                    Optional.of("card_shared"), Optional.empty(), Optional.empty()));
        }
        detector.accept(TestEvents.event("org_m", T0).ip("192.0.2.1").user("hello").build());
        detector.accept(TestEvents.event("org_n", T0.plusSeconds(86_400)).ip("203.0.113.1").user("bye").build());
        assertThat(detector.verdict("org_n").orElseThrow().cluster()).isPresent();
    }

    /**
     * Six accounts signed up in one ten-minute window, sending one template from one /24 (0.25 + 0.3 +
     * 0.35: not enough) are linked when they also hand their work over one after another (load-balanced
     * timing, 0.2), and not when their runs are an hour apart.
     */
    @Test
    void loadBalancedHandOffsAddWeakTimingEvidence() {
        assertThat(linkedAccounts(60)).isEqualTo(6);
        assertThat(linkedAccounts(3_600)).isZero();
    }

    private static int linkedAccounts(long pauseBetweenRuns) {
        Detector detector = new Detector(DetectorSettings.defaults());
        List<List<UsageEvent>> runs = new ArrayList<>();
        Instant start = T0;
        for (int i = 0; i < 6; i++) {
            String org = "org_slot" + i;
            detector.addOrg(new OrgProfile(org, Optional.of(T0.minus(Duration.ofHours(3)).plusSeconds(10L * i)),
                    Optional.of("US"), Optional.of("self-serve"), Optional.of("card_" + i), Optional.of("gmail.com"),
                    Optional.empty()));
            List<UsageEvent> run = Workloads.reasoningHarvester(org, start, 80, 40 + i, "198.51.100." + (10 + i));
            runs.add(run);
            start = run.getLast().ts().plusSeconds(pauseBetweenRuns);
        }
        Workloads.interleave(runs).forEach(detector::accept);
        int linked = 0;
        for (int i = 0; i < 6; i++) {
            if (detector.verdict("org_slot" + i).orElseThrow().cluster().isPresent()) {
                linked++;
            }
        }
        return linked;
    }

    /**
     * Five accounts signed up together, sending one template from one /24 (0.9) are linked when one
     * controller sends them rounds of work at the same moments (lock-step, 0.2), not when each keeps its
     * own schedule. Each joins a round later than the one before, so first traffic does not link them.
     */
    @Test
    void lockStepRoundsAddWeakTimingEvidence() {
        assertThat(lockStepAccounts(0)).isEqualTo(5);
        assertThat(lockStepAccounts(11 * 60)).isZero();
    }

    private static int lockStepAccounts(long staggerSeconds) {
        Detector detector = new Detector(DetectorSettings.defaults());
        List<List<UsageEvent>> streams = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String org = "org_round" + i;
            detector.addOrg(new OrgProfile(org, Optional.of(T0.minus(Duration.ofHours(3)).plusSeconds(10L * i)),
                    Optional.of("US"), Optional.of("self-serve"), Optional.of("card_" + i), Optional.of("gmail.com"),
                    Optional.empty()));
            List<UsageEvent> rounds = new ArrayList<>();
            // eight rounds of six requests, 40 minutes apart (longer than a pause, so each round is a new run);
            // account i joins at round i, so their first traffic is not within the same ten minutes
            for (int round = i; round < i + 8; round++) {
                Instant at = T0.plusSeconds(2_400L * round + staggerSeconds * i + 3L * i);
                rounds.addAll(Workloads.reasoningHarvester(org, at, 6, 60L * round + i, "198.51.100." + (10 + i)));
            }
            streams.add(rounds);
        }
        Workloads.interleave(streams).forEach(detector::accept);
        int linked = 0;
        for (int i = 0; i < 5; i++) {
            if (detector.verdict("org_round" + i).orElseThrow().cluster().isPresent()) {
                linked++;
            }
        }
        return linked;
    }

    @Test
    void handOffsAloneNeverLink() {
        Detector detector = new Detector(DetectorSettings.defaults());
        List<List<UsageEvent>> runs = new ArrayList<>();
        Instant start = T0;
        for (int i = 0; i < 4; i++) {
            // different networks, payment, sign-up times and no shared template: timing is all they share
            List<UsageEvent> run = i % 2 == 0
                    ? Workloads.batchJob("org_run" + i, start, 60, 50 + i)
                    : Workloads.chatUsers("org_run" + i, start, 60, 50 + i);
            List<UsageEvent> moved = new ArrayList<>();
            for (UsageEvent e : run) {
                moved.add(new UsageEvent(e.id(), e.ts(), e.orgId(), e.accountId(), e.keyId(), (20 + i * 40) + ".1.2.3",
                        e.country(), e.network(), e.userAgent(), e.api(), e.model(), e.request(), e.response(),
                        e.decision(), e.latencyMs()));
            }
            runs.add(moved);
            start = run.getLast().ts().plusSeconds(60);
        }
        Workloads.interleave(runs).forEach(detector::accept);
        for (int i = 0; i < 4; i++) {
            assertThat(detector.verdict("org_run" + i).orElseThrow().cluster()).isEmpty();
        }
    }
}
