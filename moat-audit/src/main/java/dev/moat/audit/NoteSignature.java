package dev.moat.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One signature line of a signed note: {@code — <name> base64(keyId || payload)}. The payload is what the
 * signature type defines (64 bytes for Ed25519; an 8-byte timestamp and 64 bytes for a cosignature).
 */
public record NoteSignature(String name, int keyId, byte[] payload) {
    static final String LINE_PREFIX = "\u2014 ";

    public NoteSignature {
        SignedNote.requireKeyName(name);
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The line as it appears in a note, including the final newline. */
    public String toLine() {
        byte[] bytes = ByteBuffer.allocate(4 + payload.length).putInt(keyId).put(payload).array();
        return LINE_PREFIX + name + " " + Base64.getEncoder().encodeToString(bytes) + "\n";
    }

    /**
     * Parses one signature line, with or without its final newline.
     *
     * @throws InvalidNoteException when the line is not exactly {@code — name base64} with canonical base64
     */
    public static NoteSignature parseLine(String line) {
        String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        if (!body.startsWith(LINE_PREFIX)) {
            throw new InvalidNoteException("signature line does not start with an em dash and a space: " + body);
        }
        String rest = body.substring(LINE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new InvalidNoteException("signature line is not '— <name> <base64>': " + body);
        }
        String name = rest.substring(0, space);
        String encoded = rest.substring(space + 1);
        byte[] bytes = SignedNote.decodeBase64("signature of " + name, encoded);
        if (bytes.length < 5) {
            throw new InvalidNoteException("signature of " + name + " is " + bytes.length
                    + " bytes (expected: a 4-byte key ID and a signature)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int keyId = buffer.getInt();
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        return new NoteSignature(name, keyId, payload);
    }

    static int keyId(String name, byte type, byte[] publicKey) {
        var digest = TreeHasher.sha256();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(type);
        digest.update(publicKey);
        return ByteBuffer.wrap(digest.digest()).getInt();
    }
}
