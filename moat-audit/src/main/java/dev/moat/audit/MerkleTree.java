package dev.moat.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 6962 Merkle tree held in memory with every complete node, so roots and proofs for any
 * earlier size are answered without rehashing leaves. Costs about 64 bytes of heap per leaf.
 *
 * <p>Not thread-safe: one thread appends and reads, or callers synchronise.
 */
public final class MerkleTree implements NodeReader {
    private final List<HashList> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new HashList());
    }

    /** Appends a leaf by its {@linkplain TreeHasher#leafHash leaf hash}. */
    public void append(byte[] leafHash) {
        if (leafHash == null || leafHash.length != TreeHasher.HASH_SIZE) {
            throw new IllegalArgumentException("leaf hash must be " + TreeHasher.HASH_SIZE + " bytes");
        }
        levels.getFirst().add(leafHash);
        byte[] hash = leafHash;
        for (int level = 0; (levels.get(level).size() & 1) == 0; level++) {
            HashList current = levels.get(level);
            hash = TreeHasher.nodeHash(current.get(current.size() - 2), hash);
            if (levels.size() == level + 1) {
                levels.add(new HashList());
            }
            levels.get(level + 1).add(hash);
        }
    }

    /** Appends a leaf by its data, hashing it as an RFC 6962 leaf. */
    public void appendData(byte[] data) {
        append(TreeHasher.leafHash(data));
    }

    public long size() {
        return levels.getFirst().size();
    }

    @Override
    public byte[] node(int level, long index) {
        if (level < 0 || level >= levels.size() || index < 0 || index >= levels.get(level).size()) {
            throw new IllegalArgumentException("node at level " + level + " index " + index
                    + " is not a complete subtree of this tree of size " + size());
        }
        return levels.get(level).get(index);
    }

    public byte[] root() {
        return root(size());
    }

    /** The root of the tree as it was when it had {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        requireWithin(treeSize);
        return MerkleProofs.root(this, treeSize);
    }

    public List<byte[]> inclusionProof(long index, long treeSize) {
        requireWithin(treeSize);
        return MerkleProofs.inclusion(this, index, treeSize);
    }

    public List<byte[]> consistencyProof(long oldSize, long treeSize) {
        requireWithin(treeSize);
        return MerkleProofs.consistency(this, oldSize, treeSize);
    }

    private void requireWithin(long treeSize) {
        if (treeSize < 0 || treeSize > size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " (expected: 0 <= size <= " + size() + ")");
        }
    }
}
