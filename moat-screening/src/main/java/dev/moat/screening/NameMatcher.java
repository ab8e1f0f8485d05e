package dev.moat.screening;

import java.util.Objects;
import java.util.Optional;

/**
 * Compares two names and explains the score: {@code moat screen score} and the name benchmark
 * call this. Normalisation is described in {@link NameNormaliser}, scoring in {@link NameScorer}.
 * Immutable and thread-safe.
 */
public final class NameMatcher {

    private final ScreeningSettings settings;

    public NameMatcher(ScreeningSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A matcher with {@link ScreeningSettings#DEFAULTS}. */
    public NameMatcher() {
        this(ScreeningSettings.DEFAULTS);
    }

    /**
     * Compares two names of the given type (empty: unknown type, matched as either).
     *
     * @throws IllegalArgumentException when a name is blank
     */
    public NameComparison compare(String name1, String name2, Optional<EntityType> type) {
        requireName(name1, "name1");
        requireName(name2, "name2");
        Objects.requireNonNull(type, "type");
        return NameScorer.compare(NameNormaliser.normalise(name1, type), NameNormaliser.normalise(name2, type), type,
                settings.matchThreshold());
    }

    static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + ": blank (expected: a name)");
        }
    }
}
