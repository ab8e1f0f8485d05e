package dev.moat.screening;

import java.util.Locale;
import java.util.Optional;

/** What kind of party a list entry or a query names. Matching treats each kind differently. */
public enum EntityType {
    PERSON,
    ORGANIZATION,
    VESSEL,
    AIRCRAFT;

    /** The lower-case name used in JSON and on the command line ({@code person}, {@code organization}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a type as written by users and by the lists: {@code person}, {@code individual},
     * {@code organization}/{@code organisation}/{@code entity}/{@code company}, {@code vessel}, {@code aircraft}.
     * {@code any} and blank give empty.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Optional<EntityType> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "", "any" -> Optional.empty();
            case "person", "individual" -> Optional.of(PERSON);
            case "organization", "organisation", "entity", "company", "legalentity", "org" -> Optional.of(ORGANIZATION);
            case "vessel" -> Optional.of(VESSEL);
            case "aircraft" -> Optional.of(AIRCRAFT);
            default -> throw new IllegalArgumentException(
                    "type: " + text + " (expected: person, organization, vessel, aircraft or any)");
        };
    }
}
