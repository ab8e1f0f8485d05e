package dev.moat.screening;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lists without a type column (the BIS lists inside the CSL, the Denied Persons List) mix people
 * and companies. A name with a legal form or a word that only organisations carry is an
 * organisation; on lists that name mostly people (DPL, DTC) a short all-alphabetic name is a
 * person; anything else is an organisation. Matching treats a guessed type softly.
 */
final class EntityTypeGuess {

    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> ORGANISATION_WORDS = Set.of(
            "company", "co", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "gmbh", "ag",
            "sa", "srl", "bv", "nv", "plc", "group", "institute", "university", "bank", "trading", "industries",
            "industry", "technology", "technologies", "international", "enterprise", "enterprises", "systems",
            "electronics", "services", "laboratory", "academy", "center", "centre", "research", "factory", "plant",
            "bureau", "ministry", "office", "department", "logistics", "aviation", "shipping", "holding",
            "holdings", "associates", "partners", "fund", "foundation", "organization", "organisation", "jsc",
            "ojsc", "ooo", "oao", "zao", "pjsc", "cjsc", "llp", "lp", "pte", "ltda", "cv", "spa", "ab", "as",
            "oy", "kg", "import", "export", "engineering", "development", "science", "scientific", "school",
            "works", "airlines", "airline", "airways", "air", "aero", "aerospace", "marine", "petroleum", "oil", "gas",
            "chemical", "chemicals", "energy", "commercial", "corporacion", "sociedad", "societe", "gesellschaft",
            "communications", "network", "networks", "solutions", "supply", "products", "manufacturing");

    private EntityTypeGuess() {
    }

    static EntityType guess(String name, boolean listNamesMostlyPeople) {
        String[] words = WORDS.split(name.toLowerCase(Locale.ROOT).strip());
        for (String w : words) {
            if (ORGANISATION_WORDS.contains(w)) {
                return EntityType.ORGANIZATION;
            }
        }
        boolean alphabetic = name.codePoints().noneMatch(Character::isDigit);
        if (listNamesMostlyPeople && alphabetic && words.length >= 2 && words.length <= 5) {
            return EntityType.PERSON;
        }
        return EntityType.ORGANIZATION;
    }
}
