package dev.moat.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline analyser behind {@code moat analyze}: a thin driver over the same {@link Detector} the
 * gateway runs online, fed the recorded events in input order (no look-ahead), so the same events give
 * the same verdicts online and offline. Unlike the online detector it remembers the last verdict of every
 * organisation whose state was evicted, so the report lists every organisation seen. Not thread-safe.
 */
public final class Analyzer {

    private final Detector detector;
    private final Map<String, PrincipalVerdict> retired = new LinkedHashMap<>();

    public Analyzer(DetectorSettings settings) {
        this(settings, BenchmarkItems.NONE);
    }

    /** An analyser recognising the items of {@code benchmarks}, as a gateway configured with them does. */
    public Analyzer(DetectorSettings settings, BenchmarkItems benchmarks) {
        this.detector = new Detector(settings, benchmarks);
        detector.onRetirement(verdict -> retired.put(verdict.id(), verdict));
    }

    /** Registers an organisation's sign-up facts; call before its first event for full provenance. */
    public void addOrg(OrgProfile org) {
        detector.addOrg(org);
    }

    /** Feeds the next event, in input order. */
    public void accept(UsageEvent event) {
        detector.accept(event);
    }

    /** The verdicts as of the last event accepted. */
    public AnalysisReport report() {
        AnalysisReport live = detector.report();
        Set<String> present = new HashSet<>();
        List<PrincipalVerdict> principals = new ArrayList<>(live.principals());
        for (PrincipalVerdict verdict : principals) {
            present.add(verdict.id());
        }
        for (PrincipalVerdict verdict : retired.values()) {
            if (present.add(verdict.id())) {
                principals.add(verdict);
            }
        }
        principals.sort(Detector.REPORT_ORDER);
        return new AnalysisReport(live.eventsProcessed(), principals, live.clusters());
    }
}
