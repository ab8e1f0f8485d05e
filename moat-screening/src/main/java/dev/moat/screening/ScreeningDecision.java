package dev.moat.screening;

import java.util.List;

/**
 * The result of screening one name.
 *
 * @param name     the name screened
 * @param decision {@code clear}, {@code review} or {@code block}
 * @param score    the best match's score, 0 when nothing came close
 * @param matches  entries at or above the review threshold, best first
 */
public record ScreeningDecision(String name, Verdict decision, double score, List<ScreeningMatch> matches) {

    public ScreeningDecision {
        matches = List.copyOf(matches);
    }
}
