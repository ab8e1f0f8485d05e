package dev.moat.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link TransparencyLog} runs. Start from {@link #of(Path, String)} and adjust with the {@code with}
 * methods.
 *
 * @param directory where the log keeps its checkpoint, tiles, entry bundles and signing key
 * @param origin the log's identity: the checkpoint's first line and its signing key's name
 *     (a schema-less URL such as {@code moat.example.com/audit})
 * @param batchSize most entries integrated under one checkpoint
 * @param batchInterval longest time an entry waits before its batch is integrated
 * @param queueCapacity entries that may wait for integration before {@code append} reports back-pressure
 * @param witnesses cosigner keys (type 0x04) whose cosignatures the log accepts and serves
 */
public record LogSettings(Path directory, String origin, int batchSize, Duration batchInterval, int queueCapacity,
        List<NoteVerifier> witnesses) {
    public LogSettings {
        if (directory == null) {
            throw new IllegalArgumentException("directory: null (expected: the log's data directory)");
        }
        SignedNote.requireKeyName(origin);
        if (batchSize < 1 || batchSize > 65_536) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: 1..65536)");
        }
        if (batchInterval == null || batchInterval.isNegative() || batchInterval.isZero()) {
            throw new IllegalArgumentException("batchInterval: " + batchInterval + " (expected: > 0)");
        }
        if (queueCapacity < batchSize) {
            throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (expected: >= batchSize " + batchSize + ")");
        }
        witnesses = List.copyOf(witnesses);
        for (NoteVerifier witness : witnesses) {
            if (witness.type() != NoteVerifier.COSIGNATURE_V1) {
                throw new IllegalArgumentException("witness key " + witness + " is not a cosignature/v1 (type 0x04) key");
            }
        }
    }

    /** Defaults: batches of up to 256 entries or 200 ms, room for 65,536 waiting entries, no witnesses. */
    public static LogSettings of(Path directory, String origin) {
        return new LogSettings(directory, origin, 256, Duration.ofMillis(200), 65_536, List.of());
    }

    public LogSettings withBatch(int size, Duration interval) {
        return new LogSettings(directory, origin, size, interval, Math.max(queueCapacity, size), witnesses);
    }

    public LogSettings withQueueCapacity(int capacity) {
        return new LogSettings(directory, origin, batchSize, batchInterval, capacity, witnesses);
    }

    public LogSettings withWitnesses(List<NoteVerifier> keys) {
        return new LogSettings(directory, origin, batchSize, batchInterval, queueCapacity, keys);
    }
}
