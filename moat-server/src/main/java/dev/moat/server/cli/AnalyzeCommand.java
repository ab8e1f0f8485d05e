package dev.moat.server.cli;

import dev.moat.detect.AnalysisReport;
import dev.moat.detect.Analyzer;
import dev.moat.detect.BenchmarkItems;
import dev.moat.detect.DetectorSettings;
import dev.moat.detect.OrgProfileReader;
import dev.moat.detect.UsageEventReader;
import dev.moat.server.config.ConfigLoader;
import dev.moat.server.config.MoatConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code moat analyze}: the online detector, run over recorded traffic. */
@Command(name = "analyze", description = "Run the detector over recorded usage events in input order (streaming, no look-ahead) "
        + "and write the report (JSON).")
final class AnalyzeCommand implements Callable<Integer> {

    @Option(names = "--events", required = true, paramLabel = "FILE.jsonl", description = "Usage events, one JSON object per line.")
    Path events;

    @Option(names = "--orgs", paramLabel = "FILE.jsonl", description = "Organisations' sign-up facts, one JSON object per line.")
    Path orgs;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Where to write the report (default: standard output).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The gateway's configuration file: its detection thresholds, bounds and benchmarks are used (default: the detector's defaults).")
    Path config;

    @Option(names = "--benchmarks", paramLabel = "FILE.jsonl", split = ",",
            description = "Files of public benchmarks' items the detector recognises as evaluation material, in addition to the configuration's detection.benchmarks.")
    List<Path> benchmarks = List.of();

    @Override
    public Integer call() throws Exception {
        MoatConfig.Detection detection = config == null ? null
                : ConfigLoader.load(Optional.of(config), System.getenv()).detection();
        DetectorSettings settings = detection == null ? DetectorSettings.defaults() : detection.detector();
        List<Path> benchmarkFiles = new ArrayList<>(detection == null ? List.of() : detection.benchmarkFiles());
        benchmarkFiles.addAll(benchmarks);
        Analyzer analyzer = new Analyzer(settings, BenchmarkItems.read(benchmarkFiles));
        if (orgs != null) {
            OrgProfileReader.read(orgs).forEach(analyzer::addOrg);
        }
        long start = System.nanoTime();
        long count = 0;
        try (UsageEventReader reader = UsageEventReader.open(events)) {
            while (reader.hasNext()) {
                analyzer.accept(reader.next());
                count++;
            }
        }
        AnalysisReport report = analyzer.report();
        double seconds = (System.nanoTime() - start) / 1e9;
        ReportOutput.write(out, report::writeJson);
        long actioned = report.principals().stream().filter(p -> p.action().affectsCustomer()).count();
        System.err.printf("moat analyze: %d events in %.1f s (%.0f events/s); %d organisations actioned, %d clusters%n",
                count, seconds, count / Math.max(seconds, 1e-9), actioned, report.clusters().size());
        return 0;
    }
}
