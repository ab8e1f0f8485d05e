package dev.moat.server.identity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory view of organisations and active keys that every request reads. It is loaded from
 * the store at start and updated by the admin API right after each committed change, so a revoked
 * key or a suspended organisation is refused from the next request on, and the request path never
 * waits on disk. Key lookup is one SHA-256 and one hash-map probe, whatever the number of keys.
 */
public final class Directory {

    private final Map<String, ApiKey> keysBySecretHash = new ConcurrentHashMap<>();
    private final Map<String, ApiKey> keysById = new ConcurrentHashMap<>();
    private final Map<String, Organisation> orgs = new ConcurrentHashMap<>();

    public Directory(Collection<Organisation> organisations, Collection<ApiKey> activeKeys) {
        organisations.forEach(this::putOrg);
        activeKeys.forEach(this::putKey);
    }

    /** The active key whose secret is {@code secret}, if any. */
    public Optional<ApiKey> keyForSecret(String secret) {
        if (!secret.startsWith(KeySecrets.PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(keysBySecretHash.get(KeySecrets.sha256Hex(secret)));
    }

    /** The active key with this id. */
    public Optional<ApiKey> key(String id) {
        return Optional.ofNullable(keysById.get(id));
    }

    public Optional<Organisation> org(String id) {
        return Optional.ofNullable(orgs.get(id));
    }

    public void putOrg(Organisation org) {
        orgs.put(org.id(), org);
    }

    public void putKey(ApiKey key) {
        if (key.revoked()) {
            removeKey(key.id());
            return;
        }
        keysBySecretHash.put(key.secretSha256(), key);
        keysById.put(key.id(), key);
    }

    public void removeKey(String keyId) {
        ApiKey removed = keysById.remove(keyId);
        if (removed != null) {
            keysBySecretHash.remove(removed.secretSha256());
        }
    }

    public int keyCount() {
        return keysById.size();
    }
}
