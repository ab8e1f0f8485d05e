package dev.moat.server.cli;

import dev.moat.detect.PromptSource;
import dev.moat.detect.ScenarioCatalog;
import dev.moat.detect.Simulation;
import dev.moat.detect.SimulationSettings;
import dev.moat.detect.Simulator;
import dev.moat.detect.TrafficWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code moat simulate}: labelled synthetic traffic in the usage-event format. */
@Command(name = "simulate", description = "Write labelled synthetic traffic (usage events, organisations and ground truth).")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, paramLabel = "NAME",
            description = "Scenario: one of ${COMPLETION-CANDIDATES}.", completionCandidates = ScenarioNames.class)
    String scenario;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Usage events, one per line.")
    Path out;

    @Option(names = "--orgs", paramLabel = "FILE.jsonl", description = "Also write the organisations' sign-up facts here.")
    Path orgs;

    @Option(names = "--labels", paramLabel = "FILE.jsonl", description = "Also write the ground truth (which organisation belongs to which campaign).")
    Path labels;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", defaultValue = "1", description = "Multiplies the number of ordinary organisations (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Overrides the scenario's duration (e.g. 6h, 2d).")
    String duration;

    @Option(names = "--start", paramLabel = "ISO-TIME", description = "Timestamp of the first event (default: 2026-11-01T00:00:00Z).")
    String start;

    @Option(names = "--prompts", paramLabel = "DIR", description = "Prompt collections (the layout of shared/data/prompts); "
            + "default: the small set bundled with Moat.")
    Path prompts;

    @Option(names = "--no-content", description = "Leave prompt and response text out, as after retention expired.")
    boolean noContent;

    static final class ScenarioNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ScenarioCatalog.names().iterator();
        }
    }

    @Override
    public Integer call() {
        SimulationSettings settings = SimulationSettings.of(seed, start == null ? Instant.parse("2026-11-01T00:00:00Z") : Instant.parse(start))
                .withScale(scale);
        if (duration != null) {
            settings = settings.withDuration(dev.moat.server.config.DurationText.parse("--duration", duration));
        }
        if (noContent) {
            settings = settings.withoutContent();
        }
        PromptSource source = prompts == null ? PromptSource.bundled() : PromptSource.fromDirectory(prompts);
        Simulation simulation = new Simulator(source).run(ScenarioCatalog.named(scenario), settings);
        long written = TrafficWriter.write(simulation, out, Optional.ofNullable(orgs), Optional.ofNullable(labels));
        System.err.printf("moat simulate: %d events from %d organisations (%s, seed %d, prompts: %s) → %s%n",
                written, simulation.orgs().size(), scenario, seed, source.description(), out);
        return 0;
    }
}
