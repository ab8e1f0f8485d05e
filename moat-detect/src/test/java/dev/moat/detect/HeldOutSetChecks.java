package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks shared by the tests of the held-out sets. */
final class HeldOutSetChecks {

    private HeldOutSetChecks() {
    }

    /** The events of {@code scenario} under {@code seed}, checked to repeat exactly under it and to differ under the next. */
    static List<SimulatedEvent> deterministicEvents(Scenario scenario, long seed) {
        SimulationSettings settings = SimulationSettings.of(seed, SimulationTestData.START);
        List<SimulatedEvent> events = events(BUNDLED, scenario, settings);
        List<String> once = events.stream().map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId())
                .toList();
        List<String> again = events(BUNDLED, scenario, settings).stream()
                .map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId()).toList();
        assertThat(again).isEqualTo(once);
        List<String> other = events(BUNDLED, scenario, SimulationSettings.of(seed + 1, SimulationTestData.START))
                .stream().map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId()).toList();
        assertThat(other).isNotEqualTo(once);
        return events;
    }

    /**
     * One organisation of each of {@code kinds}: the same seed gives the same events, another seed others, and
     * every event carries its organisation's label (one campaign per campaign kind, ordinary kinds benign).
     */
    static void assertLabelledAndDeterministic(Scenario scenario, Set<ScenarioKind> kinds, long seed) {
        SimulationSettings settings = SimulationSettings.of(seed, SimulationTestData.START);
        List<SimulatedEvent> events = deterministicEvents(scenario, seed);

        Map<String, SimulatedOrg> orgs = BUNDLED.run(scenario, settings).orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<ScenarioKind, Set<String>> labels = new HashMap<>();
        for (SimulatedEvent event : events) {
            SimulatedOrg org = orgs.get(event.event().orgId());
            assertThat(org.mixed()).isFalse();
            assertThat(event.campaignId()).isEqualTo(org.campaignId());
            labels.computeIfAbsent(org.kind(), kind -> new HashSet<>()).add(event.campaignId().orElse("benign"));
        }
        assertThat(labels).containsOnlyKeys(kinds);
        for (ScenarioKind kind : kinds) {
            assertThat(labels.get(kind)).as(kind.label())
                    .containsExactly(kind.campaign() ? "camp_" + kind.label() + "_1" : "benign");
        }
    }

    static Set<String> distinct(List<SimulatedOrg> orgs, java.util.function.Function<SimulatedOrg, String> fact) {
        return orgs.stream().map(fact).collect(Collectors.toSet());
    }
}
