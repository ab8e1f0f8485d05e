package dev.moat.audit;

import java.util.HexFormat;

/** The outcome of a successful {@link LogVerifier} run: the checkpoint that was proven, and against what. */
public record VerifiedCheckpoint(Checkpoint checkpoint, long previouslyVerifiedSize) {
    public String origin() {
        return checkpoint.origin();
    }

    public long size() {
        return checkpoint.size();
    }

    public String rootHex() {
        return HexFormat.of().formatHex(checkpoint.root());
    }

    /** One line for a terminal: origin, size and root. */
    public String summary() {
        return "verified " + origin() + ": " + size() + " entries, root " + rootHex()
                + (previouslyVerifiedSize >= 0 ? " (consistent with the previously verified size " + previouslyVerifiedSize + ")" : "");
    }
}
