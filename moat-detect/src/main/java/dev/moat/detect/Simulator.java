package dev.moat.detect;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Generates labelled synthetic traffic from a scenario: the organisations' sign-up facts, ground
 * truth per organisation and per event, and a time-ordered event stream in the contract's format.
 * The same scenario, settings and prompts always give the same output, byte for byte.
 *
 * <p>Immutable and thread-safe; each {@link #run} returns an independent {@link Simulation}.
 */
public final class Simulator {

    private final PromptSource prompts;

    public Simulator(PromptSource prompts) {
        if (prompts == null) {
            throw new IllegalArgumentException("prompts: null (expected: PromptSource.bundled() or fromDirectory)");
        }
        this.prompts = prompts;
    }

    public Simulation run(Scenario scenario, SimulationSettings settings) {
        Duration duration = settings.duration().orElse(scenario.duration());
        ScenarioPlanner planner = new ScenarioPlanner(prompts, settings.seed(), settings.start(), duration.toMillis());
        for (ScenarioPart part : scenario.parts()) {
            planner.plan(part, settings.scale());
        }
        List<SimulatedOrg> orgs = planner.orgs().stream()
                .sorted(Comparator.comparing((SimulatedOrg org) -> org.profile().createdAt().orElseThrow())
                        .thenComparing(SimulatedOrg::orgId))
                .toList();
        return new Simulation(scenario.withDuration(duration), settings, orgs, planner.sources(),
                settings.start().toEpochMilli() + duration.toMillis());
    }
}
