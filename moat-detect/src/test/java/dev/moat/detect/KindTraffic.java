package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.BUNDLED;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One simulation of one organisation plan of each of a set's kinds, with its organisations by id and its events by the
 * kind of the organisation that sent them: what each held-out set's variant test plans once and asserts on.
 */
record KindTraffic(Simulation simulation, Map<String, SimulatedOrg> orgs,
                   Map<ScenarioKind, List<SimulatedEvent>> byKind) {

    /** Runs {@link SimulationTestData#oneOfEach} of {@code kinds} for {@code period} with the bundled prompts. */
    static KindTraffic oneOfEach(String name, Set<ScenarioKind> kinds, Duration period, long seed) {
        Scenario scenario = SimulationTestData.oneOfEach(name, kinds, period);
        Simulation simulation = BUNDLED.run(scenario, SimulationSettings.of(seed, SimulationTestData.START));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, Function.identity()));
        List<SimulatedEvent> all = new ArrayList<>();
        simulation.forEachRemaining(all::add);
        return new KindTraffic(simulation, orgs,
                all.stream().collect(Collectors.groupingBy(event -> orgs.get(event.event().orgId()).kind())));
    }

    List<SimulatedOrg> orgsOf(ScenarioKind kind) {
        return simulation.orgs().stream().filter(org -> org.kind() == kind).toList();
    }

    /** The events of {@code kind}'s organisations that are labelled as harvesting. */
    List<SimulatedEvent> harvested(ScenarioKind kind) {
        return byKind.get(kind).stream().filter(SimulatedEvent::harvesting).toList();
    }

    /** The events of {@code events} per key, each key's in time order. */
    static Map<String, List<SimulatedEvent>> perKey(List<SimulatedEvent> events) {
        return events.stream().collect(Collectors.groupingBy(event -> event.event().keyId(), LinkedHashMap::new,
                Collectors.toList()));
    }
}
