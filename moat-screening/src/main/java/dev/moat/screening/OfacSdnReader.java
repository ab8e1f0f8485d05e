package dev.moat.screening;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads OFAC's legacy SDN CSV: {@code sdn.csv} (one row per entry) joined on {@code ent_num}
 * with {@code alt.csv} (aliases) and {@code add.csv} (addresses) from the same directory, when
 * present. The files have no header row and write empty fields as {@code -0-}. Remarks carry
 * dates of birth, nationalities and document numbers in prose; {@link OfacRemarks} reads them.
 */
final class OfacSdnReader {

    private static final int SDN_COLUMNS = 12;

    private OfacSdnReader() {
    }

    /** Whether the first record looks like an SDN row: numeric ent_num, 12 columns. */
    static boolean looksLikeSdn(String text) {
        List<DelimitedRecords.Row> rows = DelimitedRecords.split(firstLines(text), ',');
        return !rows.isEmpty() && rows.getFirst().fields().size() == SDN_COLUMNS
                && rows.getFirst().fields().getFirst().strip().matches("\\d+");
    }

    private static String firstLines(String text) {
        int end = text.indexOf('\n', Math.min(text.length(), 1));
        int second = end < 0 ? -1 : text.indexOf('\n', end + 1);
        return second < 0 ? text : text.substring(0, second);
    }

    static List<ListedEntity> read(Path sdnFile, List<LoadProblem> problems) {
        String file = sdnFile.toString();
        String text = ListText.read(sdnFile, problems);
        if (!text.isBlank() && !looksLikeSdn(text)) {
            throw new ListFormatException("File " + sdnFile + " is named like an OFAC SDN file but is not in the "
                    + "legacy SDN CSV format (12 columns, no header, numeric ent_num first). Download sdn.csv "
                    + "from OFAC's legacy list files, or rename the file if it is another list.");
        }
        Map<String, Draft> drafts = new LinkedHashMap<>();
        for (DelimitedRecords.Row row : DelimitedRecords.split(text, ',')) {
            List<String> f = row.fields();
            if (row.unterminated()) {
                problems.add(new LoadProblem(file, row.line(), "a quoted field never closes; rest of file skipped"));
                continue;
            }
            if (f.size() != SDN_COLUMNS) {
                problems.add(new LoadProblem(file, row.line(),
                        "expected " + SDN_COLUMNS + " columns, found " + f.size()));
                continue;
            }
            String entNum = value(f.get(0));
            String name = value(f.get(1));
            if (!entNum.matches("\\d+")) {
                problems.add(new LoadProblem(file, row.line(), "ent_num is not a number: '" + entNum + "'"));
                continue;
            }
            if (name.isEmpty()) {
                problems.add(new LoadProblem(file, row.line(), "entry " + entNum + " has no name"));
                continue;
            }
            if (drafts.containsKey(entNum)) {
                problems.add(new LoadProblem(file, row.line(), "duplicate ent_num " + entNum + "; first kept"));
                continue;
            }
            drafts.put(entNum, new Draft(entNum, name, type(value(f.get(2))), f));
        }
        Path dir = sdnFile.toAbsolutePath().getParent();
        readAliases(companion(dir, "alt.csv"), drafts, problems);
        readAddresses(companion(dir, "add.csv"), drafts, problems);
        readComments(companion(dir, "sdn_comments.csv"), drafts, problems);
        List<ListedEntity> out = new ArrayList<>(drafts.size());
        for (Draft d : drafts.values()) {
            out.add(d.build());
        }
        return out;
    }

    private static Path companion(Path dir, String name) {
        return dir == null ? Path.of(name) : dir.resolve(name);
    }

    private static void readAliases(Path alt, Map<String, Draft> drafts, List<LoadProblem> problems) {
        if (!Files.isRegularFile(alt)) {
            return;
        }
        for (DelimitedRecords.Row row : DelimitedRecords.split(ListText.read(alt, problems), ',')) {
            List<String> f = row.fields();
            if (row.unterminated() || f.size() != 5) {
                problems.add(new LoadProblem(alt.toString(), row.line(), "expected 5 columns, found " + f.size()));
                continue;
            }
            Draft d = drafts.get(value(f.get(0)));
            String name = value(f.get(3));
            if (d == null) {
                problems.add(new LoadProblem(alt.toString(), row.line(),
                        "alias for unknown ent_num '" + value(f.get(0)) + "'"));
            } else if (!name.isEmpty()) {
                d.aliases.add(name);
            }
        }
    }

    private static void readAddresses(Path add, Map<String, Draft> drafts, List<LoadProblem> problems) {
        if (!Files.isRegularFile(add)) {
            return;
        }
        for (DelimitedRecords.Row row : DelimitedRecords.split(ListText.read(add, problems), ',')) {
            List<String> f = row.fields();
            if (row.unterminated() || f.size() != 6) {
                problems.add(new LoadProblem(add.toString(), row.line(), "expected 6 columns, found " + f.size()));
                continue;
            }
            Draft d = drafts.get(value(f.get(0)));
            if (d == null) {
                problems.add(new LoadProblem(add.toString(), row.line(),
                        "address for unknown ent_num '" + value(f.get(0)) + "'"));
                continue;
            }
            String country = value(f.get(4));
            String line = String.join(", ", nonEmpty(value(f.get(2)), value(f.get(3)), country));
            if (!line.isEmpty()) {
                d.addresses.add(line);
            }
            CountryCodes.code(country).ifPresent(d.countries::add);
        }
    }

    private static void readComments(Path comments, Map<String, Draft> drafts, List<LoadProblem> problems) {
        if (!Files.isRegularFile(comments)) {
            return;
        }
        for (DelimitedRecords.Row row : DelimitedRecords.split(ListText.read(comments, problems), ',')) {
            List<String> f = row.fields();
            if (f.size() >= 2) {
                Draft d = drafts.get(value(f.get(0)));
                if (d != null) {
                    d.remarks.append("; ").append(value(f.get(1)));
                }
            }
        }
    }

    private static List<String> nonEmpty(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    static String value(String field) {
        String v = field.strip();
        return v.equals("-0-") ? "" : v;
    }

    private static EntityType type(String sdnType) {
        return switch (sdnType.toLowerCase(java.util.Locale.ROOT)) {
            case "individual" -> EntityType.PERSON;
            case "vessel" -> EntityType.VESSEL;
            case "aircraft" -> EntityType.AIRCRAFT;
            default -> EntityType.ORGANIZATION;
        };
    }

    /** An entry while its aliases and addresses are still being joined in. */
    private static final class Draft {
        final String entNum;
        final String name;
        final EntityType type;
        final List<String> fields;
        final Set<String> aliases = new LinkedHashSet<>();
        final List<String> addresses = new ArrayList<>();
        final Set<String> countries = new LinkedHashSet<>();
        final StringBuilder remarks;

        Draft(String entNum, String name, EntityType type, List<String> fields) {
            this.entNum = entNum;
            this.name = name;
            this.type = type;
            this.fields = fields;
            this.remarks = new StringBuilder(value(fields.get(11)));
        }

        ListedEntity build() {
            List<String> programs = new ArrayList<>();
            for (String p : value(fields.get(3)).split("\\]\\s*\\[")) {
                String program = p.replace("[", "").replace("]", "").strip();
                if (!program.isEmpty()) {
                    programs.add(program);
                }
            }
            OfacRemarks.Facts facts = OfacRemarks.parse(remarks.toString());
            countries.addAll(facts.countries());
            List<Identifier> ids = new ArrayList<>(facts.identifiers());
            String callSign = value(fields.get(5));
            if (!callSign.isEmpty()) {
                ids.add(new Identifier("Call Sign", callSign, ""));
            }
            CountryCodes.code(value(fields.get(9))).ifPresent(countries::add);
            aliases.remove(name);
            return new ListedEntity("SDN", entNum, type, name, List.copyOf(aliases), List.copyOf(countries),
                    programs, addresses, ids, facts.datesOfBirth());
        }
    }
}
