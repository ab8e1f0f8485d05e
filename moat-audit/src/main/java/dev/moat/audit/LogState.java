package dev.moat.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything readers need about one published checkpoint, immutable: the size, the right-edge partial tiles and
 * entry bundle (full ones are on disk), and the signed checkpoint with any witness cosignatures.
 *
 * @param partialTiles the partial tile at each tile level (of width 0 when that level has none)
 */
record LogState(long size, byte[] root, List<TileTree> partialTiles, List<byte[]> partialEntries, SignedNote checkpoint,
        List<NoteSignature> cosignatures) {
    LogState {
        partialTiles = List.copyOf(partialTiles);
        partialEntries = List.copyOf(partialEntries);
        cosignatures = List.copyOf(cosignatures);
    }

    /** The checkpoint as served: the log's signature followed by the witnesses' cosignatures. */
    byte[] servedCheckpoint() {
        SignedNote note = checkpoint;
        for (NoteSignature cosignature : cosignatures) {
            note = note.withSignature(cosignature);
        }
        return note.toBytes();
    }

    LogState withCosignature(NoteSignature cosignature) {
        List<NoteSignature> updated = new ArrayList<>();
        for (NoteSignature existing : cosignatures) {
            if (!(existing.name().equals(cosignature.name()) && existing.keyId() == cosignature.keyId())) {
                updated.add(existing);
            }
        }
        updated.add(cosignature);
        return new LogState(size, root, partialTiles, partialEntries, checkpoint, updated);
    }

    /** Number of nodes at tile level {@code level} (tree level 8·level) in a tree of {@code size} leaves. */
    static long nodesAtTileLevel(long size, int level) {
        return level == TilePath.ENTRIES ? size : size >>> (8 * level);
    }

    /** Whether a tree of {@code size} leaves has the tile or bundle {@code path} (an older partial counts). */
    static boolean covers(long size, TilePath path) {
        long count = nodesAtTileLevel(size, path.level());
        long fullTiles = count >>> 8;
        return path.index() < fullTiles || (path.index() == fullTiles && path.width() <= (count & 0xFF));
    }
}
