package dev.moat.screening;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the US Consolidated Screening List CSV. Columns are found by header name, so today's
 * 29-column layout (with {@code _id}) and the older 28-column one read alike. Multi-valued
 * cells are joined with {@code "; "}. The list code is the abbreviation in the {@code source}
 * cell: "Entity List (EL) - Bureau of Industry and Security" gives {@code EL}.
 */
final class CslReader {

    private static final Pattern SOURCE_CODE = Pattern.compile("\\(([A-Z]{2,5})\\)");
    private static final Set<String> PEOPLE_LISTS = Set.of("DPL", "DTC");

    private CslReader() {
    }

    static boolean looksLikeCsl(String text) {
        List<DelimitedRecords.Row> head = DelimitedRecords.split(firstLine(text), ',');
        if (head.isEmpty()) {
            return false;
        }
        List<String> h = head.getFirst().fields().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        return h.contains("source") && h.contains("name") && h.contains("alt_names");
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    static List<ListedEntity> read(Path path, List<LoadProblem> problems) {
        String file = path.toString();
        String text = ListText.read(path, problems);
        if (!looksLikeCsl(text)) {
            throw new ListFormatException("File " + path + " is not a Consolidated Screening List CSV: its first line "
                    + "must be a header with at least the columns source, name and alt_names. Download the CSV from "
                    + "trade.gov's Consolidated Screening List.");
        }
        List<DelimitedRecords.Row> rows = DelimitedRecords.split(text, ',');
        List<String> header = rows.getFirst().fields();
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        List<ListedEntity> out = new ArrayList<>();
        for (DelimitedRecords.Row row : rows.subList(1, rows.size())) {
            if (row.unterminated()) {
                problems.add(new LoadProblem(file, row.line(), "a quoted field never closes; rest of file skipped"));
                continue;
            }
            if (row.fields().size() != header.size()) {
                problems.add(new LoadProblem(file, row.line(),
                        "expected " + header.size() + " columns as in the header, found " + row.fields().size()));
                continue;
            }
            Cells c = new Cells(row.fields(), col);
            List<String> names = names(c.get("name"));
            if (names.isEmpty()) {
                problems.add(new LoadProblem(file, row.line(), "row has no name"));
                continue;
            }
            Matcher m = SOURCE_CODE.matcher(c.get("source"));
            String list = m.find() ? m.group(1) : c.get("source");
            if (list.isEmpty()) {
                problems.add(new LoadProblem(file, row.line(), "row has no source list"));
                continue;
            }
            Set<String> aliases = new LinkedHashSet<>(names.subList(1, names.size()));
            for (String alt : c.multi("alt_names")) {
                aliases.addAll(names(alt));
            }
            aliases.remove(names.getFirst());
            Set<String> countries = new LinkedHashSet<>();
            List<String> addresses = c.multi("addresses");
            for (String address : addresses) {
                String last = address.substring(address.lastIndexOf(',') + 1).strip();
                if (CountryCodes.isCode(last)) {
                    countries.add(last.toUpperCase(Locale.ROOT));
                }
            }
            for (String key : List.of("citizenships", "nationalities", "vessel_flag")) {
                for (String v : c.multi(key)) {
                    CountryCodes.code(v).ifPresent(countries::add);
                }
            }
            List<String> dobs = new ArrayList<>();
            for (String d : c.multi("dates_of_birth")) {
                dobs.addAll(BirthDates.parse(d));
            }
            String id = c.get("entity_number").isEmpty() ? c.get("_id") : c.get("entity_number");
            out.add(new ListedEntity(list, id, type(c.get("type"), names.getFirst(), list), names.getFirst(),
                    List.copyOf(aliases), List.copyOf(countries), c.multi("programs"), addresses,
                    identifiers(c.multi("ids")), dobs));
        }
        return out;
    }

    /** A name cell may append "; and any successor, sub-unit, or subsidiary thereof" or list several names. */
    private static List<String> names(String cell) {
        List<String> out = new ArrayList<>();
        for (String part : cell.split(";")) {
            String n = part.strip();
            if (n.toLowerCase(Locale.ROOT).startsWith("and any ")) {
                continue;
            }
            if (n.toLowerCase(Locale.ROOT).startsWith("and ")) {
                n = n.substring(4).strip();
            }
            if (n.endsWith(".") && n.indexOf('.') == n.length() - 1 && n.length() > 30) {
                n = n.substring(0, n.length() - 1);
            }
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    private static EntityType type(String type, String name, String list) {
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "individual" -> EntityType.PERSON;
            case "entity" -> EntityType.ORGANIZATION;
            case "vessel" -> EntityType.VESSEL;
            case "aircraft" -> EntityType.AIRCRAFT;
            default -> EntityTypeGuess.guess(name, PEOPLE_LISTS.contains(list));
        };
    }

    /**
     * Today's layout writes ids as "type, number, country"; the older one as "country, number, type"
     * or "number, type". Entries without a digit (gender, directive notes, web sites) are not identifiers.
     */
    private static List<Identifier> identifiers(List<String> cells) {
        List<Identifier> ids = new ArrayList<>();
        for (String cell : cells) {
            String[] p = cell.split(",\\s*");
            for (int i = 0; i < p.length; i++) {
                p[i] = p[i].strip();
            }
            Identifier id = null;
            if (p.length == 3 && CountryCodes.isCode(p[0]) && hasDigit(p[1])) {
                id = new Identifier(p[2], p[1], p[0].toUpperCase(Locale.ROOT));
            } else if (p.length == 3 && hasDigit(p[1])) {
                id = new Identifier(p[0], p[1], CountryCodes.code(p[2]).orElse(""));
            } else if (p.length == 2 && hasDigit(p[0]) && !hasDigit(p[1]) && !p[0].contains("@") && !p[0].contains("www")) {
                String value = p[0].startsWith("IMO ") ? p[0].substring(4) : p[0];
                id = new Identifier(p[1], value, "");
            } else if (p.length == 2 && hasDigit(p[1]) && !hasDigit(p[0])) {
                id = new Identifier(p[0], p[1], "");
            }
            if (id != null && id.value().split("\\s+").length <= 3 && !id.type().toLowerCase(Locale.ROOT).contains("website")
                    && !id.type().toLowerCase(Locale.ROOT).contains("email")) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static boolean hasDigit(String s) {
        return s.chars().anyMatch(Character::isDigit);
    }

    /** Cells of one row, looked up by header name. */
    private record Cells(List<String> fields, Map<String, Integer> col) {
        String get(String name) {
            Integer i = col.get(name);
            return i == null ? "" : fields.get(i).strip();
        }

        List<String> multi(String name) {
            List<String> out = new ArrayList<>();
            for (String v : get(name).split(";")) {
                if (!v.isBlank()) {
                    out.add(v.strip());
                }
            }
            return out;
        }
    }
}
