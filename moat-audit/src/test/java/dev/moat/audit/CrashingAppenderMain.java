package dev.moat.audit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The child process of {@link CrashRecoveryTest}: appends from several writer threads as fast as the log takes
 * entries, printing {@code ACK <index> <entry>} for every acknowledged entry, until it is killed.
 * Arguments: log directory, round number, number of writers.
 */
public final class CrashingAppenderMain {
    private CrashingAppenderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int round = Integer.parseInt(args[1]);
        int writers = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        TransparencyLog log = TransparencyLog.open(LogSettings.of(directory, "moat.test/crash")
                .withBatch(64, Duration.ofMillis(2)).withQueueCapacity(1024));
        out.println("READY " + log.size());
        out.flush();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread.ofPlatform().start(() -> {
                for (int n = 0; ; n++) {
                    byte[] entry = CanonicalJson.toBytes(Map.of("round", round, "writer", writer, "n", n));
                    try {
                        long index = log.append(entry).join();
                        synchronized (out) {
                            out.println("ACK " + index + " " + new String(entry, StandardCharsets.UTF_8));
                            out.flush();
                        }
                    } catch (CompletionException e) {
                        // Back-pressure: try the same entry number again.
                        n--;
                        Thread.onSpinWait();
                    }
                }
            });
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
