package dev.moat.audit;

import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * The outcome of a successful {@link LogVerifier} run.
 *
 * @param checkpoint the checkpoint whose tree was recomputed and proven
 * @param previouslyVerifiedSize the size recorded in the state file it was proven consistent with, if any
 */
public record VerifiedCheckpoint(Checkpoint checkpoint, OptionalLong previouslyVerifiedSize) {
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
                + (previouslyVerifiedSize.isPresent()
                        ? " (consistent with the previously verified size " + previouslyVerifiedSize.getAsLong() + ")" : "");
    }
}
