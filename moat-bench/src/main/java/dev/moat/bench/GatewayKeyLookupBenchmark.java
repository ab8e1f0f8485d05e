package dev.moat.bench;

import dev.moat.server.identity.ApiKey;
import dev.moat.server.identity.Directory;
import dev.moat.server.identity.KeySecrets;
import dev.moat.server.identity.Limits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The authenticate stage's key lookup ({@link Directory#keyForSecret}) among 100,000 active keys:
 * a hit, a well-formed miss, and the SHA-256 alone. {@code sha256HexReusedDigest} is the local
 * experiment for the fix proposed in docs/benchmarks.md: the same hex digest from a per-thread
 * {@link MessageDigest} instead of {@code MessageDigest.getInstance} on every call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GatewayKeyLookupBenchmark {

    private static final int KEYS = 100_000;
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    });

    private Directory directory;
    private String[] secrets;
    private String[] unknown;
    private int cursor;

    @Setup
    public void setUp() {
        List<ApiKey> keys = new ArrayList<>(KEYS);
        secrets = new String[1024];
        unknown = new String[1024];
        Instant created = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < KEYS; i++) {
            String secret = KeySecrets.newSecret();
            if (i < secrets.length) {
                secrets[i] = secret;
                unknown[i] = KeySecrets.newSecret();
            }
            keys.add(new ApiKey("key_" + i, "org_" + (i % 5000), "acct_" + i, "key " + i, KeySecrets.sha256Hex(secret),
                    Set.of("model-a"), Limits.NONE, created, Optional.empty()));
        }
        directory = new Directory(List.of(), keys);
    }

    private int next() {
        cursor = (cursor + 1) & 1023;
        return cursor;
    }

    @Benchmark
    public Optional<ApiKey> lookupHit() {
        return directory.keyForSecret(secrets[next()]);
    }

    @Benchmark
    public Optional<ApiKey> lookupMiss() {
        return directory.keyForSecret(unknown[next()]);
    }

    @Benchmark
    public String sha256Hex() {
        return KeySecrets.sha256Hex(secrets[next()]);
    }

    @Benchmark
    public String sha256HexReusedDigest() {
        MessageDigest digest = DIGEST.get();
        return HexFormat.of().formatHex(digest.digest(secrets[next()].getBytes(StandardCharsets.UTF_8)));
    }
}
