package dev.moat.server.standin;

import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Enforces the stand-in's expected upstream key, in the header each API uses. Lets everything through when no
 * key is expected. Keys are compared in constant time and never echoed in errors.
 */
final class ApiKeyCheck {

    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> expected;

    ApiKeyCheck(Optional<String> expectedKey) {
        this.expected = expectedKey.map(key -> key.getBytes(StandardCharsets.UTF_8));
    }

    /** OpenAI: {@code Authorization: Bearer KEY}. */
    void requireBearer(HttpServerRequest request) {
        if (expected.isEmpty()) {
            return;
        }
        String authorization = request.getHeader("authorization");
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw RejectedRequest.unauthenticated("You didn't provide an API key. This stand-in expects its key"
                    + " in an Authorization header using Bearer auth (Authorization: Bearer KEY).");
        }
        if (!matches(authorization.substring(BEARER.length()))) {
            throw RejectedRequest.unauthenticated(
                    "Incorrect API key provided. Send the key this stand-in was started with.");
        }
    }

    /** Anthropic: {@code x-api-key: KEY}. */
    void requireXApiKey(HttpServerRequest request) {
        if (expected.isEmpty()) {
            return;
        }
        String key = request.getHeader("x-api-key");
        if (key == null) {
            throw RejectedRequest.unauthenticated("x-api-key header is required");
        }
        if (!matches(key)) {
            throw RejectedRequest.unauthenticated("invalid x-api-key");
        }
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(expected.orElseThrow(), given.getBytes(StandardCharsets.UTF_8));
    }
}
