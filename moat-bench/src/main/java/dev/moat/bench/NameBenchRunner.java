package dev.moat.bench;

import dev.moat.screening.EntityType;
import dev.moat.screening.NameComparison;
import dev.moat.screening.NameMatcher;
import dev.moat.screening.ScreeningSettings;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Moat's name matcher against OpenSanctions' labelled name pairs ({@code names/name_bench_cases.csv},
 * 826 pairs), side by side with OpenSanctions' logic-v2 on the same rows
 * ({@code names/name_bench_logicv2_results.csv}, the 812 pairs it scored). Prints precision, recall,
 * F1 and accuracy overall and per {@code case_group}, then Moat's numbers at other match thresholds;
 * with {@code --misses} also every pair Moat gets wrong. The matcher runs with its default settings; nothing here is tuned per case.
 *
 * <pre>java -cp ... dev.moat.bench.NameBenchRunner [--misses] [-Dmoat.shared.data=DIR]</pre>
 */
public final class NameBenchRunner {

    private NameBenchRunner() {
    }

    public static void main(String[] args) {
        boolean misses = List.of(args).contains("--misses");
        Path names = Path.of(System.getProperty("moat.shared.data", "../shared/data")).resolve("names");
        List<Map<String, String>> cases = NameBenchCsv.read(names.resolve("name_bench_cases.csv"));
        // logic-v2's file renames some case groups, and a few pairs occur twice: rows are joined on
        // schema and both names, the n-th occurrence of a pair with the n-th scored one.
        Map<String, ArrayDeque<Boolean>> logicV2 = new HashMap<>();
        List<Map<String, String>> peerRows = NameBenchCsv.read(names.resolve("name_bench_logicv2_results.csv"));
        for (Map<String, String> r : peerRows) {
            logicV2.computeIfAbsent(key(r), k -> new ArrayDeque<>()).add(Boolean.parseBoolean(r.get("predicted_match")));
        }
        NameMatcher matcher = new NameMatcher();
        Map<String, NameBenchScore[]> byGroup = new TreeMap<>();
        NameBenchScore[] overall = scores();
        List<String> wrong = new ArrayList<>();
        for (Map<String, String> c : cases) {
            boolean actual = Boolean.parseBoolean(c.get("is_match"));
            NameComparison result = matcher.compare(c.get("name1"), c.get("name2"), type(c.get("schema")));
            ArrayDeque<Boolean> peerQueue = logicV2.get(key(c));
            Boolean peer = peerQueue == null ? null : peerQueue.poll();
            NameBenchScore[] group = byGroup.computeIfAbsent(c.get("case_group"), g -> scores());
            for (NameBenchScore[] s : List.of(overall, group)) {
                s[0].add(result.match(), actual);
                if (peer != null) {
                    s[1].add(result.match(), actual);
                    s[2].add(peer, actual);
                }
            }
            if (result.match() != actual) {
                wrong.add(String.format(Locale.ROOT, "%s %.3f  %s | %s  (%s)", actual ? "FN" : "FP", result.score(),
                        c.get("name1"), c.get("name2"), c.get("case_group")));
            }
        }
        System.out.println("Name matching on OpenSanctions' labelled pairs (" + cases.size() + " cases, "
                + peerRows.size() + " scored by logic-v2); Moat threshold "
                + ScreeningSettings.DEFAULTS.matchThreshold());
        System.out.println();
        print("overall", overall);
        byGroup.forEach(NameBenchRunner::print);
        System.out.println();
        System.out.println("moat overall by match threshold");
        for (double threshold : new double[] {0.70, 0.75, 0.80, 0.85, 0.90, 0.92}) {
            NameBenchScore sweep = new NameBenchScore();
            NameMatcher at = new NameMatcher(new ScreeningSettings(threshold, threshold, Math.max(threshold, 0.92), 64, 20));
            for (Map<String, String> c : cases) {
                sweep.add(at.compare(c.get("name1"), c.get("name2"), type(c.get("schema"))).match(),
                        Boolean.parseBoolean(c.get("is_match")));
            }
            System.out.printf(Locale.ROOT, "  %.2f  %s%n", threshold, sweep.summary());
        }
        if (misses) {
            System.out.println();
            wrong.forEach(System.out::println);
        }
    }

    private static NameBenchScore[] scores() {
        return new NameBenchScore[] {new NameBenchScore(), new NameBenchScore(), new NameBenchScore()};
    }

    private static void print(String group, NameBenchScore[] s) {
        System.out.println(group);
        System.out.println("  moat, all rows           " + s[0].summary());
        System.out.println("  moat, logic-v2's rows    " + s[1].summary());
        System.out.println("  logic-v2, same rows      " + s[2].summary());
    }

    private static String key(Map<String, String> row) {
        return String.join("\u0001", row.get("schema"), row.get("name1"), row.get("name2"));
    }

    /** FollowTheMoney schemata: a LegalEntity may be a person or a company, so its type stays open. */
    private static Optional<EntityType> type(String schema) {
        return switch (schema) {
            case "Person" -> Optional.of(EntityType.PERSON);
            case "Vessel" -> Optional.of(EntityType.VESSEL);
            case "Company", "Organization" -> Optional.of(EntityType.ORGANIZATION);
            default -> Optional.empty();
        };
    }
}
