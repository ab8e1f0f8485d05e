package dev.moat.audit;

import java.util.ArrayList;
import java.util.List;

/** A growable list of 32-byte hashes kept in fixed 1 MiB chunks, so growing never copies what is stored. */
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
            chunks.add(new byte[CHUNK_HASHES * TreeHasher.HASH_SIZE]);
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
