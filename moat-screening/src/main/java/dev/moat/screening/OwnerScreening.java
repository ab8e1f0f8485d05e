package dev.moat.screening;

import java.util.List;

/**
 * One declared owner and what screening found about it.
 *
 * @param chain            names from the organisation's direct owner down to this owner
 * @param name             this owner's name
 * @param type             person or organization
 * @param sharePercent     its declared share of its immediate owned organisation
 * @param effectivePercent its share of the screened organisation, multiplied through intermediates
 * @param screening        the owner's own screening result
 */
public record OwnerScreening(List<String> chain, String name, EntityType type, double sharePercent,
        double effectivePercent, ScreeningDecision screening) {

    public OwnerScreening {
        chain = List.copyOf(chain);
    }
}
