package dev.moat.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The tlog-tiles entry bundle encoding: each entry as a big-endian uint16 length followed by its bytes. */
public final class EntryBundle {
    /** Longest entry the encoding can carry. */
    public static final int MAX_ENTRY_SIZE = 0xFFFF;

    private EntryBundle() {
    }

    public static byte[] encode(List<byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY_SIZE) {
                throw new IllegalArgumentException("log entry of " + entry.length + " bytes (expected: at most "
                        + MAX_ENTRY_SIZE + ")");
            }
            out.write(entry.length >>> 8);
            out.write(entry.length & 0xFF);
            out.writeBytes(entry);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a bundle. @throws IllegalArgumentException when it is truncated or has trailing bytes
     */
    public static List<byte[]> decode(byte[] bundle) {
        List<byte[]> entries = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(bundle);
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < 2) {
                throw new IllegalArgumentException("entry bundle ends inside the length of entry " + entries.size());
            }
            int length = Short.toUnsignedInt(buffer.getShort());
            if (buffer.remaining() < length) {
                throw new IllegalArgumentException("entry bundle ends inside entry " + entries.size() + " ("
                        + buffer.remaining() + " of " + length + " bytes present)");
            }
            byte[] entry = new byte[length];
            buffer.get(entry);
            entries.add(entry);
        }
        return entries;
    }
}
