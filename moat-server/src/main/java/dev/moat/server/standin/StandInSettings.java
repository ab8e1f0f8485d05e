package dev.moat.server.standin;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link StandInModel} listens, which models it serves, which key it expects and how it paces replies.
 *
 * <p>Start from {@link #defaults()} and change what you need with the {@code with…} methods; every value is
 * checked when the settings are made, so a started stand-in never meets a bad one.
 *
 * @param host            the address to bind, {@code 127.0.0.1} by default
 * @param port            the port to bind; 0 (the default) picks a free one, see {@link StandInModel#port()}
 * @param models          the model names served, in the order {@code GET /v1/models} lists them
 * @param expectedApiKey  when present, requests must carry this key (OpenAI {@code Authorization: Bearer KEY},
 *                        Anthropic {@code x-api-key: KEY}) or get a 401 in the API's own error shape
 * @param firstTokenDelay the wait before the first generated token (time to first token)
 * @param chunkDelay      the wait before each further generated token
 */
public record StandInSettings(String host, int port, List<String> models, Optional<String> expectedApiKey,
                              Duration firstTokenDelay, Duration chunkDelay) {

    public static final List<String> DEFAULT_MODELS = List.of("moat-standin-small", "moat-standin-large");
    public static final Duration DEFAULT_FIRST_TOKEN_DELAY = Duration.ofMillis(150);
    public static final Duration DEFAULT_CHUNK_DELAY = Duration.ofMillis(20);

    public StandInSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(expectedApiKey, "expectedApiKey");
        Objects.requireNonNull(firstTokenDelay, "firstTokenDelay");
        Objects.requireNonNull(chunkDelay, "chunkDelay");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: blank (expected: an address such as 127.0.0.1)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535, 0 for a free port)");
        }
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models: empty (expected: at least one model name)");
        }
        if (models.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("models: " + models + " (expected: no blank names)");
        }
        if (new HashSet<>(models).size() != models.size()) {
            throw new IllegalArgumentException("models: " + models + " (expected: no name twice)");
        }
        if (expectedApiKey.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("expectedApiKey: blank (expected: a non-blank key, or empty)");
        }
        checkDelay("firstTokenDelay", firstTokenDelay);
        checkDelay("chunkDelay", chunkDelay);
    }

    /** 127.0.0.1, a free port, the two default models, no key, and the default pacing. */
    public static StandInSettings defaults() {
        return new StandInSettings("127.0.0.1", 0, DEFAULT_MODELS, Optional.empty(),
                DEFAULT_FIRST_TOKEN_DELAY, DEFAULT_CHUNK_DELAY);
    }

    public StandInSettings withHost(String newHost) {
        return new StandInSettings(newHost, port, models, expectedApiKey, firstTokenDelay, chunkDelay);
    }

    public StandInSettings withPort(int newPort) {
        return new StandInSettings(host, newPort, models, expectedApiKey, firstTokenDelay, chunkDelay);
    }

    public StandInSettings withModels(List<String> newModels) {
        return new StandInSettings(host, port, newModels, expectedApiKey, firstTokenDelay, chunkDelay);
    }

    /** Requires {@code key} on every request. */
    public StandInSettings withExpectedApiKey(String key) {
        Objects.requireNonNull(key, "key");
        return new StandInSettings(host, port, models, Optional.of(key), firstTokenDelay, chunkDelay);
    }

    public StandInSettings withPacing(Duration newFirstTokenDelay, Duration newChunkDelay) {
        return new StandInSettings(host, port, models, expectedApiKey, newFirstTokenDelay, newChunkDelay);
    }

    /** Answers as fast as it can: no time to first token, no delay between chunks (for tests). */
    public StandInSettings withoutPacing() {
        return withPacing(Duration.ZERO, Duration.ZERO);
    }

    private static void checkDelay(String name, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException(name + ": " + delay + " (expected: zero or positive)");
        }
    }
}
