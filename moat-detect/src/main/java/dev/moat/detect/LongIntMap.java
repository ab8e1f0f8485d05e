package dev.moat.detect;

/**
 * An open-addressing map from 64-bit hashes to int, for the detector's hot path: look-ups without
 * boxing. Zero is reserved as the empty marker, so a key of zero is stored as one. Keys must be
 * finalised hashes ({@link Hashing#mix}, {@link Hashing#combine}): their low bits pick the slot as they
 * are, without mixing them again — the prompt scanner looks up six hashes per word.
 */
final class LongIntMap {

    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
    }

    /** Ors {@code bits} into the value of {@code key}. */
    void or(long key, int bits) {
        long k = key == 0 ? 1 : key;
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = (int) (k & mask);
        while (keys[i] != 0 && keys[i] != k) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            keys[i] = k;
            size++;
        }
        values[i] |= bits;
    }

    /** The value of {@code key}, or zero. */
    int get(long key) {
        long k = key == 0 ? 1 : key;
        int mask = keys.length - 1;
        int i = (int) (k & mask);
        while (keys[i] != 0) {
            if (keys[i] == k) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                or(oldKeys[i], oldValues[i]);
            }
        }
    }
}
