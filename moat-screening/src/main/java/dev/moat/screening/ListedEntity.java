package dev.moat.screening;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a restricted-party list, in the single model every list format is read into.
 *
 * @param list          short code of the source list: {@code SDN}, {@code EL}, {@code DPL}, {@code UN}, ...
 * @param sourceId      the entry's id within its list ({@code ent_num}, {@code DATAID}, ...); may be empty when the list has none
 * @param type          person, organization, vessel or aircraft
 * @param name          the primary name as listed
 * @param aliases       other names (a.k.a., f.k.a., n.k.a., original script)
 * @param countries     ISO 3166 alpha-2 codes of countries tied to the entry (addresses, nationality, citizenship, flag)
 * @param programs      sanctions programmes or list-specific regimes
 * @param addresses     addresses, one line each
 * @param identifiers   passports, registration numbers, IMO numbers, ...
 * @param datesOfBirth  ISO 8601 dates, possibly partial ({@code 1955}, {@code 1955-03}, {@code 1955-03-12})
 */
public record ListedEntity(
        String list,
        String sourceId,
        EntityType type,
        String name,
        List<String> aliases,
        List<String> countries,
        List<String> programs,
        List<String> addresses,
        List<Identifier> identifiers,
        List<String> datesOfBirth) {

    public ListedEntity {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: blank (expected: the entry's primary name)");
        }
        aliases = List.copyOf(aliases);
        countries = List.copyOf(countries);
        programs = List.copyOf(programs);
        addresses = List.copyOf(addresses);
        identifiers = List.copyOf(identifiers);
        datesOfBirth = List.copyOf(datesOfBirth);
    }

    /** The primary name followed by every alias. */
    public List<String> allNames() {
        var all = new java.util.ArrayList<String>(1 + aliases.size());
        all.add(name);
        all.addAll(aliases);
        return all;
    }
}
