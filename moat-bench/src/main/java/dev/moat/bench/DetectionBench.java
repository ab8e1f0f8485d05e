package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.moat.detect.BenchmarkItems;
import dev.moat.detect.DetectorSettings;
import dev.moat.detect.PromptSource;
import dev.moat.detect.ScenarioCatalog;
import dev.moat.detect.ScenarioKind;
import dev.moat.detect.Simulation;
import dev.moat.detect.SimulationSettings;
import dev.moat.detect.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The detection benchmark: generates labelled traffic with the simulator, runs it through the offline
 * analyser ({@code dev.moat.detect.Analyzer}, default settings) in input order, and reports per
 * campaign kind whether it was stopped and how much it harvested before the first customer-affecting
 * action (all of a campaign's accounts together), how many ordinary organisations were flagged,
 * reviewed or affected, and the analyser's throughput.
 *
 * <pre>
 * java -cp … dev.moat.bench.DetectionBench [--scenario mixed[,hydra,…]] [--seeds 1[,2,…]]
 *      [--scale 1.0] [--days D] [--start ISO-TIME] [--small] [--prompts DIR|bundled] [--without-content]
 *      [--benchmarks FILE[,FILE…]|none] [--json FILE]
 * </pre>
 * Defaults: scenario {@code mixed}, seed 1, scale 1 (about 200 ordinary organisations and a million
 * events over a simulated week), prompts from {@code ../shared/data/prompts} when present.
 * {@code --small} is the CI variant (scale 0.1 over one day, a few seconds). Seeds other than 1 draw
 * other campaign sizes, rates, templates, material and infrastructure: use them (and
 * {@code --without-content}) to check a detector on variants it was not tuned on, and {@code --start} (default
 * Monday 2026-11-02T00:00:00Z) to begin on another day of the week: the diurnal and weekly rhythms of the
 * traffic then fall differently on the detector's first days of observation. {@code --benchmarks}: the public
 * benchmarks the analyser recognises as evaluation material (default, with the shared prompts: their GSM8K test
 * split, MT-bench and Vicuna bench, as an operator would register them; {@code none}: no registry).
 */
public final class DetectionBench {

    private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");

    private DetectionBench() {
    }

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("detection bench: " + e.getMessage());
            System.err.println("usage: DetectionBench [--scenario NAME[,NAME…]] [--seeds N[,N…]] [--scale X] [--days D]"
                    + " [--start ISO-TIME] [--small] [--prompts DIR|bundled] [--without-content]"
                    + " [--benchmarks FILE[,FILE…]|none] [--json FILE]");
            System.err.println("scenarios: " + String.join(", ", ScenarioCatalog.names()));
            System.exit(2);
            return;
        }
        PromptSource prompts = options.prompts().map(PromptSource::fromDirectory).orElseGet(PromptSource::bundled);
        Simulator simulator = new Simulator(prompts);
        BenchmarkItems benchmarks;
        try {
            benchmarks = BenchmarkItems.read(options.benchmarks());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("detection bench: --benchmarks: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<DetectionOutcome> outcomes = new ArrayList<>();
        System.out.printf(Locale.ROOT,
                "# Detection benchmark — prompts: %s; scale %.2f%s; from %s; %s; %,d registered benchmark items;"
                        + " Java %s, %d cores%n%n",
                prompts.description(), options.scale(), options.days().map(d -> ", " + d + " days").orElse(""),
                options.start(),
                options.content() ? "with content" : "without content", benchmarks.size(), Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        for (String scenario : options.scenarios()) {
            for (long seed : options.seeds()) {
                SimulationSettings settings = SimulationSettings.of(seed, options.start()).withScale(options.scale());
                if (options.days().isPresent()) {
                    settings = settings.withDuration(Duration.ofDays(options.days().get()));
                }
                if (!options.content()) {
                    settings = settings.withoutContent();
                }
                Simulation simulation = simulator.run(ScenarioCatalog.named(scenario), settings);
                long begin = System.nanoTime();
                DetectionOutcome outcome = DetectionRun.run(simulation, DetectorSettings.defaults(), benchmarks);
                double wall = (System.nanoTime() - begin) / 1e9;
                outcomes.add(outcome);
                print(outcome, wall);
            }
        }
        if (outcomes.size() > 1) {
            printSummary(outcomes);
        }
        if (options.json().isPresent()) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            json.writeValue(options.json().get().toFile(), outcomes.stream().map(DetectionBench::asMap).toList());
        }
    }

    private static void print(DetectionOutcome outcome, double wallSeconds) {
        System.out.printf(Locale.ROOT, "## %s, seed %d — %,d events, %d ordinary organisations, %d campaigns%n%n",
                outcome.scenario(), outcome.seed(), outcome.events(), outcome.benignOrgs(), outcome.campaigns().size());
        System.out.println("| campaign kind | campaigns | stopped | accounts actioned | harvest before action (median / worst) "
                + "| before first action (median / worst) | harvest total |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<DetectionOutcome.Campaign>> kind : byKind(outcome.campaigns()).entrySet()) {
            List<DetectionOutcome.Campaign> campaigns = kind.getValue();
            long[] before = campaigns.stream().mapToLong(DetectionOutcome.Campaign::harvestBeforeAction).sorted().toArray();
            long[] beforeFirst = campaigns.stream().mapToLong(DetectionOutcome.Campaign::harvestBeforeFirstAction)
                    .sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d / %d | %,d / %,d | %,d / %,d | %,d |%n", kind.getKey(),
                    campaigns.size(), campaigns.stream().filter(DetectionOutcome.Campaign::detected).count(),
                    campaigns.stream().mapToInt(DetectionOutcome.Campaign::accountsActioned).sum(),
                    campaigns.stream().mapToInt(DetectionOutcome.Campaign::accounts).sum(),
                    median(before), before[before.length - 1], median(beforeFirst), beforeFirst[beforeFirst.length - 1],
                    campaigns.stream().mapToLong(DetectionOutcome.Campaign::harvestTotal).sum());
        }
        long[] all = outcome.campaigns().stream().mapToLong(DetectionOutcome.Campaign::harvestBeforeAction).sorted().toArray();
        long[] allFirst = outcome.campaigns().stream().mapToLong(DetectionOutcome.Campaign::harvestBeforeFirstAction)
                .sorted().toArray();
        if (all.length > 0) {
            System.out.printf(Locale.ROOT, "| **all** | %d | %d | | %,d / %,d | %,d / %,d | |%n", all.length,
                    outcome.campaigns().stream().filter(DetectionOutcome.Campaign::detected).count(),
                    median(all), all[all.length - 1], median(allFirst), allFirst[allFirst.length - 1]);
        }
        Map<String, Integer> benign = outcome.benignByAction();
        System.out.printf(Locale.ROOT, "%nOrdinary organisations: %d flagged, %d reviewed (%.1f %%), %d affected%s%s%n",
                benign.get("flag"), benign.get("review"), 100.0 * benign.get("review") / Math.max(1, outcome.benignOrgs()),
                benign.get("affected"), describe(" — affected: ", outcome.affectedBenign()),
                describe(" — reviewed: ", outcome.reviewedBenign()));
        System.out.printf(Locale.ROOT, "Analyser: %,.0f events/s per core (%.1f s CPU in the analyser; %.1f s wall with generation)%n%n",
                outcome.eventsPerSecond(), outcome.detectorNanos() / 1e9, wallSeconds);
    }

    private static void printSummary(List<DetectionOutcome> outcomes) {
        System.out.println("## Summary over all runs");
        System.out.println();
        long campaigns = outcomes.stream().mapToLong(outcome -> outcome.campaigns().size()).sum();
        long stopped = outcomes.stream().flatMap(outcome -> outcome.campaigns().stream())
                .filter(DetectionOutcome.Campaign::detected).count();
        long[] before = outcomes.stream().flatMap(outcome -> outcome.campaigns().stream())
                .mapToLong(DetectionOutcome.Campaign::harvestBeforeAction).sorted().toArray();
        int benign = outcomes.stream().mapToInt(DetectionOutcome::benignOrgs).sum();
        int reviewed = outcomes.stream().mapToInt(outcome -> outcome.benignByAction().get("review")).sum();
        int affected = outcomes.stream().mapToInt(outcome -> outcome.benignByAction().get("affected")).sum();
        System.out.printf(Locale.ROOT, "campaigns stopped %d / %d; harvest before action median %,d, worst %,d; "
                        + "ordinary organisations reviewed %d / %d (%.1f %%), affected %d%n", stopped, campaigns,
                before.length == 0 ? 0 : median(before), before.length == 0 ? 0 : before[before.length - 1], reviewed,
                benign, 100.0 * reviewed / Math.max(1, benign), affected);
    }

    private static Map<String, List<DetectionOutcome.Campaign>> byKind(List<DetectionOutcome.Campaign> campaigns) {
        Map<String, List<DetectionOutcome.Campaign>> byKind = new LinkedHashMap<>();
        for (ScenarioKind kind : ScenarioKind.values()) {
            List<DetectionOutcome.Campaign> ofKind = campaigns.stream()
                    .filter(campaign -> campaign.kind().equals(kind.label())).toList();
            if (!ofKind.isEmpty()) {
                byKind.put(kind.label(), ofKind);
            }
        }
        return byKind;
    }

    private static long median(long[] sorted) {
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String describe(String prefix, Map<String, String> orgs) {
        if (orgs.isEmpty()) {
            return "";
        }
        Map<String, Long> kinds = orgs.values().stream()
                .collect(Collectors.groupingBy(kind -> kind, TreeMap::new, Collectors.counting()));
        return prefix + kinds;
    }

    private static Map<String, Object> asMap(DetectionOutcome outcome) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("scenario", outcome.scenario());
        map.put("seed", outcome.seed());
        map.put("events", outcome.events());
        map.put("analyser_events_per_second", Math.round(outcome.eventsPerSecond()));
        map.put("ordinary_orgs", outcome.benignOrgs());
        map.put("ordinary_by_outcome", outcome.benignByAction());
        map.put("ordinary_affected", outcome.affectedBenign());
        map.put("ordinary_reviewed", outcome.reviewedBenign());
        map.put("campaigns", outcome.campaigns().stream().map(campaign -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", campaign.id());
            line.put("kind", campaign.kind());
            line.put("accounts", campaign.accounts());
            line.put("accounts_actioned", campaign.accountsActioned());
            line.put("stopped", campaign.detected());
            line.put("harvest_before_action", campaign.harvestBeforeAction());
            line.put("harvest_before_first_action", campaign.harvestBeforeFirstAction());
            line.put("harvest_total", campaign.harvestTotal());
            return line;
        }).toList());
        return map;
    }

    /** The command line, checked. */
    private record Options(List<String> scenarios, List<Long> seeds, double scale, Optional<Integer> days,
                           Instant start, Optional<Path> prompts, boolean content, List<Path> benchmarks,
                           Optional<Path> json) {

        /** The public benchmarks among the shared prompts, registered as an operator would. */
        private static final List<String> PUBLIC_BENCHMARKS = List.of("human/gsm8k_test.jsonl",
                "human/mt_bench_questions.jsonl", "human/vicuna_bench_questions.jsonl");

        static Options parse(String[] args) {
            List<String> scenarios = List.of("mixed");
            List<Long> seeds = List.of(1L);
            double scale = 1.0;
            Optional<Integer> days = Optional.empty();
            Instant start = MONDAY;
            Path shared = Path.of("../shared/data/prompts");
            Optional<Path> prompts = Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
            boolean content = true;
            Optional<Path> json = Optional.empty();
            Optional<List<Path>> benchmarks = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--small" -> {
                        scale = 0.1;
                        days = Optional.of(1);
                    }
                    case "--without-content" -> content = false;
                    case "--scenario", "--seeds", "--seed", "--scale", "--days", "--start", "--prompts", "--benchmarks",
                         "--json" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        String value = args[++i];
                        switch (arg) {
                            case "--scenario" -> scenarios = Arrays.stream(value.split(",")).map(String::strip).toList();
                            case "--seeds", "--seed" -> seeds = Arrays.stream(value.split(","))
                                    .map(seed -> number(arg, seed)).toList();
                            case "--scale" -> scale = decimal(arg, value);
                            case "--days" -> days = Optional.of((int) number(arg, value));
                            case "--start" -> start = instant(arg, value);
                            case "--prompts" -> prompts = value.equals("bundled") ? Optional.empty()
                                    : Optional.of(Path.of(value));
                            case "--benchmarks" -> benchmarks = Optional.of(value.equals("none") ? List.of()
                                    : Arrays.stream(value.split(",")).map(String::strip).map(Path::of).toList());
                            default -> json = Optional.of(Path.of(value));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            for (String scenario : scenarios) {
                if (!ScenarioCatalog.names().contains(scenario)) {
                    throw new IllegalArgumentException("unknown scenario \"" + scenario + "\"");
                }
            }
            Optional<Path> promptDir = prompts;
            List<Path> registered = benchmarks.orElseGet(() -> promptDir.map(dir -> PUBLIC_BENCHMARKS.stream()
                    .map(dir::resolve).filter(Files::isRegularFile).toList()).orElse(List.of()));
            return new Options(scenarios, seeds, scale, days, start, prompts, content, registered, json);
        }

        private static long number(String option, String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": \"" + value + "\" is not a whole number");
            }
        }

        private static Instant instant(String option, String value) {
            try {
                return Instant.parse(value.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": \"" + value + "\" is not an ISO-8601 instant"
                        + " (e.g. 2026-11-01T00:00:00Z)");
            }
        }

        private static double decimal(String option, String value) {
            try {
                return Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": \"" + value + "\" is not a number");
            }
        }
    }
}
