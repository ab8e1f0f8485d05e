package dev.moat.bench;

import dev.moat.screening.ListedEntity;
import dev.moat.screening.ScreeningIndex;
import dev.moat.screening.ScreeningSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The screening benchmark's inputs: the full 2021 OFAC SDN list with its aliases and addresses,
 * and a fixed, seeded mix of 4,096 queries: a third exact listed names (primary or alias), a third
 * listed names with one typo (a letter dropped, doubled or swapped with its neighbour), a third
 * names made of random syllables that match nothing, as most real customers do.
 */
final class ScreeningBenchmarkData {

    static final int QUERIES = 4096;
    private static final String[] SYLLABLES = {"ka", "ro", "mi", "len", "sa", "tor", "vin", "de", "bru", "na", "gel",
        "fo", "ster", "ly", "man", "qui", "zo", "har", "pet", "ul"};

    private ScreeningBenchmarkData() {
    }

    static Path sdnDirectory() {
        Path dir = Path.of(System.getProperty("moat.shared.data", "../shared/data"), "sanctions", "ofac-sdn-2021");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir.toAbsolutePath()
                    + " is missing; run from the project root or pass -Dmoat.shared.data=DIR");
        }
        return dir;
    }

    static ScreeningIndex sdnIndex() {
        return ScreeningIndex.load(List.of(sdnDirectory()), ScreeningSettings.DEFAULTS);
    }

    static String[] queries(ScreeningIndex index) {
        List<String> listed = new ArrayList<>();
        for (ListedEntity e : index.entities()) {
            listed.addAll(e.allNames());
        }
        SplittableRandom random = new SplittableRandom(20261127);
        String[] out = new String[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String name = listed.get(random.nextInt(listed.size()));
            out[i] = switch (i % 3) {
                case 0 -> name;
                case 1 -> typo(name, random);
                default -> invented(random);
            };
        }
        return out;
    }

    private static String typo(String name, SplittableRandom random) {
        if (name.length() < 4) {
            return name;
        }
        int at = 1 + random.nextInt(name.length() - 2);
        StringBuilder b = new StringBuilder(name);
        switch (random.nextInt(3)) {
            case 0 -> b.deleteCharAt(at);
            case 1 -> b.insert(at, name.charAt(at));
            default -> {
                char c = b.charAt(at);
                b.setCharAt(at, b.charAt(at + 1));
                b.setCharAt(at + 1, c);
            }
        }
        return b.toString();
    }

    private static String invented(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        int words = 2 + random.nextInt(2);
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                b.append(' ');
            }
            int syllables = 2 + random.nextInt(2);
            for (int s = 0; s < syllables; s++) {
                b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
        }
        return b.toString();
    }
}
