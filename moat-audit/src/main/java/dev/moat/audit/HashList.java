package dev.moat.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growable list of 32-byte hashes kept in 1 MiB chunks, so a large list grows without copying what it holds.
 */
final class HashList {
    private static final int CHUNK_BITS = 15;
    private static final int CHUNK_HASHES = 1 << CHUNK_BITS;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    long size() {
        return size;
    }

    void add(byte[] hash) {
        int offset = (int) (size & (CHUNK_HASHES - 1));
        if (offset == 0) {
            // Small lists (most upper levels of a tree) start small; the first chunk doubles up to full size.
            chunks.add(new byte[(size == 0 ? 8 : CHUNK_HASHES) * TreeHasher.HASH_SIZE]);
        } else if (chunks.getLast().length == offset * TreeHasher.HASH_SIZE) {
            chunks.set(chunks.size() - 1, Arrays.copyOf(chunks.getLast(), 2 * offset * TreeHasher.HASH_SIZE));
        }
        System.arraycopy(hash, 0, chunks.getLast(), offset * TreeHasher.HASH_SIZE, TreeHasher.HASH_SIZE);
        size++;
    }

    byte[] get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("hash " + index + " (expected: 0 <= index < " + size + ")");
        }
        byte[] chunk = chunks.get((int) (index >>> CHUNK_BITS));
        int from = (int) (index & (CHUNK_HASHES - 1)) * TreeHasher.HASH_SIZE;
        byte[] hash = new byte[TreeHasher.HASH_SIZE];
        System.arraycopy(chunk, from, hash, 0, TreeHasher.HASH_SIZE);
        return hash;
    }
}
