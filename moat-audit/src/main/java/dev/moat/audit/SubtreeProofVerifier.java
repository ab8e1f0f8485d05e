package dev.moat.audit;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies proofs about a subtree [start, end) of a log (as used by c2sp.org/tlog-proof and Merkle Tree
 * Certificates), with the rules of transparency-dev/merkle. A subtree is valid when start is a multiple of the
 * smallest power of two at least its width, so it is one node or a left-aligned part of one.
 *
 * <p>A subtree consistency proof is a suffix of the inclusion proof of leaf end-1 in the whole tree, starting
 * at the root of the rightmost complete subtree inside [start, end). The hashes below the subtree's top that
 * lie to the left of that path rebuild the subtree root; all of them rebuild the whole tree's root.
 */
public final class SubtreeProofVerifier {
    private SubtreeProofVerifier() {
    }

    /** @throws InvalidProofException unless {@code proof} proves leaf {@code index} in subtree [start, end) */
    public static void verifyInclusion(long index, long start, long end, byte[] leafHash, List<byte[]> proof,
            byte[] subtreeRoot) {
        requireValidSubtree(start, end);
        if (index < start || index >= end) {
            throw new InvalidProofException("index " + index + " is outside the subtree [" + start + ", " + end + ")");
        }
        ProofVerifier.verifyInclusion(index - start, end - start, leafHash, proof, subtreeRoot);
    }

    /**
     * @throws InvalidProofException unless {@code proof} shows the subtree [start, end) with {@code subtreeRoot}
     *     is part of the tree of {@code size} leaves with {@code root}
     */
    public static void verifyConsistency(long start, long end, long size, List<byte[]> proof, byte[] subtreeRoot,
            byte[] root) {
        ProofVerifier.requireNonNull("subtree root", subtreeRoot);
        ProofVerifier.requireNonNull("tree root", root);
        if (size < 0) {
            throw new InvalidProofException("tree size " + size + " must not be negative");
        }
        if (start == end) {
            // An empty subtree is part of any tree at least as large; it has only the empty root.
            requireValidSubtree(start, end);
            if (end > size) {
                throw new InvalidProofException("tree size " + size + " is smaller than the subtree end " + end);
            }
            if (!proof.isEmpty()) {
                throw new InvalidProofException("the subtree is empty but the proof is not");
            }
            if (!MessageDigest.isEqual(subtreeRoot, TreeHasher.emptyRoot())) {
                throw new InvalidProofException("the subtree is empty but its root is not the empty root");
            }
            return;
        }
        byte[] calculated = rootFromConsistencyProof(start, end, size, proof, subtreeRoot);
        if (!MessageDigest.isEqual(calculated, root)) {
            throw new InvalidProofException("subtree consistency proof for [" + start + ", " + end + ") in size " + size
                    + " leads to root " + ProofVerifier.hex(calculated) + ", not the expected " + ProofVerifier.hex(root));
        }
    }

    /** The root the tree of {@code size} leaves must have, given the root of its subtree [start, end). */
    public static byte[] rootFromConsistencyProof(long start, long end, long size, List<byte[]> proof, byte[] subtreeRoot) {
        requireValidSubtree(start, end);
        if (size < end) {
            throw new InvalidProofException("tree size " + size + " is smaller than the subtree end " + end);
        }
        if (start == end) {
            if (size != 0) {
                throw new InvalidProofException("a non-empty tree's root cannot be rebuilt from an empty subtree");
            }
            if (!proof.isEmpty() || !MessageDigest.isEqual(subtreeRoot, TreeHasher.emptyRoot())) {
                throw new InvalidProofException("the empty tree needs an empty proof and the empty root");
            }
            return TreeHasher.emptyRoot();
        }
        if (start == 0 && end == size) {
            if (!proof.isEmpty()) {
                throw new InvalidProofException("the subtree is the whole tree but the proof is not empty");
            }
            return subtreeRoot.clone();
        }
        if (proof.isEmpty()) {
            throw new InvalidProofException("subtree consistency proof for [" + start + ", " + end + ") is empty");
        }
        if (end == size) {
            // The subtree's top node lies on the tree's right edge: only left siblings above it are needed.
            int height = bitLength((end - 1) ^ start);
            ProofVerifier.requireLength("subtree consistency", proof, Long.bitCount(start >>> height));
            return ProofVerifier.chainBorderRight(subtreeRoot, proof);
        }
        int forkLevel = bitLength((end - 1) ^ (size - 1));
        int border = Long.bitCount((end - 1) >>> forkLevel);
        int shift = Long.numberOfTrailingZeros(end - start);
        int inner = forkLevel - shift;
        boolean perfect = end - start == 1L << shift;
        int offset = perfect ? 0 : 1;
        ProofVerifier.requireLength("subtree consistency", proof, offset + inner + border);
        byte[] seed = perfect ? subtreeRoot : proof.getFirst();
        List<byte[]> path = proof.subList(offset, proof.size());
        long mask = (end - 1) >>> shift;
        if (!perfect) {
            int height = bitLength((end - 1) ^ start);
            int subtreeInner = Math.min(height, forkLevel) - shift;
            int subtreeBorder = Math.max(0, border - Long.bitCount((end - 1) >>> height));
            byte[] rebuilt = ProofVerifier.chainBorderRight(
                    ProofVerifier.chainInnerRight(seed, path.subList(0, subtreeInner), mask),
                    path.subList(inner, inner + subtreeBorder));
            if (!MessageDigest.isEqual(rebuilt, subtreeRoot)) {
                throw new InvalidProofException("subtree consistency proof does not lead to the subtree root "
                        + ProofVerifier.hex(subtreeRoot) + " (it gives " + ProofVerifier.hex(rebuilt) + ")");
            }
        }
        return ProofVerifier.chainBorderRight(ProofVerifier.chainInner(seed, path.subList(0, inner), mask),
                path.subList(inner, path.size()));
    }

    /** @throws InvalidProofException unless [start, end) is a subtree: start aligned to the width's bit ceiling */
    static void requireValidSubtree(long start, long end) {
        if (start < 0 || end < 0) {
            throw new InvalidProofException("subtree [" + start + ", " + end + ") has a negative bound");
        }
        if (start > end) {
            throw new InvalidProofException("subtree start " + start + " is after its end " + end);
        }
        if (start == 0 || start == end) {
            return;
        }
        long width = end - start;
        long bitCeiling = width == 1 ? 1 : Long.highestOneBit(width - 1) << 1;
        if ((start & (bitCeiling - 1)) != 0) {
            throw new InvalidProofException("subtree [" + start + ", " + end + ") is not aligned: start must be a"
                    + " multiple of " + bitCeiling);
        }
    }

    private static int bitLength(long value) {
        return 64 - Long.numberOfLeadingZeros(value);
    }
}
