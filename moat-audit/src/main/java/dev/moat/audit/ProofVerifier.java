package dev.moat.audit;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies RFC 6962 inclusion and consistency proofs with the strict rules of transparency-dev/merkle: a proof
 * must have exactly the number of hashes its sizes imply, an index must lie inside its tree, a consistency proof
 * from the empty tree is meaningless and refused, and equal sizes require an empty proof and equal roots.
 *
 * <p>A proof is read as two parts. The "inner" hashes are siblings below the point where the paths to the leaf
 * and to the tree's last leaf diverge: for them the index bit says left or right. The "border" hashes lie on
 * the tree's right edge, where the path node is always the right child.
 */
public final class ProofVerifier {
    private ProofVerifier() {
    }

    /** @throws InvalidProofException unless {@code proof} proves leaf {@code index} in the tree with {@code root} */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        requireNonNull("root", root);
        byte[] calculated = rootFromInclusionProof(index, size, leafHash, proof);
        if (!MessageDigest.isEqual(calculated, root)) {
            throw new InvalidProofException("inclusion proof for index " + index + " in tree size " + size
                    + " leads to root " + hex(calculated) + ", not the expected " + hex(root));
        }
    }

    /** The root a tree of {@code size} leaves must have for the proof to hold. */
    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || size < 0) {
            throw new InvalidProofException("index " + index + " and size " + size + " must not be negative");
        }
        if (index >= size) {
            throw new InvalidProofException("index " + index + " is beyond the tree size " + size);
        }
        requireHash("leaf hash", leafHash);
        int inner = innerProofSize(index, size);
        int border = Long.bitCount(index >>> inner);
        requireLength("inclusion", proof, inner + border);
        byte[] hash = chainInner(leafHash, proof.subList(0, inner), index);
        return chainBorderRight(hash, proof.subList(inner, proof.size()));
    }

    /** @throws InvalidProofException unless {@code proof} shows the tree of {@code size1} is a prefix of {@code size2} */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
        requireNonNull("second root", root2);
        byte[] calculated = rootFromConsistencyProof(size1, size2, proof, root1);
        if (!MessageDigest.isEqual(calculated, root2)) {
            throw new InvalidProofException("consistency proof from size " + size1 + " to " + size2
                    + " leads to root " + hex(calculated) + ", not the expected " + hex(root2));
        }
    }

    /** The root the tree of {@code size2} leaves must have, given the root of its prefix of {@code size1}. */
    public static byte[] rootFromConsistencyProof(long size1, long size2, List<byte[]> proof, byte[] root1) {
        // Roots are compared, not hashed, so only their presence is required (as in transparency-dev/merkle).
        requireNonNull("first root", root1);
        if (size1 < 0 || size2 < 0) {
            throw new InvalidProofException("sizes " + size1 + " and " + size2 + " must not be negative");
        }
        if (size2 < size1) {
            throw new InvalidProofException("second size " + size2 + " is smaller than the first size " + size1);
        }
        if (size1 == 0) {
            throw new InvalidProofException("a consistency proof from the empty tree is meaningless");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new InvalidProofException("sizes are equal (" + size1 + ") but the proof is not empty");
            }
            return root1.clone();
        }
        if (proof.isEmpty()) {
            throw new InvalidProofException("consistency proof from " + size1 + " to " + size2 + " is empty");
        }
        int inner = innerProofSize(size1 - 1, size2);
        int border = Long.bitCount((size1 - 1) >>> inner);
        int shift = Long.numberOfTrailingZeros(size1);
        inner -= shift;
        // When size1 is itself a power of two, the old root is the seed; otherwise the proof starts with the
        // hash of the complete subtree of 2^shift leaves that ends at leaf size1 - 1.
        boolean seedIsOldRoot = size1 == 1L << shift;
        int offset = seedIsOldRoot ? 0 : 1;
        requireLength("consistency", proof, offset + inner + border);
        byte[] seed = seedIsOldRoot ? root1 : proof.getFirst();
        List<byte[]> innerPart = proof.subList(offset, offset + inner);
        List<byte[]> borderPart = proof.subList(offset + inner, proof.size());
        long mask = (size1 - 1) >>> shift;

        byte[] hash1 = chainBorderRight(chainInnerRight(seed, innerPart, mask), borderPart);
        if (!MessageDigest.isEqual(hash1, root1)) {
            throw new InvalidProofException("consistency proof from size " + size1 + " to " + size2
                    + " does not lead to the first root " + hex(root1) + " (it gives " + hex(hash1) + ")");
        }
        return chainBorderRight(chainInner(seed, innerPart, mask), borderPart);
    }

    private static int innerProofSize(long index, long size) {
        return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    }

    static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
        byte[] hash = seed;
        for (int i = 0; i < proof.size(); i++) {
            hash = ((index >>> i) & 1) == 0 ? TreeHasher.nodeHash(hash, proof.get(i))
                    : TreeHasher.nodeHash(proof.get(i), hash);
        }
        return hash;
    }

    /** Like chainInner, but only left siblings count: the result is the subtree as it was in the older tree. */
    static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
        byte[] hash = seed;
        for (int i = 0; i < proof.size(); i++) {
            if (((index >>> i) & 1) == 1) {
                hash = TreeHasher.nodeHash(proof.get(i), hash);
            }
        }
        return hash;
    }

    static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
        byte[] hash = seed;
        for (byte[] sibling : proof) {
            hash = TreeHasher.nodeHash(sibling, hash);
        }
        return hash;
    }

    static void requireLength(String kind, List<byte[]> proof, int expected) {
        if (proof.size() != expected) {
            throw new InvalidProofException(
                    kind + " proof has " + proof.size() + " hashes (expected: " + expected + ")");
        }
        for (int i = 0; i < proof.size(); i++) {
            if (proof.get(i) == null || proof.get(i).length != TreeHasher.HASH_SIZE) {
                throw new InvalidProofException(kind + " proof hash " + i + " is not " + TreeHasher.HASH_SIZE
                        + " bytes long");
            }
        }
    }

    private static void requireHash(String what, byte[] hash) {
        if (hash == null || hash.length != TreeHasher.HASH_SIZE) {
            throw new InvalidProofException(what + " is " + (hash == null ? "missing" : hash.length + " bytes")
                    + " (expected: " + TreeHasher.HASH_SIZE + " bytes)");
        }
    }

    static void requireNonNull(String what, byte[] hash) {
        if (hash == null) {
            throw new InvalidProofException(what + " is missing");
        }
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
