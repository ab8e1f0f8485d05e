package dev.moat.detect;

import java.util.List;
import java.util.Objects;

/**
 * One piece of evidence behind a verdict.
 *
 * @param name     stable machine name, e.g. {@code reasoning_elicitation}
 * @param value    strength in [0,1]
 * @param detail   one sentence for an analyst saying what was seen
 * @param examples a few event ids that show it (may be empty)
 */
public record Signal(String name, double value, String detail, List<String> examples) {

    public Signal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("value of " + name + ": " + value + " (expected: 0..1)");
        }
        examples = examples == null ? List.of() : List.copyOf(examples);
    }
}
