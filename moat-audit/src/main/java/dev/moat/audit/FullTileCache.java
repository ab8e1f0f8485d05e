package dev.moat.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recently used full tiles or entry bundles. Full ones never change once written, so caching them is safe;
 * proofs touch the same upper tiles over and over. Thread-safe.
 */
final class FullTileCache<V> {
    private final Map<TilePath, V> tiles;

    FullTileCache(int capacity) {
        this.tiles = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TilePath, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<V> get(TilePath path) {
        return Optional.ofNullable(tiles.get(path));
    }

    synchronized void put(TilePath path, V value) {
        tiles.put(path, value);
    }
}
