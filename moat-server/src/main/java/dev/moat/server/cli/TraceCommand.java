package dev.moat.server.cli;

import dev.moat.detect.LeakedDatasetReader;
import dev.moat.detect.ProvenanceReport;
import dev.moat.detect.ProvenanceTracer;
import dev.moat.server.store.Database;
import dev.moat.server.store.UsageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code moat trace}: which accounts produced a suspected leaked training set. */
@Command(name = "trace", description = "Trace a suspected leaked dataset (JSONL of prompt/response pairs or responses) back "
        + "to the organisations and accounts that received those responses, from the response fingerprints Moat keeps "
        + "(content-free; they outlive content retention).")
final class TraceCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "FILE.jsonl", description = "The suspected leaked dataset.")
    Path dataset;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR", description = "Moat's data_dir (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Where to write the report (default: standard output).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(dataDir.resolve("moat.db"))) {
            throw new IllegalArgumentException("no Moat database in " + dataDir.toAbsolutePath() + " (pass --data-dir, Moat's data_dir)");
        }
        ProvenanceTracer tracer = new ProvenanceTracer();
        long items = LeakedDatasetReader.read(dataset, tracer::addDatasetItem);
        try (Database db = Database.open(dataDir)) {
            new UsageStore(db, Optional.empty()).forEachFingerprint(tracer::accept);
        }
        ProvenanceReport report = tracer.report(Map.of());
        ReportOutput.write(out, report::writeJson);
        System.err.printf("moat trace: %d dataset items traced against the fingerprints in %s%n", items, dataDir);
        return 0;
    }
}
