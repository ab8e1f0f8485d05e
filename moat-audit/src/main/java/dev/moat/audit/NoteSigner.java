package dev.moat.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * An Ed25519 signing key for notes, in the signer key form {@code PRIVATE+KEY+name+hexkeyid+base64(0x01||seed)}
 * used by Go's golang.org/x/mod/sumdb/note. Immutable and thread-safe. Its {@link #toString()} never shows
 * the private part.
 */
public final class NoteSigner {
    private static final String PREFIX = "PRIVATE+KEY+";

    private final NoteVerifier verifier;
    private final byte[] seed;

    private NoteSigner(String name, byte[] seed) {
        this.seed = seed.clone();
        this.verifier = NoteVerifier.of(name, NoteVerifier.ED25519, Ed25519.publicKeyOf(seed));
    }

    /** A new random key for {@code name} (the log's origin, by convention). */
    public static NoteSigner generate(String name) {
        SignedNote.requireKeyName(name);
        return new NoteSigner(name, Ed25519.newSeed());
    }

    /** Parses a signer key string. @throws InvalidNoteException saying what is malformed */
    public static NoteSigner parse(String signerKey) {
        String key = signerKey.strip();
        if (!key.startsWith(PREFIX)) {
            throw new InvalidNoteException("signer key does not start with " + PREFIX);
        }
        String[] parts = key.substring(PREFIX.length()).split("\\+", 3);
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new InvalidNoteException("signer key is not PRIVATE+KEY+name+hexkeyid+base64key");
        }
        byte[] typed = SignedNote.decodeBase64("signer key of " + parts[0], parts[2]);
        if (typed.length != 1 + Ed25519.KEY_SIZE || typed[0] != NoteVerifier.ED25519) {
            throw new InvalidNoteException("signer key of " + parts[0] + " is not an Ed25519 (type 0x01) 32-byte seed");
        }
        SignedNote.requireKeyName(parts[0]);
        NoteSigner signer = new NoteSigner(parts[0], Arrays.copyOfRange(typed, 1, typed.length));
        if (!HexFormat.of().toHexDigits(signer.verifier.keyId()).equals(parts[1])) {
            throw new InvalidNoteException("key ID " + parts[1] + " in the signer key of " + parts[0]
                    + " does not match its key");
        }
        return signer;
    }

    public String name() {
        return verifier.name();
    }

    public NoteVerifier verifier() {
        return verifier;
    }

    /** Signs {@code text} (which must end in a newline) as a note signature by this key. */
    public NoteSignature sign(String text) {
        byte[] signature = Ed25519.sign(seed, text.getBytes(StandardCharsets.UTF_8));
        return new NoteSignature(verifier.name(), verifier.keyId(), signature);
    }

    /** A signed note of {@code text} carrying this key's signature. */
    public SignedNote signNote(String text) {
        return new SignedNote(text, List.of(sign(text)));
    }

    /** The secret signer key string; store it only where the private key may live. */
    public String toSignerKey() {
        byte[] typed = new byte[1 + seed.length];
        typed[0] = NoteVerifier.ED25519;
        System.arraycopy(seed, 0, typed, 1, seed.length);
        return PREFIX + verifier.name() + "+" + HexFormat.of().toHexDigits(verifier.keyId()) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifier.toVerifierKey() + "]";
    }
}
