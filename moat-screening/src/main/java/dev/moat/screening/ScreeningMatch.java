package dev.moat.screening;

import java.util.List;

/**
 * A listed entry that resembles the screened subject.
 *
 * @param entity      the listed entry in full
 * @param matchedName which of its names (primary or alias) resembled the query most
 * @param nameScore   how alike the names are, 0 to 1
 * @param score       the name score after country, date-of-birth, identifier and type adjustments
 * @param parts       which words matched and how
 * @param reasons     every adjustment and note, in words
 */
public record ScreeningMatch(ListedEntity entity, String matchedName, double nameScore, double score,
        List<TokenMatch> parts, List<String> reasons) {

    public ScreeningMatch {
        parts = List.copyOf(parts);
        reasons = List.copyOf(reasons);
    }
}
