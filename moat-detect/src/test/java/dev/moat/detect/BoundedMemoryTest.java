package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** State stays proportional to the live principals, not to the traffic or to every principal ever seen. */
class BoundedMemoryTest {

    @Test
    void idleOrganisationsAreEvictedAndLinkageStateShrinksWithThem() {
        DetectorSettings settings = DetectorSettings.defaults().toBuilder()
                .idleEviction(Duration.ofMinutes(20)).linkTtl(Duration.ofMinutes(20)).maxPrincipals(800).build();
        Analyzer analyzer = new Analyzer(settings);
        Detector detector = new Detector(settings);
        Instant t = Workloads.START;
        int orgs = 5_000;
        for (int i = 0; i < orgs; i++) {
            t = t.plusSeconds(2);
            for (int k = 0; k < 2; k++) {
                UsageEvent event = TestEvents.event("org_" + i, t.plusMillis(k * 100L))
                        .ip("10." + (i % 200) + "." + (i / 200 % 200) + ".1")
                        .user("Request " + k + " from customer " + i + " about order " + (i * 7 + k)).build();
                detector.accept(event);
                analyzer.accept(event);
            }
        }
        // twenty minutes of event time hold 600 organisations (plus one maintenance period); the cap is 800
        assertThat(detector.liveOrganisations()).isLessThanOrEqualTo(800);
        assertThat(detector.linkageIndexSize()).isLessThan(10 * 800);
        assertThat(detector.linkageEdges()).isLessThan(ClusterLinker.MAX_EDGES_PER_ORG * 800);
        // the analyser still reports every organisation it saw
        assertThat(analyzer.report().principals()).hasSize(orgs);
    }

    @Test
    void theCapHoldsEvenWhenNobodyIsIdle() {
        DetectorSettings settings = DetectorSettings.defaults().toBuilder().maxPrincipals(500).build();
        Detector detector = new Detector(settings);
        Instant t = Workloads.START;
        for (int i = 0; i < 3_000; i++) {
            t = t.plusMillis(50);
            detector.accept(TestEvents.event("org_" + i, t).ip("10.0." + (i % 250) + ".1").user("hi " + i).build());
        }
        assertThat(detector.liveOrganisations()).isLessThanOrEqualTo(501);
    }

    @Test
    void keysPerOrganisationAreCappedAndIdleKeysEvicted() {
        DetectorSettings settings = DetectorSettings.defaults().toBuilder()
                .idleEviction(Duration.ofMinutes(20)).linkTtl(Duration.ofMinutes(20)).build();
        Detector detector = new Detector(settings);
        Instant t = Workloads.START;
        // one organisation rotating through 3,000 keys, four events each
        for (int i = 0; i < 3_000; i++) {
            for (int k = 0; k < 4; k++) {
                t = t.plusMillis(300);
                detector.accept(TestEvents.event("org_rotating", t).key("key_" + i).user("Question " + k + " of " + i)
                        .build());
            }
            assertThat(detector.liveKeys()).isLessThanOrEqualTo(KeyState.MAX_PER_ORG);
        }
        // many organisations, a few keys each, most of them idle by the end
        for (int i = 0; i < 2_000; i++) {
            t = t.plusSeconds(3);
            for (int k = 0; k < 3; k++) {
                detector.accept(TestEvents.event("org_" + i, t.plusMillis(k)).key("key_" + i + "_" + k)
                        .user("Hello " + i).build());
            }
        }
        // twenty minutes of event time hold 400 organisations of 3 keys (plus one maintenance period)
        assertThat(detector.liveKeys()).isLessThan(3 * 800);
        assertThat(detector.liveOrganisations()).isLessThan(800);
    }
}
