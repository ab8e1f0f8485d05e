package dev.moat.bench;

import dev.moat.detect.Detector;
import dev.moat.detect.DetectorSettings;
import dev.moat.detect.OrgProfile;
import dev.moat.detect.PromptReading;
import dev.moat.detect.PromptSource;
import dev.moat.detect.ScenarioCatalog;
import dev.moat.detect.Simulation;
import dev.moat.detect.SimulationSettings;
import dev.moat.detect.Simulator;
import dev.moat.detect.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The detector's work per usage event, which the gateway's usage writer does for every request: reading the
 * prompt into its features ({@link PromptReading#of}, what the guard does on the event loop and hands on), and
 * the detector's whole step ({@link Detector#accept}: features, per-key, organisation and cluster state, scoring),
 * with the prompt read again or with the guard's reading.
 *
 * <p>The events are {@value #EVENTS} events of the simulator's {@code mixed} scenario (ordinary traffic and every
 * campaign kind, prompts shipped in the jar), generated once; a detector step needs its events in time order, so
 * each measured operation runs all of them through a fresh detector and JMH reports the time per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DetectorEventBenchmark {

    static final int EVENTS = 100_000;

    private final List<UsageEvent> events = new ArrayList<>(EVENTS);
    private final List<Optional<PromptReading>> readings = new ArrayList<>(EVENTS);
    private List<OrgProfile> orgs;

    @Setup(Level.Trial)
    public void generate() {
        Simulation simulation = new Simulator(PromptSource.bundled()).run(ScenarioCatalog.named("mixed"),
                SimulationSettings.of(1, Instant.parse("2026-11-02T00:00:00Z")).withScale(0.1)
                        .withDuration(Duration.ofDays(1)));
        orgs = simulation.profiles();
        while (simulation.hasNext() && events.size() < EVENTS) {
            UsageEvent event = simulation.next().event();
            events.add(event);
            readings.add(Optional.of(PromptReading.of(event.request())));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void readPrompt(Blackhole sink) {
        for (UsageEvent event : events) {
            sink.consume(PromptReading.of(event.request()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long acceptReadingAgain() {
        Detector detector = detector();
        for (UsageEvent event : events) {
            detector.accept(event);
        }
        return detector.report().eventsProcessed();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long acceptWithGuardReading() {
        Detector detector = detector();
        for (int i = 0; i < events.size(); i++) {
            detector.accept(events.get(i), readings.get(i));
        }
        return detector.report().eventsProcessed();
    }

    private Detector detector() {
        Detector detector = new Detector(DetectorSettings.defaults());
        orgs.forEach(detector::addOrg);
        return detector;
    }
}
