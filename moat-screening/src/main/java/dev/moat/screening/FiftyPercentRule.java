package dev.moat.screening;

import java.util.List;

/**
 * The OFAC 50 % rule applied to an organisation's declared ownership.
 *
 * @param applies                 whether listed parties own 50 % or more, so the organisation is blocked
 * @param listedOwnershipPercent  the aggregate share held by listed parties: the larger of the two readings below
 * @param multipliedPercent       shares multiplied along every chain to a listed party, summed
 * @param throughBlockedPercent   OFAC's reading: a direct owner counts in full when it is listed or is
 *                                itself 50 % owned by listed parties (recursively), summed
 * @param paths                   every chain to a listed party
 * @param explanation             the finding in one sentence
 */
public record FiftyPercentRule(boolean applies, double listedOwnershipPercent, double multipliedPercent,
        double throughBlockedPercent, List<OwnershipPath> paths, String explanation) {

    public FiftyPercentRule {
        paths = List.copyOf(paths);
    }
}
