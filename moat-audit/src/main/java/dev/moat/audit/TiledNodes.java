package dev.moat.audit;

import java.util.Arrays;

/**
 * Complete subtrees of a tree stored as tlog-tiles. A tile at level L holds nodes of tree level 8L, so a node
 * at tree level 8L + k is the root of 2^k consecutive hashes of one tile, folded pairwise k times.
 */
final class TiledNodes implements NodeReader {
    /** The hashes of tile {@code (level, index)} as they stand at the tree size being read (full or partial). */
    @FunctionalInterface
    interface TileHashes {
        byte[] tile(int level, long index);
    }

    private final TileHashes tiles;

    TiledNodes(TileHashes tiles) {
        this.tiles = tiles;
    }

    @Override
    public byte[] node(int level, long index) {
        int tileLevel = level >>> 3;
        int height = level & 7;
        long first = index << height;
        long tileIndex = first >>> 8;
        int offset = (int) (first & 0xFF);
        int count = 1 << height;
        byte[] tile = tiles.tile(tileLevel, tileIndex);
        int hashSize = TreeHasher.HASH_SIZE;
        if ((offset + count) * hashSize > tile.length) {
            throw new IllegalArgumentException("node at level " + level + " index " + index + " needs hashes up to "
                    + (offset + count) + " of tile " + TilePath.hashTile(tileLevel, tileIndex, 256)
                    + ", which holds only " + tile.length / hashSize);
        }
        byte[][] hashes = new byte[count][];
        for (int i = 0; i < count; i++) {
            int from = (offset + i) * hashSize;
            hashes[i] = Arrays.copyOfRange(tile, from, from + hashSize);
        }
        return fold(hashes, count);
    }

    /** The root of a complete subtree given its leaves' (or lower nodes') hashes; count is a power of two. */
    static byte[] fold(byte[][] hashes, int count) {
        for (int width = count; width > 1; width >>= 1) {
            for (int i = 0; i < width / 2; i++) {
                hashes[i] = TreeHasher.nodeHash(hashes[2 * i], hashes[2 * i + 1]);
            }
        }
        return hashes[0];
    }
}
