package dev.moat.server.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An API credential of an account. The secret is never kept: {@code secretSha256} is the hex
 * SHA-256 of it, which is what requests are matched against.
 *
 * @param models the models this key may call; empty means every model the gateway serves
 */
public record ApiKey(
        String id,
        String orgId,
        String accountId,
        String name,
        String secretSha256,
        Set<String> models,
        Limits limits,
        Instant createdAt,
        Optional<Instant> revokedAt) {

    public ApiKey {
        models = Set.copyOf(models);
    }

    public boolean entitledTo(String model) {
        return models.isEmpty() || models.contains(model);
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
