package dev.moat.audit;

import java.util.List;
import java.util.Optional;

/**
 * Where an auditor reads a log from: a log directory ({@link DirectoryLogSource}) or a Moat admin listener over
 * HTTP ({@link HttpLogSource}). Nothing a source returns is trusted; {@link LogVerifier} checks all of it.
 * Methods throw {@link LogVerificationException} when the data cannot be obtained.
 */
public interface LogSource {
    /** The current checkpoint note. */
    byte[] checkpoint();

    /** A hash tile or entry bundle, or empty when the source does not have it. */
    Optional<byte[]> tile(TilePath path);

    /** Entries [start, end) of a tree whose checkpoint covers at least {@code end} entries. */
    List<byte[]> entries(long start, long end);

    List<byte[]> inclusionProof(long index, long treeSize);

    List<byte[]> consistencyProof(long oldSize, long treeSize);

    /** Where the data comes from, for messages. */
    String location();
}
