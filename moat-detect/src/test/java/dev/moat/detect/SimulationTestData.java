package dev.moat.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Shared fixtures of the simulator's tests: the reference data and small scenarios that run in a second. */
final class SimulationTestData {

    static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    private static PromptSource shared;

    private SimulationTestData() {
    }

    /** {@code ../shared/data}: the {@code moat.shared.data} property, else relative to the project root. */
    static Path sharedData() {
        String property = System.getProperty("moat.shared.data");
        Path path = property != null ? Path.of(property) : Path.of("..").resolve("../shared/data").normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("reference data not found at " + path.toAbsolutePath()
                    + " (set -Dmoat.shared.data=DIR)");
        }
        return path;
    }

    static synchronized PromptSource sharedPrompts() {
        if (shared == null) {
            shared = PromptSource.fromDirectory(sharedData().resolve("prompts"));
        }
        return shared;
    }

    /** Every kind, two organisations or campaigns each (one hydra of 50 of each hydra kind), over half a day. */
    static Scenario everyKind() {
        List<ScenarioPart> parts = java.util.Arrays.stream(ScenarioKind.values())
                .map(kind -> kind == ScenarioKind.HYDRA || kind == ScenarioKind.HYDRA_VARIED ? new ScenarioPart(kind, 1, 50)
                        : ScenarioPart.of(kind, 2))
                .toList();
        return new Scenario("every-kind", "every kind of organisation, briefly", Duration.ofHours(12), parts);
    }

    static SimulationSettings settings(long seed) {
        return SimulationSettings.of(seed, START).withScale(0.5);
    }
}
