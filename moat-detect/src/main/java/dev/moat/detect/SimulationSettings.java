package dev.moat.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a scenario.
 *
 * @param seed     everything generated is a function of the scenario and this seed; other seeds also
 *                 draw other campaign parameters (sizes, rates, templates, material), so a detector can
 *                 be checked on variants it was not tuned on
 * @param start    the simulated time the traffic starts at
 * @param scale    multiplies the number of ordinary organisations of every part (at least one each)
 * @param duration overrides the scenario's duration
 * @param content  whether events carry prompt and response text (false: as after retention expired)
 */
public record SimulationSettings(long seed, Instant start, double scale, Optional<Duration> duration,
                                 boolean content) {

    public SimulationSettings {
        Objects.requireNonNull(start, "start");
        if (!(scale > 0) || scale > 100) {
            throw new IllegalArgumentException("scale: " + scale + " (expected: > 0 and <= 100)");
        }
        duration = duration == null ? Optional.empty() : duration;
        duration.ifPresent(value -> {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("duration: " + value + " (expected: > 0)");
            }
        });
    }

    public static SimulationSettings of(long seed, Instant start) {
        return new SimulationSettings(seed, start, 1.0, Optional.empty(), true);
    }

    public SimulationSettings withScale(double newScale) {
        return new SimulationSettings(seed, start, newScale, duration, content);
    }

    public SimulationSettings withDuration(Duration newDuration) {
        return new SimulationSettings(seed, start, scale, Optional.of(newDuration), content);
    }

    public SimulationSettings withoutContent() {
        return new SimulationSettings(seed, start, scale, duration, false);
    }
}
