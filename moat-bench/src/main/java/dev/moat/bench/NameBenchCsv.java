package dev.moat.bench;

import dev.moat.screening.DelimitedRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the name benchmark's CSV files (RFC 4180: quoted fields may hold commas, quotes and line
 * breaks) into rows keyed by header name.
 */
final class NameBenchCsv {

    private NameBenchCsv() {
    }

    static List<Map<String, String>> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage()
                    + ". Run from the project root or pass -Dmoat.shared.data=DIR.", e);
        }
        List<List<String>> records = split(text);
        List<String> header = records.getFirst();
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            if (r.size() != header.size()) {
                throw new IllegalStateException(file + ": a row has " + r.size() + " fields, the header " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), r.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> split(String text) {
        return DelimitedRecords.split(text, ',').stream().map(DelimitedRecords.Row::fields).toList();
    }
}
