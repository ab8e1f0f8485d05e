package dev.moat.server.gateway;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into server-sent events at blank lines, however the upstream's chunks fall.
 * Bytes are decoded only once an event is complete, so a multi-byte character split across two
 * chunks is never corrupted. The pending tail is bounded: an upstream that sends one event larger
 * than {@code maxEventBytes} is treated as broken.
 */
final class SseSplitter {

    private final int maxEventBytes;
    private byte[] pending = new byte[4096];
    private int length;

    SseSplitter(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /** Feeds bytes; calls {@code onEvent} for each event they complete, with its raw text. */
    void feed(byte[] bytes, Consumer<String> onEvent) {
        ensure(length + bytes.length);
        System.arraycopy(bytes, 0, pending, length, bytes.length);
        length += bytes.length;
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (pending[i] != '\n') {
                continue;
            }
            int end = -1;
            if (i + 1 < length && pending[i + 1] == '\n') {
                end = i + 2;
            } else if (i + 2 < length && pending[i + 1] == '\r' && pending[i + 2] == '\n') {
                end = i + 3;
            }
            if (end > 0) {
                onEvent.accept(new String(pending, start, end - start, StandardCharsets.UTF_8));
                start = end;
                i = end - 1;
            }
        }
        if (start > 0) {
            System.arraycopy(pending, start, pending, 0, length - start);
            length -= start;
        }
        if (length > maxEventBytes) {
            throw new IllegalStateException("upstream sent a server-sent event larger than " + maxEventBytes + " bytes");
        }
    }

    /** Whatever is left after the stream ended without a final blank line. */
    String remainder() {
        return length == 0 ? "" : new String(pending, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int size) {
        if (size > pending.length) {
            byte[] bigger = new byte[Math.max(size, pending.length * 2)];
            System.arraycopy(pending, 0, bigger, 0, length);
            pending = bigger;
        }
    }
}
