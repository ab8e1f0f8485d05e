package dev.moat.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is appending from several threads at random moments, several rounds in a row, and
 * checks after each restart that every acknowledged entry is present at its index and that every checkpoint
 * observed while the child ran is consistent with the recovered log.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = 4;
    private static final int WRITERS = 4;

    @TempDir
    Path directory;

    @Test
    void acknowledgedEntriesAndPublishedCheckpointsSurviveKillDashNine() throws Exception {
        Random random = new Random(20261127L);
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        Set<String> checkpointsSeen = new LinkedHashSet<>();
        NoteVerifier key = null;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = start(round);
            CountDownLatch ready = new CountDownLatch(1);
            Thread reader = Thread.ofPlatform().start(() -> readAcks(child, acknowledged, ready));
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child started").isTrue();
            // Kill after a random number of acknowledgements plus a random delay, so the kill lands anywhere in
            // a batch: while entries are queued, tiles written, or a checkpoint renamed.
            int killAfterAcks = acknowledged.size() + 1 + random.nextInt(40);
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(300));
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < killAt || acknowledged.size() < killAfterAcks) {
                assertThat(System.nanoTime()).as("round %d: the child acknowledges entries", round).isLessThan(giveUp);
                TileFiles.readFile(directory.resolve("checkpoint"))
                        .ifPresent(bytes -> checkpointsSeen.add(new String(bytes, StandardCharsets.UTF_8)));
                Thread.sleep(random.nextInt(15));
            }
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join();

            try (TransparencyLog log = TransparencyLog.open(LogSettings.of(directory, "moat.test/crash"))) {
                if (key == null) {
                    key = NoteVerifier.parse(log.verifierKey());
                }
                long size = log.size();
                assertThat(size).as("round %d: acknowledged entries are all in the tree", round)
                        .isGreaterThan(acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElse(-1));
                for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
                    byte[] stored = log.entries(ack.getKey(), ack.getKey() + 1).getFirst();
                    assertThat(new String(stored, StandardCharsets.UTF_8)).as("entry %d", ack.getKey()).isEqualTo(ack.getValue());
                }
                Checkpoint current = Checkpoint.parse(SignedNote.parse(log.checkpoint()).text());
                for (String seen : checkpointsSeen) {
                    SignedNote note = SignedNote.parse(seen.getBytes(StandardCharsets.UTF_8));
                    note.verify(List.of(key));
                    Checkpoint earlier = Checkpoint.parse(note.text());
                    assertThat(earlier.size()).isLessThanOrEqualTo(current.size());
                    if (earlier.size() > 0) {
                        ProofVerifier.verifyConsistency(earlier.size(), current.size(),
                                log.consistencyProof(earlier.size(), current.size()), earlier.root(), current.root());
                    }
                }
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ROUNDS);
        assertThat(checkpointsSeen).isNotEmpty();
        DirectoryLogSource source = new DirectoryLogSource(directory);
        assertThat(new LogVerifier(source, key).verify(Optional.empty()).size()).isGreaterThanOrEqualTo(acknowledged.size());
    }

    private Process start(int round) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashingAppenderMain.class.getName(),
                directory.toString(), Integer.toString(round), Integer.toString(WRITERS)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void readAcks(Process child, Map<Long, String> acknowledged, CountDownLatch ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("READY")) {
                    ready.countDown();
                } else if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ", 3);
                    // A line cut short by the kill is ignored: the test checks the acknowledgements it saw whole.
                    if (parts.length == 3 && parts[2].endsWith("}")) {
                        acknowledged.put(Long.parseLong(parts[1]), parts[2]);
                    }
                }
            }
        } catch (IOException e) {
            // The pipe closes when the child is killed.
        }
    }
}
