package dev.moat.detect;

import java.util.Objects;

/**
 * One ingredient of a scenario.
 *
 * @param kind     what kind of organisation or campaign
 * @param count    how many ordinary organisations (scaled with the simulation), or how many separate
 *                 campaigns (not scaled: a campaign's size is drawn from the seed)
 * @param accounts for a hydra, its number of accounts; 0 to draw it from the seed (50–500)
 */
public record ScenarioPart(ScenarioKind kind, int count, int accounts) {

    public ScenarioPart {
        Objects.requireNonNull(kind, "kind");
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        if (accounts < 0) {
            throw new IllegalArgumentException("accounts: " + accounts + " (expected: >= 0, 0 for drawn from the seed)");
        }
    }

    public static ScenarioPart of(ScenarioKind kind, int count) {
        return new ScenarioPart(kind, count, 0);
    }
}
