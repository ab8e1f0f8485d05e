package dev.moat.screening;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who to screen. Only the name is required; every other fact, when given, moves the score of a
 * candidate entry: a matching country or date of birth raises it, a contradicting date of birth
 * lowers it, an identical identifier makes the match certain.
 *
 * @param name        the name as the customer wrote it
 * @param type        person, organization, vessel or aircraft; empty to match any type
 * @param country     ISO 3166 alpha-2 code (or an English country name) of nationality, registration or residence
 * @param dateOfBirth ISO 8601 date, possibly partial ({@code 1970}, {@code 1970-05}, {@code 1970-05-17})
 * @param identifiers passport, registration, tax or IMO numbers
 */
public record ScreeningQuery(String name, Optional<EntityType> type, Optional<String> country,
        Optional<String> dateOfBirth, List<Identifier> identifiers) {

    public ScreeningQuery {
        NameMatcher.requireName(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        country = country.map(c -> CountryCodes.code(c).orElseThrow(() -> new IllegalArgumentException(
                "country: " + c + " (expected: an ISO 3166 alpha-2 code such as DE, or an English country name)")));
        dateOfBirth.ifPresent(d -> {
            if (!d.strip().matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) {
                throw new IllegalArgumentException("dateOfBirth: " + d + " (expected: YYYY, YYYY-MM or YYYY-MM-DD)");
            }
        });
        identifiers = List.copyOf(identifiers);
    }

    /** A query for a name of any type, with nothing else known. */
    public static ScreeningQuery of(String name) {
        return new ScreeningQuery(name, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    public ScreeningQuery withType(EntityType t) {
        return new ScreeningQuery(name, Optional.of(t), country, dateOfBirth, identifiers);
    }

    public ScreeningQuery withCountry(String c) {
        return new ScreeningQuery(name, type, Optional.of(c), dateOfBirth, identifiers);
    }

    public ScreeningQuery withDateOfBirth(String d) {
        return new ScreeningQuery(name, type, country, Optional.of(d), identifiers);
    }

    public ScreeningQuery withIdentifiers(List<Identifier> ids) {
        return new ScreeningQuery(name, type, country, dateOfBirth, ids);
    }
}
