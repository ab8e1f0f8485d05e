package dev.moat.policy;

import java.util.Optional;

/**
 * Where a geo database places an address: an ISO 3166-1 alpha-2 country and, when the database is a
 * city/region database, the ISO 3166-2 subdivision (for example {@code UA-43}, Crimea). Country-only
 * databases never know the subdivision.
 */
public record GeoLocation(String country, Optional<String> subdivision) {

    public GeoLocation {
        if (country.length() != 2) {
            throw new IllegalArgumentException("country: '%s' (expected: an ISO 3166-1 alpha-2 code)".formatted(country));
        }
    }
}
