package dev.moat.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Guards the matcher's quality on OpenSanctions' labelled name pairs (the full report with
 * per-group numbers and logic-v2 side by side is {@code dev.moat.bench.NameBenchRunner}).
 */
class NameBenchQualityTest {

    @Test
    void beatsTheTargetOnTheLabelledNamePairs() throws IOException {
        String csv = Files.readString(SharedData.root().resolve("names/name_bench_cases.csv"), StandardCharsets.UTF_8);
        List<DelimitedRecords.Row> rows = DelimitedRecords.split(csv, ',');
        NameMatcher matcher = new NameMatcher();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (DelimitedRecords.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            boolean truth = Boolean.parseBoolean(f.get(4));
            boolean predicted = matcher.compare(f.get(2), f.get(3), schemaType(f.get(1))).match();
            if (predicted && truth) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (truth) {
                fn++;
            } else {
                tn++;
            }
        }
        double precision = (double) tp / (tp + fp);
        double recall = (double) tp / (tp + fn);
        double f1 = 2 * precision * recall / (precision + recall);

        assertThat(tp + fp + fn + tn).isEqualTo(826);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.85);
        assertThat(f1).as("F1").isGreaterThanOrEqualTo(0.85);
    }

    /** The bench's FollowTheMoney schemata: LegalEntity may be a person or a company. */
    static Optional<EntityType> schemaType(String schema) {
        return switch (schema) {
            case "Person" -> Optional.of(EntityType.PERSON);
            case "Vessel" -> Optional.of(EntityType.VESSEL);
            case "Company", "Organization" -> Optional.of(EntityType.ORGANIZATION);
            default -> Optional.empty();
        };
    }
}
