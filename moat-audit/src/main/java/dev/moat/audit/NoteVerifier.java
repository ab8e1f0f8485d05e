package dev.moat.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A trusted public key for signed notes, written as a C2SP verifier key {@code name+hexkeyid+base64(type||key)}.
 * Two types are understood: {@code 0x01}, an Ed25519 signature over the note text (what the log signs its
 * checkpoints with), and {@code 0x04}, a C2SP tlog-cosignature/v1 by a witness: an 8-byte timestamp and an
 * Ed25519 signature over {@code "cosignature/v1\ntime <timestamp>\n" + text}.
 */
public record NoteVerifier(String name, int keyId, byte type, byte[] publicKey) {
    /** Signature type of a plain Ed25519 note signature. */
    public static final byte ED25519 = 0x01;
    /** Signature type of a timestamped Ed25519 checkpoint cosignature (c2sp.org/tlog-cosignature). */
    public static final byte COSIGNATURE_V1 = 0x04;

    public NoteVerifier {
        SignedNote.requireKeyName(name);
        if (type != ED25519 && type != COSIGNATURE_V1) {
            throw new InvalidNoteException(String.format("verifier key type 0x%02x is not supported (expected: 0x01 Ed25519 or 0x04 cosignature/v1)", type));
        }
        if (publicKey.length != Ed25519.KEY_SIZE) {
            throw new InvalidNoteException("Ed25519 public key of " + name + " is " + publicKey.length + " bytes (expected: 32)");
        }
        publicKey = publicKey.clone();
        int expected = NoteSignature.keyId(name, type, publicKey);
        if (keyId != expected) {
            throw new InvalidNoteException(String.format("key ID %08x of %s does not match its public key (expected: %08x)", keyId, name, expected));
        }
    }

    /** A verifier for the given key, with the key ID computed as C2SP recommends. */
    public static NoteVerifier of(String name, byte type, byte[] publicKey) {
        return new NoteVerifier(name, NoteSignature.keyId(name, type, publicKey), type, publicKey);
    }

    /** Parses {@code name+hexkeyid+base64(type||key)}. @throws InvalidNoteException saying what is malformed */
    public static NoteVerifier parse(String verifierKey) {
        String[] parts = verifierKey.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new InvalidNoteException("verifier key '" + verifierKey + "' is not name+hexkeyid+base64key");
        }
        if (!parts[1].matches("[0-9a-f]{8}")) {
            throw new InvalidNoteException("verifier key ID '" + parts[1] + "' is not 8 lowercase hex digits");
        }
        byte[] typed = SignedNote.decodeBase64("verifier key of " + parts[0], parts[2]);
        if (typed.length != 1 + Ed25519.KEY_SIZE) {
            throw new InvalidNoteException("verifier key of " + parts[0] + " holds " + typed.length
                    + " bytes (expected: a type byte and a 32-byte Ed25519 key)");
        }
        int keyId = (int) Long.parseLong(parts[1], 16);
        return new NoteVerifier(parts[0], keyId, typed[0], Arrays.copyOfRange(typed, 1, typed.length));
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Whether {@code payload} (a signature line without its key ID) is a valid signature of {@code text}. */
    public boolean verifies(byte[] text, byte[] payload) {
        if (type == ED25519) {
            return Ed25519.verify(publicKey, text, payload);
        }
        if (payload.length != 8 + Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        long timestamp = buffer.getLong();
        if (timestamp < 0) {
            return false;
        }
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        buffer.get(signature);
        return Ed25519.verify(publicKey, cosignedMessage(timestamp, text), signature);
    }

    /** The message a cosignature/v1 signs: header, timestamp line, then the checkpoint text. */
    static byte[] cosignedMessage(long timestamp, byte[] text) {
        byte[] header = ("cosignature/v1\ntime " + timestamp + "\n").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + text.length).put(header).put(text).array();
    }

    /** This key as {@code name+hexkeyid+base64(type||key)}. */
    public String toVerifierKey() {
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = type;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return name + "+" + HexFormat.of().toHexDigits(keyId).toLowerCase(Locale.ROOT) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    @Override
    public String toString() {
        return toVerifierKey();
    }
}
