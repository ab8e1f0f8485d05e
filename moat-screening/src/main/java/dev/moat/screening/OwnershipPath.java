package dev.moat.screening;

import java.util.List;

/**
 * A chain of ownership from the screened organisation down to a listed owner.
 *
 * @param chain            names from the screened organisation's direct owner down to the listed party
 * @param sharesPercent    each link's share, in the same order
 * @param effectivePercent the shares multiplied: how much of the screened organisation the listed party holds this way
 * @param listedParty      the owner that matched a list
 * @param listing          the entry it matched, as {@code LIST id name}
 */
public record OwnershipPath(List<String> chain, List<Double> sharesPercent, double effectivePercent,
        String listedParty, String listing) {

    public OwnershipPath {
        chain = List.copyOf(chain);
        sharesPercent = List.copyOf(sharesPercent);
    }
}
