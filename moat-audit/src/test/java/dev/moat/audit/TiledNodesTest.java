package dev.moat.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Tiles (as the log stores them) must give the same nodes, roots and proofs as the in-memory tree. */
class TiledNodesTest {
    @Property(tries = 15)
    void tilesAnswerLikeTheTree(@ForAll @IntRange(min = 1, max = 70_000) int size,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < size; i++) {
            tree.appendData(ByteBuffer.allocate(4).putInt(i).array());
        }
        NodeReader tiles = new TiledNodes((level, index) -> {
            long count = LogState.nodesAtTileLevel(size, level);
            int width = (int) Math.min(TilePath.FULL_WIDTH, count - (index << 8));
            ByteBuffer hashes = ByteBuffer.allocate(width * TreeHasher.HASH_SIZE);
            for (int i = 0; i < width; i++) {
                hashes.put(tree.node(8 * level, (index << 8) + i));
            }
            return TileTree.of(hashes.array());
        });
        assertThat(MerkleProofs.root(tiles, size)).isEqualTo(tree.root());
        long index = Math.floorMod(seed, size);
        long old = 1 + Math.floorMod(seed >>> 17, size);
        assertThat(MerkleProofs.inclusion(tiles, index, size)).containsExactlyElementsOf(tree.inclusionProof(index, size));
        assertThat(MerkleProofs.consistency(tiles, old, size)).containsExactlyElementsOf(tree.consistencyProof(old, size));
    }
}
