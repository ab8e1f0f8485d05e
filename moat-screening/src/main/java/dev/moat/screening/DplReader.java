package dev.moat.screening;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads BIS's Denied Persons List: tab-separated, quoted, with a header row naming the columns
 * {@code Name, Street_Address, City, State, Country, Postal_Code, Effective_Date, ...}. The list
 * has no ids and no type: the first Federal Register citation serves as id, the type is guessed,
 * and rows repeating a name (one per address or renewed order) become one entry.
 */
final class DplReader {

    private DplReader() {
    }

    static boolean looksLikeDpl(String text) {
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).toLowerCase(Locale.ROOT);
        return first.contains("\t") && first.contains("name") && first.contains("street_address");
    }

    static List<ListedEntity> read(Path path, List<LoadProblem> problems) {
        String file = path.toString();
        String text = ListText.read(path, problems);
        if (!looksLikeDpl(text)) {
            throw new ListFormatException("File " + path + " is not the BIS Denied Persons List: its first line must be "
                    + "a tab-separated header with the columns Name and Street_Address. Download dpl.txt from bis.doc.gov.");
        }
        List<DelimitedRecords.Row> rows = DelimitedRecords.split(text, '\t');
        List<String> header = rows.getFirst().fields();
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        Map<String, ListedEntity> byName = new java.util.LinkedHashMap<>();
        for (DelimitedRecords.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            if (row.unterminated() || f.size() != header.size()) {
                problems.add(new LoadProblem(file, row.line(),
                        "expected " + header.size() + " tab-separated columns as in the header, found " + f.size()));
                continue;
            }
            String name = cell(f, col, "name");
            if (name.isEmpty()) {
                problems.add(new LoadProblem(file, row.line(), "row has no name"));
                continue;
            }
            String country = cell(f, col, "country");
            List<String> countries = new ArrayList<>();
            CountryCodes.code(country).ifPresent(countries::add);
            List<String> parts = new ArrayList<>();
            for (String key : List.of("street_address", "city", "state", "postal_code", "country")) {
                String v = cell(f, col, key);
                if (!v.isEmpty()) {
                    parts.add(v);
                }
            }
            List<String> addresses = parts.isEmpty() ? List.of() : List.of(String.join(", ", parts));
            String citation = cell(f, col, "fr_citation");
            String id = citation.contains(",") ? citation.substring(0, citation.indexOf(',')).strip() : citation;
            String key = name.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
            ListedEntity earlier = byName.get(key);
            if (earlier == null) {
                byName.put(key, new ListedEntity("DPL", id, EntityTypeGuess.guess(name, true), name, List.of(), countries,
                        List.of(), addresses, List.of(), List.of()));
            } else {
                byName.put(key, merge(earlier, countries, addresses));
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** The list repeats a party once per address and per renewed order; one entry per name, all addresses kept. */
    private static ListedEntity merge(ListedEntity e, List<String> countries, List<String> addresses) {
        var allCountries = new java.util.LinkedHashSet<>(e.countries());
        allCountries.addAll(countries);
        var allAddresses = new java.util.LinkedHashSet<>(e.addresses());
        allAddresses.addAll(addresses);
        return new ListedEntity(e.list(), e.sourceId(), e.type(), e.name(), e.aliases(), List.copyOf(allCountries),
                e.programs(), List.copyOf(allAddresses), e.identifiers(), e.datesOfBirth());
    }

    private static String cell(List<String> f, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null ? "" : f.get(i).strip();
    }
}
