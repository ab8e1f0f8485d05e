package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants over arbitrary mixes of workloads: risks stay in [0,1], customer-affecting actions stick, and
 * a key's enforcement is at least its organisation's and its own.
 */
class DetectorInvariantsTest {

    @Property(tries = 15)
    void risksAreBoundedAndEnforcementIsSticky(@ForAll @IntRange(min = 0, max = 5) int harvesters,
                                                @ForAll @IntRange(min = 1, max = 4) int ordinary,
                                                @ForAll @IntRange(min = 0, max = 1000) int seed) {
        List<List<UsageEvent>> streams = new ArrayList<>();
        for (int i = 0; i < harvesters; i++) {
            streams.add(Workloads.reasoningHarvester("org_h" + i, Workloads.START.plusSeconds(seed + 60L * i), 80,
                    seed + i, "203.0.113." + (seed % 3)));
        }
        for (int i = 0; i < ordinary; i++) {
            streams.add(switch ((seed + i) % 4) {
                case 0 -> Workloads.chatUsers("org_o" + i, Workloads.START, 150, seed + i);
                case 1 -> Workloads.batchJob("org_o" + i, Workloads.START, 150, seed + i);
                case 2 -> Workloads.codingAgent("org_o" + i, Workloads.START, 150, seed + i);
                default -> Workloads.ragApp("org_o" + i, Workloads.START, 150, seed + i);
            });
        }
        Detector detector = new Detector(DetectorSettings.defaults());
        Map<String, Action> strongest = new HashMap<>();
        detector.addListener(verdict -> {
            assertThat(verdict.risk()).isBetween(0.0, 1.0);
            String principal = verdict.keyId().orElse(verdict.orgId());
            Action before = strongest.getOrDefault(principal, Action.NONE);
            if (before.affectsCustomer()) {
                assertThat(verdict.action()).isGreaterThanOrEqualTo(before);
            }
            strongest.put(principal, verdict.action().atLeast(before));
        });
        Workloads.interleave(streams).forEach(detector::accept);
        for (PrincipalVerdict principal : detector.report().principals()) {
            assertThat(principal.risk()).isBetween(0.0, 1.0);
            assertThat(principal.firstActionEvent().isPresent()).isEqualTo(
                    strongest.getOrDefault(principal.id(), Action.NONE).affectsCustomer());
            principal.signals().forEach(s -> assertThat(s.value()).isBetween(0.0, 1.0));
            // a key is never treated more leniently than its organisation, and carries its own action
            if (principal.kind().equals("key")) {
                String org = principal.org().orElseThrow();
                assertThat(detector.enforcement(org, principal.id())).isGreaterThanOrEqualTo(detector.enforcement(org));
                assertThat(detector.enforcement(org, principal.id())).isGreaterThanOrEqualTo(principal.action());
            } else {
                assertThat(detector.enforcement(principal.id(), "key_" + principal.id()))
                        .isGreaterThanOrEqualTo(detector.enforcement(principal.id()));
            }
        }
    }
}
