package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.BUNDLED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The held-out campaign variants of {@code holdout2}: the varied hydra, the dialogue harvester, the office distiller. */
class Holdout2VariantsTest {

    @Test
    void theHeldOutVariantsHaveTheShapesTheyAreMeantToHave() {
        Scenario scenario = new Scenario("held-out", "the held-out campaign variants", Duration.ofDays(2), List.of(
                ScenarioPart.of(ScenarioKind.CHAT, 2), new ScenarioPart(ScenarioKind.HYDRA_VARIED, 1, 40),
                ScenarioPart.of(ScenarioKind.DIALOGUE_HARVEST, 1), ScenarioPart.of(ScenarioKind.OFFICE_DISTILLER, 2)));
        Simulation simulation = BUNDLED.run(scenario, SimulationSettings.of(3, SimulationTestData.START));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        List<SimulatedOrg> hydra = simulation.orgs().stream().filter(org -> org.kind() == ScenarioKind.HYDRA_VARIED)
                .toList();
        // the hydra shares payment and address ranges, not its clients
        assertThat(hydra).hasSize(40);
        assertThat(hydra.stream().map(org -> org.profile().paymentFingerprint().orElseThrow()).distinct().count())
                .isLessThan(16);
        Set<String> hydraAgents = new HashSet<>();
        Map<ScenarioKind, Integer> events = new HashMap<>();
        int[] followUps = {0};
        simulation.forEachRemaining(simulated -> {
            UsageEvent event = simulated.event();
            SimulatedOrg org = orgs.get(event.orgId());
            events.merge(org.kind(), 1, Integer::sum);
            RequestSummary request = event.request();
            switch (org.kind()) {
                case HYDRA_VARIED -> hydraAgents.add(event.userAgent());
                case DIALOGUE_HARVEST -> {
                    assertThat(request.tools()).isZero();
                    assertThat(request.maxTokens()).isGreaterThanOrEqualTo(2_048);
                    if (request.turns() > 1) {
                        followUps[0]++;
                    }
                }
                case OFFICE_DISTILLER -> {
                    assertThat(request.maxTokens()).isBetween(1_000, 1_999);
                    assertThat(request.thinking()).isFalse();
                    assertThat(request.turns()).isEqualTo(1);
                    assertThat(event.network()).isEqualTo("residential");
                }
                default -> { }
            }
        });
        assertThat(hydraAgents.size()).isGreaterThanOrEqualTo(4);
        assertThat(events.get(ScenarioKind.DIALOGUE_HARVEST)).isPositive();
        // most of what the dialogue harvester collects comes through follow-up turns
        assertThat(followUps[0]).isGreaterThan(events.get(ScenarioKind.DIALOGUE_HARVEST) / 2);
        assertThat(events.get(ScenarioKind.OFFICE_DISTILLER)).isPositive();
    }
}
