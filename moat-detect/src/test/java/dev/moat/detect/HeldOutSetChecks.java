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
        assertLabelledAndDeterministic(scenario, kinds, Set.of(), seed);
    }

    /**
     * As above, where the organisations of {@code mixedKinds} are mixed: their cover traffic is unlabelled and their
     * harvest carries the campaign.
     */
    static void assertLabelledAndDeterministic(Scenario scenario, Set<ScenarioKind> kinds, Set<ScenarioKind> mixedKinds,
                                               long seed) {
        SimulationSettings settings = SimulationSettings.of(seed, SimulationTestData.START);
        List<SimulatedEvent> events = deterministicEvents(scenario, seed);

        Map<String, SimulatedOrg> orgs = BUNDLED.run(scenario, settings).orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<ScenarioKind, Set<String>> labels = new HashMap<>();
        for (SimulatedEvent event : events) {
            SimulatedOrg org = orgs.get(event.event().orgId());
            assertThat(org.mixed()).isEqualTo(mixedKinds.contains(org.kind()));
            if (org.mixed()) {
                event.campaignId().ifPresent(campaign -> assertThat(org.campaignId()).contains(campaign));
            } else {
                assertThat(event.campaignId()).isEqualTo(org.campaignId());
            }
            labels.computeIfAbsent(org.kind(), kind -> new HashSet<>()).add(event.campaignId().orElse("benign"));
        }
        assertThat(labels).containsOnlyKeys(kinds);
        for (ScenarioKind kind : kinds) {
            String campaign = "camp_" + kind.label() + "_1";
            Set<String> expected = mixedKinds.contains(kind) ? Set.of(campaign, "benign")
                    : Set.of(kind.campaign() ? campaign : "benign");
            assertThat(labels.get(kind)).as(kind.label()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * The held-out set {@code name}: five days of the held-out background of {@code holdout2}, two of each campaign
     * kind of {@code kinds} and at least twelve organisations of its ordinary kind {@code ordinary}; and every
     * campaign kind has a scenario of its own.
     */
    static void assertHeldOutScenario(String name, Set<ScenarioKind> kinds, ScenarioKind ordinary) {
        Scenario scenario = ScenarioCatalog.named(name);
        assertThat(scenario.duration()).isEqualTo(java.time.Duration.ofDays(5));
        assertThat(scenario.parts()).filteredOn(part -> part.kind().campaign()).extracting(ScenarioPart::kind)
                .containsExactlyInAnyOrderElementsOf(kinds.stream().filter(ScenarioKind::campaign).toList());
        assertThat(scenario.parts()).filteredOn(part -> part.kind().campaign())
                .allSatisfy(part -> assertThat(part.count()).isEqualTo(2));
        assertThat(scenario.parts()).filteredOn(part -> part.kind() == ordinary)
                .singleElement().satisfies(part -> assertThat(part.count()).isGreaterThanOrEqualTo(12));
        assertThat(scenario.parts()).filteredOn(part -> !kinds.contains(part.kind()))
                .containsExactlyElementsOf(ScenarioCatalog.named("holdout2").parts().stream()
                        .filter(part -> !part.kind().campaign()).toList());
        for (ScenarioKind kind : kinds) {
            if (kind.campaign()) {
                assertThat(ScenarioCatalog.named(kind.label()).parts()).extracting(ScenarioPart::kind).contains(kind);
            }
        }
    }

    /**
     * {@code scenario} under {@code seed}: its organisations and events repeat exactly (and there are events), and the
     * next seed gives none of the same events.
     */
    static void assertSameSeedSameTrafficAndNoneUnderAnother(Scenario scenario, long seed) {
        SimulationSettings settings = SimulationSettings.of(seed, SimulationTestData.START);
        List<String> once = lines(scenario, settings);
        assertThat(lines(scenario, settings)).isNotEmpty().isEqualTo(once);
        assertThat(BUNDLED.run(scenario, settings).orgs()).isEqualTo(BUNDLED.run(scenario, settings).orgs());
        assertThat(lines(scenario, SimulationSettings.of(seed + 1, SimulationTestData.START)))
                .doesNotContainAnyElementsOf(once);
    }

    private static List<String> lines(Scenario scenario, SimulationSettings settings) {
        return events(BUNDLED, scenario, settings).stream()
                .map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId()).toList();
    }

    /**
     * Each campaign kind of {@code kinds} has a scenario of its own (that campaign in a small background) whose harvest
     * is all the campaign's and more than 500 items.
     */
    static void assertEachCampaignKindHarvestsInItsOwnScenario(Set<ScenarioKind> kinds) {
        for (ScenarioKind kind : kinds) {
            if (!kind.campaign()) {
                continue;
            }
            Simulation run = BUNDLED.run(ScenarioCatalog.named(kind.label()),
                    SimulationSettings.of(5, SimulationTestData.START).withScale(0.2));
            Set<String> campaignOrgs = run.orgs().stream().filter(org -> org.kind() == kind).map(SimulatedOrg::orgId)
                    .collect(Collectors.toSet());
            assertThat(campaignOrgs).as(kind.label()).isNotEmpty();
            long harvest = run.stream().filter(SimulatedEvent::harvesting)
                    .peek(event -> assertThat(campaignOrgs).contains(event.event().orgId())).count();
            assertThat(harvest).as(kind.label()).isGreaterThan(500);
        }
    }

    /** The texts of the bundled prompts' harvesting material, to tell a campaign's items from anything else. */
    static Set<String> bundledHarvestItems() {
        Set<String> items = new HashSet<>();
        for (PromptSource.Pool pool : PromptSource.Pool.values()) {
            if (pool.harvesting()) {
                SimulationTestData.BUNDLED_PROMPTS.pool(pool).forEach(prompt -> items.add(prompt.text().strip()));
            }
        }
        return items;
    }

    static Set<String> distinct(List<SimulatedOrg> orgs, java.util.function.Function<SimulatedOrg, String> fact) {
        return orgs.stream().map(fact).collect(Collectors.toSet());
    }
}
