package dev.moat.audit;

import java.util.Arrays;

/**
 * The hashes of one tile and every complete subtree above them inside the tile, computed once: heights 0 to 8
 * of the 256-wide slice of the tree the tile covers. Serving a proof then reads nodes instead of re-hashing
 * up to 127 pairs per node. A full tile costs 255 extra hashes to build and about 8 KB more memory.
 * Immutable.
 */
final class TileTree {
    private final byte[][] levels;

    private TileTree(byte[][] levels) {
        this.levels = levels;
    }

    /** Builds the tree of a tile from its concatenated hashes (a full or partial tile, or none). */
    static TileTree of(byte[] hashes) {
        int size = TreeHasher.HASH_SIZE;
        if (hashes.length % size != 0 || hashes.length > TilePath.FULL_WIDTH * size) {
            throw new IllegalArgumentException("a tile of " + hashes.length + " bytes (expected: a multiple of "
                    + size + ", at most " + TilePath.FULL_WIDTH * size + ")");
        }
        byte[][] levels = new byte[9][];
        levels[0] = hashes.clone();
        for (int height = 1; height <= 8; height++) {
            byte[] below = levels[height - 1];
            int count = below.length / size / 2;
            byte[] level = new byte[count * size];
            for (int i = 0; i < count; i++) {
                byte[] node = TreeHasher.nodeHash(Arrays.copyOfRange(below, 2 * i * size, (2 * i + 1) * size),
                        Arrays.copyOfRange(below, (2 * i + 1) * size, (2 * i + 2) * size));
                System.arraycopy(node, 0, level, i * size, size);
            }
            levels[height] = level;
        }
        return new TileTree(levels);
    }

    /** Number of hashes in the tile. */
    int width() {
        return levels[0].length / TreeHasher.HASH_SIZE;
    }

    /** The tile's own hashes, concatenated, as served. */
    byte[] hashes() {
        return levels[0].clone();
    }

    /** The root of a full tile: the node one tile level up. */
    byte[] top() {
        return node(8, 0);
    }

    /** The complete node of the given height (0 to 8) at position {@code offset} among that height's nodes. */
    byte[] node(int height, int offset) {
        byte[] level = levels[height];
        int size = TreeHasher.HASH_SIZE;
        if (offset < 0 || (offset + 1) * size > level.length) {
            throw new IllegalArgumentException("node " + offset + " at height " + height + " is not complete in a tile of "
                    + width() + " hashes");
        }
        return Arrays.copyOfRange(level, offset * size, (offset + 1) * size);
    }
}
