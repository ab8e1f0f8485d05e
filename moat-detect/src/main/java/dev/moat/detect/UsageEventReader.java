package dev.moat.detect;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams usage events from JSON Lines (one event per line, blank lines ignored) without reading the
 * whole file. A line that is not a valid event stops the stream with an {@link EventFormatException}
 * that names the line number, so a user can find and fix it.
 */
public final class UsageEventReader implements Iterator<UsageEvent>, Closeable {

    private final BufferedReader in;
    private final String source;
    private long lineNumber;
    private UsageEvent next;

    public UsageEventReader(Reader in, String source) {
        this.in = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in, 1 << 16);
        this.source = source;
    }

    public static UsageEventReader open(Path file) {
        try {
            return new UsageEventReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open events file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The line number of the event last returned (1-based). */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    next = UsageEventCodec.fromJson(line);
                } catch (EventFormatException e) {
                    throw new EventFormatException(source + " line " + lineNumber + ": " + e.getMessage()
                            + " (expected: one usage event per line, as in ARCHITECTURE.md)", e);
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + " after line " + lineNumber, e);
        }
    }

    @Override
    public UsageEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events in " + source);
        }
        UsageEvent event = next;
        next = null;
        return event;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
