package dev.moat.audit;

/**
 * Complete subtrees of a tree stored as tlog-tiles. A tile at level L holds nodes of tree level 8L; a node at
 * tree level 8L + k lies inside one tile of level L, at height k of that tile's {@link TileTree}.
 */
final class TiledNodes implements NodeReader {
    /** The tile {@code (level, index)} as it stands at the tree size being read (full or partial). */
    @FunctionalInterface
    interface Tiles {
        TileTree tile(int level, long index);
    }

    private final Tiles tiles;

    TiledNodes(Tiles tiles) {
        this.tiles = tiles;
    }

    @Override
    public byte[] node(int level, long index) {
        int tileLevel = level >>> 3;
        int height = level & 7;
        long tileIndex = (index << height) >>> 8;
        int offset = (int) (index - (tileIndex << (8 - height)));
        return tiles.tile(tileLevel, tileIndex).node(height, offset);
    }
}
