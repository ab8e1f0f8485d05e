package dev.moat.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Hostile input for every parser: random bytes, real files cut at random places, real files in
 * the wrong encoding, rows shuffled with garbage. Whatever comes in, loading either returns
 * entries with a report or fails with {@link ListFormatException}; never anything else.
 */
class ListParserFuzzTest {

    private static final List<String> REAL = List.of("csl/consolidated-sample.csv", "csl/csl-2019-sample.csv", "dpl.txt",
            "un/UN_consolidated.xml", "ofac-sdn-2021/sdn.csv");
    private static final List<String> NAMES = List.of("sdn.csv", "consolidated.csv", "dpl.txt", "un.xml", "list.csv");

    private Path dir;

    @BeforeProperty
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("moat-fuzz");
    }

    @AfterProperty
    void deleteDirectory() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Property(tries = 60)
    void randomBytesNeverCrashTheLoader(@ForAll("garbage") byte[] bytes, @ForAll("fileNames") String name)
            throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        loadSafely(file);
    }

    private static final java.util.Map<String, Integer> COMPLETE = new java.util.concurrent.ConcurrentHashMap<>();

    @Property(tries = 25)
    void truncatedRealFilesKeepWhatIsWholeAndReportTheRest(@ForAll("realFiles") String real,
            @ForAll @IntRange(min = 1, max = 99) int percent) throws IOException {
        byte[] all = Files.readAllBytes(SharedData.sanctions(real));
        Path file = dir.resolve(Path.of(real).getFileName().toString());
        Files.write(file, java.util.Arrays.copyOf(all, all.length * percent / 100));
        LoadedLists lists = loadSafely(file);
        if (lists != null) {
            int complete = COMPLETE.computeIfAbsent(real,
                    r -> ListLoader.load(List.of(SharedData.sanctions(r))).entities().size());
            assertThat(lists.entities().size()).isLessThanOrEqualTo(complete);
            assertThat(lists.entities()).allSatisfy(e -> assertThat(e.name()).isNotBlank());
        }
    }

    @Property(tries = 10)
    void realFilesInUtf16AreRejectedOrReported(@ForAll("realFiles") String real) throws IOException {
        String text = Files.readString(SharedData.sanctions(real), StandardCharsets.UTF_8);
        Path file = dir.resolve(Path.of(real).getFileName().toString());
        Files.write(file, text.getBytes(StandardCharsets.UTF_16));
        LoadedLists lists = loadSafely(file);
        if (lists != null) {
            assertThat(lists.report().problems()).isNotEmpty();
        }
    }

    @Property(tries = 40)
    void garbageRowsAmongRealRowsAreReportedOneByOne(@ForAll("garbageLines") List<String> lines) throws IOException {
        Path file = dir.resolve("consolidated.csv");
        String header = Files.readAllLines(SharedData.sanctions("csl/consolidated-sample.csv")).getFirst();
        Files.writeString(file, header + "\n" + String.join("\n", lines) + "\n");
        LoadedLists lists = ListLoader.load(List.of(file));
        assertThat(lists.report().problems()).allSatisfy(p -> {
            assertThat(p.file()).endsWith("consolidated.csv");
            assertThat(p.line()).isGreaterThan(1);
            assertThat(p.reason()).isNotBlank();
        });
    }

    private static LoadedLists loadSafely(Path file) {
        try {
            return ListLoader.load(List.of(file));
        } catch (ListFormatException expected) {
            assertThat(expected.getMessage()).contains(file.getFileName().toString());
            return null;
        }
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
    }

    @Provide
    Arbitrary<String> fileNames() {
        return Arbitraries.of(NAMES);
    }

    @Provide
    Arbitrary<String> realFiles() {
        return Arbitraries.of(REAL);
    }

    @Provide
    Arbitrary<List<String>> garbageLines() {
        Arbitrary<String> junk = Arbitraries.strings().withChars("abc,;\"\t\n-0 ").ofMaxLength(80);
        Arbitrary<String> row = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)
                .map(n -> "\"\",\"Entity List (EL) - Bureau\",\"\",\"\",\"\",\"" + n + "\"" + ",\"\"".repeat(23));
        return Arbitraries.oneOf(junk, row).list().ofMinSize(1).ofMaxSize(20);
    }
}
