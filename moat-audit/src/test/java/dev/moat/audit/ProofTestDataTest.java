package dev.moat.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every inclusion, consistency, subtree inclusion and subtree consistency case of transparency-dev/merkle's golden test data. */
class ProofTestDataTest {
    private static final Path TESTDATA = SharedData.root().resolve("merkle/testdata");

    @TestFactory
    Stream<DynamicTest> inclusionCases() {
        return cases("inclusion").map(file -> dynamicTest(name(file), () -> {
            Map<?, ?> c = read(file);
            Runnable verify = () -> ProofVerifier.verifyInclusion(uint64(c.get("leafIdx")), uint64(c.get("treeSize")),
                    bytes(c.get("leafHash")), hashes(c.get("proof")), bytes(c.get("root")));
            expect(c, verify);
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyCases() {
        return cases("consistency").map(file -> dynamicTest(name(file), () -> {
            Map<?, ?> c = read(file);
            Runnable verify = () -> ProofVerifier.verifyConsistency(uint64(c.get("size1")), uint64(c.get("size2")),
                    hashes(c.get("proof")), bytes(c.get("root1")), bytes(c.get("root2")));
            expect(c, verify);
        }));
    }

    @TestFactory
    Stream<DynamicTest> subtreeInclusionCases() {
        return cases("subtreeinclusion").map(file -> dynamicTest(name(file), () -> {
            Map<?, ?> c = read(file);
            Runnable verify = c.containsKey("start")
                    ? () -> SubtreeProofVerifier.verifyInclusion(uint64(c.get("leafIdx")), uint64(c.get("start")),
                            uint64(c.get("end")), bytes(c.get("leafHash")), hashes(c.get("proof")), bytes(c.get("root")))
                    : () -> ProofVerifier.verifyInclusion(uint64(c.get("leafIdx")), uint64(c.get("treeSize")),
                            bytes(c.get("leafHash")), hashes(c.get("proof")), bytes(c.get("root")));
            expect(c, verify);
        }));
    }

    @TestFactory
    Stream<DynamicTest> subtreeConsistencyCases() {
        return cases("subtreeconsistency").map(file -> dynamicTest(name(file), () -> {
            Map<?, ?> c = read(file);
            Runnable verify = () -> SubtreeProofVerifier.verifyConsistency(uint64(c.get("start")), uint64(c.get("end")),
                    uint64(c.get("size")), hashes(c.get("proof")), bytes(c.get("root1")), bytes(c.get("root2")));
            expect(c, verify);
        }));
    }

    @Test
    void theTestDataIsThereInFull() {
        assertThat(cases("inclusion").count()).isGreaterThanOrEqualTo(98);
        assertThat(cases("consistency").count()).isGreaterThanOrEqualTo(98);
        assertThat(cases("subtreeinclusion").count() + cases("subtreeconsistency").count()).isGreaterThanOrEqualTo(322);
        assertThat(cases("inclusion").filter(f -> !wantsError(read(f))).count()).isGreaterThanOrEqualTo(5);
    }

    private static void expect(Map<?, ?> c, Runnable verify) {
        if (wantsError(c)) {
            assertThatThrownBy(verify::run).as((String) c.get("desc")).isInstanceOf(InvalidProofException.class);
        } else {
            assertThatCode(verify::run).as((String) c.get("desc")).doesNotThrowAnyException();
        }
    }

    private static boolean wantsError(Map<?, ?> c) {
        return (Boolean) c.get("wantErr");
    }

    private static Stream<Path> cases(String kind) {
        try (Stream<Path> files = Files.walk(TESTDATA.resolve(kind))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Path file) {
        return TESTDATA.relativize(file).toString();
    }

    private static Map<?, ?> read(Path file) {
        try {
            return (Map<?, ?>) JsonReader.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data holds uint64 values; the largest ones wrap to negative longs, which verifiers must refuse. */
    private static long uint64(Object value) {
        return ((BigDecimal) value).toBigIntegerExact().longValue();
    }

    private static byte[] bytes(Object value) {
        return Base64.getDecoder().decode((String) value);
    }

    private static List<byte[]> hashes(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(ProofTestDataTest::bytes).toList();
    }
}
