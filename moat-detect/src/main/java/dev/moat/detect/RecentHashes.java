package dev.moat.detect;

/**
 * The last few hashes seen (prompts, keys), in a ring: the newest replaces the oldest. A linear scan is the fastest look-up
 * at these sizes, and the memory is fixed. Zero is never a member (it is what an empty slot holds).
 */
final class RecentHashes {

    private final long[] hashes;
    private int next;

    RecentHashes(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size: " + size + " (expected: at least 1)");
        }
        hashes = new long[size];
    }

    boolean contains(long hash) {
        if (hash == 0) {
            return false;
        }
        for (long value : hashes) {
            if (value == hash) {
                return true;
            }
        }
        return false;
    }

    /** Remembers {@code hash}, forgetting the oldest when full. */
    void add(long hash) {
        hashes[next] = hash;
        next = (next + 1) % hashes.length;
    }
}
