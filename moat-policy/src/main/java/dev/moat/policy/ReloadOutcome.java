package dev.moat.policy;

/** What one check of the network data files found. */
public sealed interface ReloadOutcome {

    /** No file changed since the snapshot in use (or since the last failed attempt) was read. */
    record Unchanged() implements ReloadOutcome {
    }

    /** A new snapshot is in use. */
    record Reloaded(String summary) implements ReloadOutcome {
    }

    /** A changed file could not be loaded; the previous snapshot stays in use. */
    record Failed(String reason) implements ReloadOutcome {
    }
}
