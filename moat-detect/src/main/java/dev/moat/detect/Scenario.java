package dev.moat.detect;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A named mix of ordinary organisations and campaigns over a period of time.
 *
 * @param name        the name used on the command line
 * @param description one sentence for listings
 * @param duration    how much simulated time the traffic covers
 * @param parts       the ingredients, in planning order
 */
public record Scenario(String name, String description, Duration duration, List<ScenarioPart> parts) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
        }
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("parts: empty (expected: at least one kind of organisation)");
        }
        parts = List.copyOf(parts);
    }

    public Scenario withDuration(Duration newDuration) {
        return new Scenario(name, description, newDuration, parts);
    }
}
