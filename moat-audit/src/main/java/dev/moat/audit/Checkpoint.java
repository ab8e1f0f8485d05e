package dev.moat.audit;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A C2SP tlog-checkpoint: the note text {@code origin\nsize\nbase64(root)\n} plus optional extension lines.
 * Parsing is strict: decimal size without leading zeros, a 32-byte root in canonical base64, no empty lines.
 */
public record Checkpoint(String origin, long size, byte[] root, List<String> extensions) {
    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new InvalidNoteException("checkpoint origin must be one non-empty line");
        }
        if (size < 0) {
            throw new InvalidNoteException("checkpoint size " + size + " is negative");
        }
        if (root == null || root.length != TreeHasher.HASH_SIZE) {
            throw new InvalidNoteException("checkpoint root must be " + TreeHasher.HASH_SIZE + " bytes");
        }
        root = root.clone();
        extensions = List.copyOf(extensions);
        for (String line : extensions) {
            if (line.isEmpty() || line.contains("\n")) {
                throw new InvalidNoteException("checkpoint extension lines must be single non-empty lines");
            }
        }
    }

    public Checkpoint(String origin, long size, byte[] root) {
        this(origin, size, root, List.of());
    }

    /** Parses a checkpoint note text. @throws InvalidNoteException saying which line is malformed */
    public static Checkpoint parse(String text) {
        if (!text.endsWith("\n")) {
            throw new InvalidNoteException("checkpoint text does not end with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new InvalidNoteException("checkpoint has " + lines.length + " lines (expected: origin, size, root)");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new InvalidNoteException("checkpoint size '" + lines[1] + "' is not a decimal without leading zeros");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new InvalidNoteException("checkpoint size '" + lines[1] + "' is too large");
        }
        byte[] root = SignedNote.decodeBase64("checkpoint root", lines[2]);
        return new Checkpoint(lines[0], size, root, Arrays.asList(lines).subList(3, lines.length));
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    public String rootHex() {
        return HexFormat.of().formatHex(root);
    }

    public String rootBase64() {
        return Base64.getEncoder().encodeToString(root);
    }

    /** The note text: origin, size, root and extension lines, each ending in a newline. */
    public String toText() {
        StringBuilder text = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(rootBase64()).append('\n');
        extensions.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && size == that.size
                && Arrays.equals(root, that.root) && extensions.equals(that.extensions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * origin.hashCode() + Long.hashCode(size)) + Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", size " + size + ", root " + rootHex() + "]";
    }
}
