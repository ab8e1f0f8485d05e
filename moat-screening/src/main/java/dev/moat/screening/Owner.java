package dev.moat.screening;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A declared owner of an organisation, and, when the owner is itself an organisation, its own
 * declared owners (intermediate holdings).
 *
 * @param name         the owner's name
 * @param type         {@link EntityType#PERSON} or {@link EntityType#ORGANIZATION}
 * @param country      ISO 3166 alpha-2 code or English country name, when known
 * @param sharePercent the share of the owned organisation this owner holds, above 0 and at most 100
 * @param owners       this owner's own owners (organisations only); their shares are of this owner
 */
public record Owner(String name, EntityType type, Optional<String> country, double sharePercent, List<Owner> owners) {

    public Owner {
        NameMatcher.requireName(name, "owner name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(country, "country");
        if (!(sharePercent > 0 && sharePercent <= 100)) {
            throw new IllegalArgumentException("sharePercent of " + name + ": " + sharePercent
                    + " (expected: > 0 and <= 100)");
        }
        owners = List.copyOf(owners);
        if (type == EntityType.PERSON && !owners.isEmpty()) {
            throw new IllegalArgumentException("owners of " + name + ": a person has no owners (expected: none, or type organization)");
        }
        OrganisationProfile.checkShares(name, owners);
    }

    /** An owner without owners of its own. */
    public static Owner of(String name, EntityType type, double sharePercent) {
        return new Owner(name, type, Optional.empty(), sharePercent, List.of());
    }
}
