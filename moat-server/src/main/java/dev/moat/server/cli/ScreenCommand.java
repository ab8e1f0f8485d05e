package dev.moat.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.screening.DelimitedRecords;
import dev.moat.screening.EntityType;
import dev.moat.screening.NameComparison;
import dev.moat.screening.NameMatcher;
import dev.moat.screening.ScreeningIndex;
import dev.moat.screening.ScreeningQuery;
import dev.moat.screening.ScreeningSettings;
import dev.moat.server.config.ConfigLoader;
import dev.moat.server.vetting.ScreeningReports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code moat screen}: screen one name against the restricted-party lists. */
@Command(name = "screen", description = "Screen a name against the restricted-party lists; JSON result on stdout.",
        subcommands = ScreenCommand.Score.class)
final class ScreenCommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The name to screen.")
    String name;

    @Option(names = "--type", defaultValue = "any", description = "person, organization, vessel or any (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--country", paramLabel = "CC", description = "Country (ISO code) known for the name; raises or lowers scores.")
    String country;

    @Option(names = "--lists", arity = "1..*", paramLabel = "PATH",
            description = "List files or directories (OFAC CSV, CSL CSV, UN XML, DPL). Default: screening.lists of ./moat.yaml.")
    List<Path> lists;

    @Override
    public Integer call() {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("give a NAME to screen (or use `moat screen score`)");
        }
        ScreeningIndex index = ScreeningIndex.load(listPaths(lists), ScreeningSettings.DEFAULTS);
        ScreeningQuery query = ScreeningQuery.of(name);
        Optional<EntityType> entityType = EntityType.parse(type);
        if (entityType.isPresent()) {
            query = query.withType(entityType.get());
        }
        if (country != null) {
            query = query.withCountry(country);
        }
        ObjectNode result = ScreeningReports.decision(index.screen(query));
        result.put("entities_screened_against", index.loadReport().entities());
        System.out.println(result.toPrettyString());
        return 0;
    }

    static List<Path> listPaths(List<Path> given) {
        if (given != null && !given.isEmpty()) {
            return given;
        }
        Path config = Path.of("moat.yaml");
        if (Files.exists(config)) {
            List<Path> configured = ConfigLoader.load(Optional.of(config), System.getenv()).screening().lists();
            if (!configured.isEmpty()) {
                return configured;
            }
        }
        throw new IllegalArgumentException("no restricted-party lists: pass --lists PATH… (files or directories), "
                + "or set screening.lists in ./moat.yaml");
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    @Command(name = "score", description = "Similarity of two names (JSON), or with --pairs a CSV row name1,name2,score,match per input row.")
    static final class Score implements Callable<Integer> {

        @Parameters(arity = "0..2", paramLabel = "NAME", description = "The two names to compare.")
        List<String> names = new ArrayList<>();

        @Option(names = "--type", defaultValue = "any", description = "person, organization, vessel or any (default: ${DEFAULT-VALUE}).")
        String type;

        @Option(names = "--pairs", paramLabel = "FILE.csv", description = "A CSV of name1,name2[,schema] rows (a header row is skipped).")
        Path pairs;

        @Override
        public Integer call() throws IOException {
            NameMatcher matcher = new NameMatcher(ScreeningSettings.DEFAULTS);
            if (pairs == null) {
                if (names.size() != 2) {
                    throw new IllegalArgumentException("give two names, or --pairs FILE.csv");
                }
                NameComparison comparison = matcher.compare(names.get(0), names.get(1), EntityType.parse(type));
                System.out.println(ScreeningReports.comparison(comparison).toPrettyString());
                return 0;
            }
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println("name1,name2,score,match");
            // Columns: name1,name2[,schema]; a header row naming name1 and name2 may place them anywhere.
            int first = 0;
            int second = 1;
            int schema = 2;
            List<DelimitedRecords.Row> rows = DelimitedRecords.split(Files.readString(pairs, StandardCharsets.UTF_8), ',');
            for (DelimitedRecords.Row row : rows) {
                List<String> fields = row.fields();
                if (row.line() == 1 && fields.contains("name1") && fields.contains("name2")) {
                    first = fields.indexOf("name1");
                    second = fields.indexOf("name2");
                    schema = fields.indexOf("schema");
                    continue;
                }
                if (fields.size() == 1 && fields.getFirst().isBlank()) {
                    continue;
                }
                if (row.unterminated() || fields.size() <= Math.max(first, second)) {
                    throw new IllegalArgumentException(pairs + ":" + row.line() + ": expected name1,name2[,schema]");
                }
                Optional<EntityType> rowType = schema >= 0 && fields.size() > schema && !fields.get(schema).isBlank()
                        ? EntityType.parse(fields.get(schema)) : EntityType.parse(type);
                NameComparison c = matcher.compare(fields.get(first), fields.get(second), rowType);
                out.println(quote(fields.get(first)) + "," + quote(fields.get(second)) + ","
                        + String.format(java.util.Locale.ROOT, "%.4f", c.score()) + "," + c.match());
            }
            return 0;
        }
    }
}
