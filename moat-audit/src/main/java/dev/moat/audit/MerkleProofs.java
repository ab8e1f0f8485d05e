package dev.moat.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Roots and proofs for a tree of any size, built from complete subtrees read through a {@link NodeReader}.
 *
 * <p>The structure follows RFC 6962 section 2.1 (MTH, PATH, SUBPROOF): a tree of n leaves splits at k, the
 * largest power of two below n. The left part is always a complete subtree (one stored node); the right part
 * is either complete or a "right edge" tree whose root is folded from the complete subtrees it decomposes into.
 * A proof therefore needs at most about 2·log2(n) node reads and log2(n)^2 hash computations.
 */
public final class MerkleProofs {
    private MerkleProofs() {
    }

    /** The RFC 6962 root of the first {@code size} leaves. */
    public static byte[] root(NodeReader nodes, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
        }
        return size == 0 ? TreeHasher.emptyRoot() : subtreeRoot(nodes, 0, size);
    }

    /** The audit path for leaf {@code index} in the tree of the first {@code size} leaves, leaf side first. */
    public static List<byte[]> inclusion(NodeReader nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(
                    "inclusion proof index " + index + " for size " + size + " (expected: 0 <= index < size)");
        }
        List<byte[]> proof = new ArrayList<>();
        path(nodes, index, 0, size, proof);
        return proof;
    }

    /** The proof that the tree of {@code oldSize} leaves is a prefix of the tree of {@code size} leaves. */
    public static List<byte[]> consistency(NodeReader nodes, long oldSize, long size) {
        if (oldSize <= 0 || oldSize > size) {
            throw new IllegalArgumentException(
                    "consistency proof from " + oldSize + " to " + size + " (expected: 0 < old <= size)");
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize < size) {
            subproof(nodes, oldSize, 0, size, true, proof);
        }
        return proof;
    }

    /**
     * The root of leaves [start, end). The range is one the RFC recursion produces: start is aligned to the
     * largest power of two in (end - start), so it decomposes left to right into complete subtrees of
     * strictly decreasing size, which are then folded from the right.
     */
    static byte[] subtreeRoot(NodeReader nodes, long start, long end) {
        long remaining = end - start;
        int pieces = Long.bitCount(remaining);
        byte[][] hashes = new byte[pieces][];
        long position = start;
        for (int i = 0; i < pieces; i++) {
            long width = Long.highestOneBit(remaining);
            int level = Long.numberOfTrailingZeros(width);
            hashes[i] = nodes.node(level, position >>> level);
            position += width;
            remaining -= width;
        }
        byte[] hash = hashes[pieces - 1];
        for (int i = pieces - 2; i >= 0; i--) {
            hash = TreeHasher.nodeHash(hashes[i], hash);
        }
        return hash;
    }

    private static void path(NodeReader nodes, long index, long start, long end, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (index - start < k) {
            path(nodes, index, start, start + k, out);
            out.add(subtreeRoot(nodes, start + k, end));
        } else {
            path(nodes, index, start + k, end, out);
            out.add(subtreeRoot(nodes, start, start + k));
        }
    }

    private static void subproof(NodeReader nodes, long m, long start, long end, boolean wholeOldTree,
            List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!wholeOldTree) {
                out.add(subtreeRoot(nodes, start, end));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            subproof(nodes, m, start, start + k, wholeOldTree, out);
            out.add(subtreeRoot(nodes, start + k, end));
        } else {
            subproof(nodes, m - k, start + k, end, false, out);
            out.add(subtreeRoot(nodes, start, start + k));
        }
    }
}
