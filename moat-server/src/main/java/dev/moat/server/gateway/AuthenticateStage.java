package dev.moat.server.gateway;

import dev.moat.server.identity.ApiKey;
import dev.moat.server.identity.Directory;
import java.util.Optional;

/** Finds the key the client presented ({@code Authorization: Bearer} or {@code x-api-key}) and its organisation. */
public final class AuthenticateStage implements Stage {

    private final Directory directory;

    public AuthenticateStage(Directory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<GatewayError> apply(Call call) {
        String secret = presentedSecret(call);
        if (secret == null) {
            return Optional.of(new GatewayError(401, "missing_api_key",
                    "No API key was sent. Send it as 'Authorization: Bearer KEY' or 'x-api-key: KEY'."));
        }
        Optional<ApiKey> key = directory.keyForSecret(secret);
        if (key.isEmpty()) {
            return Optional.of(new GatewayError(401, "invalid_api_key",
                    "The API key is not valid or has been revoked. Ask your organisation's administrator for a new key."));
        }
        call.key = key.get();
        call.org = directory.org(key.get().orgId()).orElse(null);
        if (call.org == null) {
            return Optional.of(new GatewayError(401, "invalid_api_key", "The API key belongs to no organisation."));
        }
        return Optional.empty();
    }

    private static String presentedSecret(Call call) {
        String authorization = call.headers.get("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String apiKey = call.headers.get("x-api-key");
        return apiKey == null ? null : apiKey.trim();
    }
}
