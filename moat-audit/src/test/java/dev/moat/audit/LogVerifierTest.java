package dev.moat.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier against a real log directory, pristine and deliberately damaged in each way. */
class LogVerifierTest {
    private static final String ORIGIN = "moat.test/audit";
    private static final int SIZE = 700;

    @TempDir
    static Path shared;
    static Path pristine;

    @TempDir
    Path work;

    @BeforeAll
    static void writeALog() throws Exception {
        pristine = shared.resolve("pristine");
        appendEntries(pristine, 0, SIZE, "a");
    }

    private static void appendEntries(Path directory, int from, int to, String tag) throws Exception {
        try (TransparencyLog log = TransparencyLog.open(LogSettings.of(directory, ORIGIN).withBatch(100, Duration.ofMillis(5)))) {
            for (int n = from; n < to - 1; n++) {
                log.appendJson(Map.of("kind", "access.decision", "n", n, "tag", tag));
            }
            log.appendJson(Map.of("kind", "access.decision", "n", to - 1, "tag", tag)).get(30, TimeUnit.SECONDS);
        }
    }

    private Path copy(Path source) {
        Path target = work.resolve("log-" + System.nanoTime());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(source.relativize(file).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static VerifiedCheckpoint verify(Path directory, Optional<Path> state) {
        DirectoryLogSource source = new DirectoryLogSource(directory);
        return new LogVerifier(source, source.localVerifierKey().orElseThrow()).verify(state);
    }

    @Test
    void anIntactLogVerifies() {
        VerifiedCheckpoint verified = verify(pristine, Optional.empty());
        assertThat(verified.size()).isEqualTo(SIZE);
        assertThat(verified.origin()).isEqualTo(ORIGIN);
        assertThat(verified.summary()).contains("700 entries", verified.rootHex());
    }

    @Test
    void anEditedEntryIsNamed() throws IOException {
        Path log = copy(pristine);
        Path bundle = log.resolve("tile/entries/001");
        List<byte[]> entries = EntryBundle.decode(Files.readAllBytes(bundle));
        entries.set(44, new String(entries.get(44)).replace("access.decision", "access.decisioN").getBytes());
        Files.write(bundle, EntryBundle.encode(entries));
        assertThatThrownBy(() -> verify(log, Optional.empty())).isInstanceOf(LogVerificationException.class)
                .hasMessageContaining("entry 300 (in tile/entries/001)")
                .hasMessageContaining("altered");
    }

    @Test
    void swappedEntriesAreNamed() throws IOException {
        Path log = copy(pristine);
        Path bundle = log.resolve("tile/entries/000");
        List<byte[]> entries = new ArrayList<>(EntryBundle.decode(Files.readAllBytes(bundle)));
        Collections.swap(entries, 7, 8);
        Files.write(bundle, EntryBundle.encode(entries));
        assertThatThrownBy(() -> verify(log, Optional.empty())).hasMessageContaining("entry 7 (in tile/entries/000)");
    }

    @Test
    void anEditedHashTileIsNamed() throws IOException {
        Path log = copy(pristine);
        Path tile = log.resolve("tile/0/001");
        byte[] bytes = Files.readAllBytes(tile);
        bytes[5 * 32 + 3] ^= 1;
        Files.write(tile, bytes);
        assertThatThrownBy(() -> verify(log, Optional.empty())).hasMessageContaining("hash tile tile/0/001 is corrupt: hash 5");
    }

    @Test
    void anEditedCheckpointIsRefused() throws IOException {
        Path log = copy(pristine);
        Path checkpoint = log.resolve("checkpoint");
        Files.writeString(checkpoint, Files.readString(checkpoint).replace("\n700\n", "\n699\n"));
        assertThatThrownBy(() -> verify(log, Optional.empty()))
                .hasMessageContaining("checkpoint from " + log)
                .hasMessageContaining("does not verify");
    }

    @Test
    void aTruncatedLogIsNamed() throws IOException {
        Path log = copy(pristine);
        Path bundle = log.resolve("tile/entries/002.p/188");
        byte[] bytes = Files.readAllBytes(bundle);
        Files.write(bundle, Arrays.copyOf(bytes, bytes.length - 30));
        assertThatThrownBy(() -> verify(log, Optional.empty()))
                .hasMessageContaining("entry bundle tile/entries/002.p/188 is damaged or truncated");

        Files.delete(bundle);
        assertThatThrownBy(() -> verify(log, Optional.empty()))
                .hasMessageContaining("tile/entries/002.p/188 is missing").hasMessageContaining("truncated");
    }

    @Test
    void theStateFileCarriesTrustForwardAndCatchesRollbackAndFork() throws Exception {
        Path state = work.resolve("state");
        Path log = copy(pristine);
        Path older = copy(pristine);
        Path forked = copy(pristine);

        assertThat(verify(log, Optional.of(state)).previouslyVerifiedSize()).isEmpty();
        appendEntries(log, SIZE, SIZE + 300, "a");
        VerifiedCheckpoint grown = verify(log, Optional.of(state));
        assertThat(grown.previouslyVerifiedSize()).hasValue(SIZE);
        assertThat(grown.summary()).contains("consistent with the previously verified size 700");

        assertThatThrownBy(() -> verify(older, Optional.of(state)))
                .hasMessageContaining("rollback: the log's checkpoint has 700 entries but a checkpoint with 1000");

        appendEntries(forked, SIZE, SIZE + 300, "b");
        assertThatThrownBy(() -> verify(forked, Optional.of(state))).hasMessageContaining("fork: the log's checkpoint for size 1000");

        appendEntries(forked, SIZE + 300, SIZE + 400, "b");
        assertThatThrownBy(() -> verify(forked, Optional.of(state))).hasMessageContaining("fork: the first 1000 entries now give root");
    }

    @Test
    void aStateFileFromAnotherKeyIsRefused() throws Exception {
        Path state = work.resolve("state");
        verify(pristine, Optional.of(state));
        Path other = work.resolve("other");
        appendEntries(other, 0, 3, "c");
        assertThatThrownBy(() -> verify(other, Optional.of(state))).hasMessageContaining("state file");
    }
}
