package dev.moat.audit;

/**
 * Read access to the complete (perfect) subtrees of a Merkle tree: {@code node(level, index)} is the hash of the
 * subtree of 2^level leaves starting at leaf {@code index << level}. Proofs and roots for any tree size are
 * composed from these, so an in-memory tree and a tree stored as tiles answer proofs with the same code.
 */
@FunctionalInterface
public interface NodeReader {
    /**
     * The hash of a complete subtree. Callers only ask for subtrees that are complete in the tree being read.
     *
     * @throws IllegalArgumentException when that subtree is not complete in this tree
     */
    byte[] node(int level, long index);
}
