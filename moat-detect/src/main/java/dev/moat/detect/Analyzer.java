package dev.moat.detect;

/**
 * The offline analyser behind {@code moat analyze}: a thin driver over the same {@link Detector} the
 * gateway runs online, fed the recorded events in input order (no look-ahead), so the same events
 * give the same verdicts online and offline.
 */
public final class Analyzer {

    private final Detector detector;

    public Analyzer(DetectorSettings settings) {
        this.detector = new Detector(settings);
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
        return detector.report();
    }
}
