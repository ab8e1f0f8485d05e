package dev.moat.screening;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An organisation as it applies for access: legal name, country, declared owners.
 *
 * @param name    legal name
 * @param country ISO 3166 alpha-2 code or English country name, when known
 * @param owners  direct owners with their shares; an owner organisation may declare its own owners
 */
public record OrganisationProfile(String name, Optional<String> country, List<Owner> owners) {

    public OrganisationProfile {
        NameMatcher.requireName(name, "organisation name");
        Objects.requireNonNull(country, "country");
        owners = List.copyOf(owners);
        checkShares(name, owners);
    }

    static void checkShares(String of, List<Owner> owners) {
        double total = 0;
        for (Owner o : owners) {
            total += o.sharePercent();
        }
        if (total > 100.0001) {
            throw new IllegalArgumentException("owners of " + of + ": shares add up to " + total
                    + " % (expected: at most 100 %)");
        }
    }
}
