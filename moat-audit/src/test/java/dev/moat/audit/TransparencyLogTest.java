package dev.moat.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransparencyLogTest {
    private static final String ORIGIN = "moat.test/audit";

    @TempDir
    Path directory;

    private LogSettings settings() {
        return LogSettings.of(directory, ORIGIN).withBatch(64, Duration.ofMillis(5));
    }

    private static byte[] entry(int writer, int n) {
        return CanonicalJson.toBytes(Map.of("kind", "admin.action", "writer", writer, "n", n));
    }

    @Test
    void concurrentAppendsGetDistinctIndicesAndEverythingReadsBack() throws Exception {
        int writers = 4;
        int perWriter = 300;
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        List<byte[]> appended = new ArrayList<>();
        try (TransparencyLog log = TransparencyLog.open(settings())) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int n = 0; n < perWriter; n++) {
                        byte[] bytes = entry(writer, n);
                        CompletableFuture<Long> future = log.append(bytes);
                        synchronized (futures) {
                            futures.add(future);
                            appended.add(bytes);
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            byte[][] byIndex = new byte[writers * perWriter][];
            for (int i = 0; i < futures.size(); i++) {
                int index = futures.get(i).get(30, TimeUnit.SECONDS).intValue();
                assertThat(byIndex[index]).as("index %d handed out twice", index).isNull();
                byIndex[index] = appended.get(i);
            }
            int size = writers * perWriter;
            assertThat(log.size()).isEqualTo(size);
            List<byte[]> entries = log.entries(0, size);
            MerkleTree tree = new MerkleTree();
            for (int i = 0; i < size; i++) {
                assertThat(entries.get(i)).isEqualTo(byIndex[i]);
                tree.appendData(entries.get(i));
            }

            SignedNote note = SignedNote.parse(log.checkpoint());
            note.verify(List.of(NoteVerifier.parse(log.verifierKey())));
            Checkpoint checkpoint = Checkpoint.parse(note.text());
            assertThat(checkpoint.origin()).isEqualTo(ORIGIN);
            assertThat(checkpoint.size()).isEqualTo(size);
            assertThat(checkpoint.root()).isEqualTo(tree.root());

            for (long index : new long[] {0, 1, 255, 256, 700, size - 1}) {
                assertThat(log.inclusionProof(index, size)).containsExactlyElementsOf(tree.inclusionProof(index, size));
                assertThat(log.inclusionProof(index, size - 1 > index ? size - 1 : size))
                        .containsExactlyElementsOf(tree.inclusionProof(index, size - 1 > index ? size - 1 : size));
            }
            for (long old : new long[] {1, 7, 256, 257, 1000, size}) {
                assertThat(log.consistencyProof(old, size)).containsExactlyElementsOf(tree.consistencyProof(old, size));
            }
            // 1200 entries: four full level-0 tiles, a partial of 176, and a level-1 partial of 4.
            assertThat(log.tile("tile/0/004.p/176")).hasValueSatisfying(tile -> assertThat(tile).hasSize(176 * 32));
            assertThat(log.tile("tile/1/000.p/4").orElseThrow()).isEqualTo(concat(tree, 8, 0, 4));
            assertThat(log.tile("tile/0/001").orElseThrow()).isEqualTo(concat(tree, 0, 256, 256));
            assertThat(EntryBundle.decode(log.tile("tile/entries/004.p/176").orElseThrow())).hasSize(176);
            assertThat(log.tile("tile/0/005")).isEmpty();
            assertThat(log.tile("tile/0/004")).isEmpty();
            assertThatThrownBy(() -> log.tile("tile/../signing.key")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.inclusionProof(0, size + 1)).hasMessageContaining("published size " + size);
        }
    }

    @Test
    void aRestartedLogContinuesTheSameTreeWithTheSameKey() throws Exception {
        byte[] firstCheckpoint;
        String key;
        try (TransparencyLog log = TransparencyLog.open(settings())) {
            for (int n = 0; n < 300; n++) {
                log.append(entry(0, n));
            }
            log.append(entry(0, 300)).get(10, TimeUnit.SECONDS);
            firstCheckpoint = log.checkpoint();
            key = log.verifierKey();
        }
        try (TransparencyLog log = TransparencyLog.open(settings())) {
            assertThat(log.verifierKey()).isEqualTo(key);
            assertThat(log.checkpoint()).isEqualTo(firstCheckpoint);
            assertThat(log.append(entry(1, 0)).get(10, TimeUnit.SECONDS)).isEqualTo(301);
            Checkpoint before = Checkpoint.parse(SignedNote.parse(firstCheckpoint).text());
            Checkpoint after = Checkpoint.parse(SignedNote.parse(log.checkpoint()).text());
            ProofVerifier.verifyConsistency(before.size(), after.size(),
                    log.consistencyProof(before.size(), after.size()), before.root(), after.root());
        }
        Path keyFile = directory.resolve("signing.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void aLogWhoseKeyIsLostRefusesToStartInsteadOfMakingANewKey() throws Exception {
        try (TransparencyLog log = TransparencyLog.open(settings())) {
            log.append(entry(0, 0)).get(10, TimeUnit.SECONDS);
        }
        Files.delete(directory.resolve("signing.key"));
        assertThatThrownBy(() -> TransparencyLog.open(settings()))
                .isInstanceOf(LogStorageException.class)
                .hasMessageContaining("has data but its signing key")
                .hasMessageContaining("Restore that file from a backup");
        assertThat(directory.resolve("signing.key")).doesNotExist();
    }

    @Test
    void aLogWithTilesButNoCheckpointIsRefused() throws Exception {
        try (TransparencyLog log = TransparencyLog.open(settings())) {
            log.append(entry(0, 0)).get(10, TimeUnit.SECONDS);
        }
        Files.delete(directory.resolve("checkpoint"));
        assertThatThrownBy(() -> TransparencyLog.open(settings())).hasMessageContaining("has tiles but no checkpoint");
    }

    @Test
    void anUnpublishedTailLeftByACrashIsDiscarded() throws Exception {
        try (TransparencyLog log = TransparencyLog.open(settings())) {
            for (int n = 0; n < 9; n++) {
                log.append(entry(0, n));
            }
            log.append(entry(0, 9)).get(10, TimeUnit.SECONDS);
        }
        // What a batch interrupted before its checkpoint leaves behind: wider partials and a full tile.
        Path strayPartial = directory.resolve("tile/0/000.p/12");
        Path strayBundle = directory.resolve("tile/entries/000.p/12");
        Path strayFull = directory.resolve("tile/0/000");
        Path strayTemp = directory.resolve("tile/0/000.p/13.tmp");
        for (Path stray : List.of(strayPartial, strayBundle, strayFull, strayTemp)) {
            Files.createDirectories(stray.getParent());
            Files.write(stray, new byte[] {1, 2, 3});
        }
        try (TransparencyLog log = TransparencyLog.open(settings())) {
            assertThat(log.size()).isEqualTo(10);
            for (Path stray : List.of(strayPartial, strayBundle, strayFull, strayTemp)) {
                assertThat(stray).doesNotExist();
            }
            assertThat(log.append(entry(1, 0)).get(10, TimeUnit.SECONDS)).isEqualTo(10);
            assertThat(log.append(entry(1, 1)).get(10, TimeUnit.SECONDS)).isEqualTo(11);
        }
        VerifiedCheckpoint verified = new LogVerifier(new DirectoryLogSource(directory),
                new DirectoryLogSource(directory).localVerifierKey().orElseThrow()).verify(java.util.Optional.empty());
        assertThat(verified.size()).isEqualTo(12);
    }

    @Test
    void aFullQueueIsReportedToTheCallerNotDropped() throws Exception {
        LogSettings tight = LogSettings.of(directory, ORIGIN).withBatch(2, Duration.ofMinutes(1)).withQueueCapacity(2);
        try (TransparencyLog log = TransparencyLog.open(tight)) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // The first batch (two entries) completes its futures on the integration thread; holding that
            // thread in a callback keeps later entries waiting in the queue, deterministically.
            CompletableFuture<Long> first = log.append(entry(0, 0));
            first.thenRun(() -> {
                blocked.countDown();
                awaitQuietly(release);
            });
            CompletableFuture<Long> second = log.append(entry(0, 1));
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Long> third = log.append(entry(0, 2));
            CompletableFuture<Long> fourth = log.append(entry(0, 3));
            CompletableFuture<Long> rejected = log.append(entry(0, 4));
            assertThat(rejected).isCompletedExceptionally();
            assertThatThrownBy(rejected::join).hasCauseInstanceOf(LogBackPressureException.class)
                    .hasMessageContaining("queue is full");
            release.countDown();
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(fourth.get(10, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(log.size()).isEqualTo(4);
        }
    }

    @Test
    void aFullBatchAndClosingDoNotWaitOutTheBatchInterval() throws Exception {
        // An interval far longer than the waits below: only the integrator being woken can meet them.
        TransparencyLog log = TransparencyLog.open(
                LogSettings.of(directory, ORIGIN).withBatch(4, Duration.ofMinutes(10)));
        List<CompletableFuture<Long>> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(log.append(entry(0, i)));
        }
        for (int i = 0; i < 4; i++) {
            assertThat(batch.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(i);
        }
        CompletableFuture<Long> last = log.append(entry(0, 4));
        assertTimeoutPreemptively(Duration.ofSeconds(60), log::close, "close waited out the batch interval");
        assertThat(last).isCompletedWithValue(4L);
    }

    @Test
    void entriesThatCannotBeServedOnePerLineAreRefused() {
        try (TransparencyLog log = TransparencyLog.open(settings())) {
            assertThatThrownBy(() -> log.append("a\nb".getBytes(StandardCharsets.UTF_8)))
                    .hasMessageContaining("newline");
            assertThatThrownBy(() -> log.append(new byte[70_000])).hasMessageContaining("expected: 0..65535 bytes");
        }
    }

    @Test
    void aClosedLogRefusesNewEntries() {
        TransparencyLog log = TransparencyLog.open(settings());
        log.close();
        assertThatThrownBy(() -> log.append(entry(0, 0)).get()).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void configuredWitnessesCanCosignTheCurrentCheckpoint() throws Exception {
        byte[] witnessSeed = Ed25519.newSeed();
        NoteVerifier witness = NoteVerifier.of("witness.test/w1", NoteVerifier.COSIGNATURE_V1, Ed25519.publicKeyOf(witnessSeed));
        try (TransparencyLog log = TransparencyLog.open(settings().withWitnesses(List.of(witness)))) {
            log.append(entry(0, 0)).get(10, TimeUnit.SECONDS);
            assertThat(log.cosignedCheckpoint()).isEmpty();
            String text = SignedNote.parse(log.checkpoint()).text();
            String cosignature = cosign(witness, witnessSeed, text, 1_800_000_000L);
            log.addCosignature(cosignature);

            SignedNote served = SignedNote.parse(log.checkpoint());
            assertThat(served.signatures()).hasSize(2);
            assertThat(served.verify(List.of(witness))).hasSize(1);
            assertThat(served.verify(List.of(NoteVerifier.parse(log.verifierKey())))).hasSize(1);

            String forged = cosign(witness, Ed25519.newSeed(), text, 1_800_000_000L);
            assertThatThrownBy(() -> log.addCosignature(forged)).hasMessageContaining("does not verify");
            byte[] strangerSeed = Ed25519.newSeed();
            NoteVerifier stranger = NoteVerifier.of("stranger.test", NoteVerifier.COSIGNATURE_V1, Ed25519.publicKeyOf(strangerSeed));
            assertThatThrownBy(() -> log.addCosignature(cosign(stranger, strangerSeed, text, 1L)))
                    .hasMessageContaining("no witness named stranger.test");

            log.append(entry(0, 1)).get(10, TimeUnit.SECONDS);
            assertThat(SignedNote.parse(log.checkpoint()).signatures()).as("cosignatures belong to one checkpoint").hasSize(1);
            SignedNote lastWitnessed = SignedNote.parse(log.cosignedCheckpoint().orElseThrow());
            assertThat(lastWitnessed.text()).isEqualTo(text);
            assertThat(lastWitnessed.verify(List.of(witness))).hasSize(1);
            assertThatThrownBy(() -> log.addCosignature(cosignature)).hasMessageContaining("current checkpoint");
        }
    }

    static String cosign(NoteVerifier witness, byte[] seed, String text, long timestamp) {
        byte[] signature = Ed25519.sign(seed, NoteVerifier.cosignedMessage(timestamp, text.getBytes(StandardCharsets.UTF_8)));
        byte[] payload = ByteBuffer.allocate(8 + 64).putLong(timestamp).put(signature).array();
        return new NoteSignature(witness.name(), witness.keyId(), payload).toLine();
    }

    private static byte[] concat(MerkleTree tree, int level, long first, int count) {
        ByteBuffer bytes = ByteBuffer.allocate(count * 32);
        for (int i = 0; i < count; i++) {
            bytes.put(tree.node(level, first + i));
        }
        return bytes.array();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
