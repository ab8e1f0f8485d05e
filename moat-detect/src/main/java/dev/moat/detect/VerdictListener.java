package dev.moat.detect;

/**
 * Told about every change of an organisation's action, synchronously inside
 * {@link Detector#accept(UsageEvent)}; implementations must be quick (hand the verdict to the
 * enforcement state and the audit queue, do no I/O).
 */
@FunctionalInterface
public interface VerdictListener {
    void onVerdict(Verdict verdict);
}
