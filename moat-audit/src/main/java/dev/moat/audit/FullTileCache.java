package dev.moat.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recently used full tiles and entry bundles. Full tiles never change once written, so caching them is safe;
 * proofs touch the same few upper tiles over and over. Thread-safe.
 */
final class FullTileCache {
    private final Map<TilePath, byte[]> tiles;

    FullTileCache(int capacity) {
        this.tiles = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TilePath, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<byte[]> get(TilePath path) {
        return Optional.ofNullable(tiles.get(path));
    }

    synchronized void put(TilePath path, byte[] bytes) {
        tiles.put(path, bytes);
    }
}
