package dev.moat.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, then one or more signature lines. Parsing is
 * strict: valid UTF-8, no control characters but newline, canonical base64, well-formed key names, and at most
 * {@value #MAX_SIGNATURES} signatures. The text must be ignored unless {@link #verify} accepts the note.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
    /** More signatures than this make a note invalid (the spec requires accepting at least 16). */
    public static final int MAX_SIGNATURES = 100;

    public SignedNote {
        requireText(text);
        signatures = List.copyOf(signatures);
        if (signatures.size() > MAX_SIGNATURES) {
            throw new InvalidNoteException("note has " + signatures.size() + " signatures (expected: at most "
                    + MAX_SIGNATURES + ")");
        }
    }

    /** Parses the bytes of a signed note. @throws InvalidNoteException with what is malformed */
    public static SignedNote parse(byte[] note) {
        String message;
        try {
            message = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(note))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidNoteException("note is not valid UTF-8", e);
        }
        requireNoControlCharacters(message);
        int split = message.lastIndexOf("\n\n");
        if (split < 0) {
            throw new InvalidNoteException("note has no blank line separating the text from the signatures");
        }
        String text = message.substring(0, split + 1);
        String signatureBlock = message.substring(split + 2);
        if (signatureBlock.isEmpty() || !signatureBlock.endsWith("\n")) {
            throw new InvalidNoteException("note's signature lines are missing or do not end with a newline");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : signatureBlock.substring(0, signatureBlock.length() - 1).split("\n", -1)) {
            if (signatures.size() == MAX_SIGNATURES) {
                throw new InvalidNoteException("note has more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(NoteSignature.parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    /**
     * Checks the note against trusted keys. Signatures whose name and key ID match no trusted key are ignored;
     * a matching signature that fails to verify rejects the whole note, as does the absence of any verified one.
     *
     * @return the signatures that verified, in note order
     * @throws InvalidNoteException naming the key whose signature failed, or saying no trusted key signed
     */
    public List<NoteSignature> verify(List<NoteVerifier> trusted) {
        byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        List<NoteSignature> verified = new ArrayList<>();
        for (NoteSignature signature : signatures) {
            for (NoteVerifier verifier : trusted) {
                if (verifier.name().equals(signature.name()) && verifier.keyId() == signature.keyId()) {
                    if (!verifier.verifies(textBytes, signature.payload())) {
                        throw new InvalidNoteException("signature by " + signature.name() + " (key ID "
                                + String.format("%08x", signature.keyId()) + ") does not verify");
                    }
                    verified.add(signature);
                }
            }
        }
        if (verified.isEmpty()) {
            throw new InvalidNoteException("note carries no signature from a trusted key (trusted: "
                    + trusted.stream().map(NoteVerifier::name).toList() + ", found: "
                    + signatures.stream().map(NoteSignature::name).toList() + ")");
        }
        return verified;
    }

    /** This note with one more signature line at the end. */
    public SignedNote withSignature(NoteSignature signature) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new SignedNote(text, all);
    }

    public byte[] toBytes() {
        StringBuilder note = new StringBuilder(text).append('\n');
        signatures.forEach(signature -> note.append(signature.toLine()));
        return note.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void requireKeyName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNoteException("key name is empty");
        }
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            if (codePoint == '+' || Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                    || codePoint < 0x20) {
                throw new InvalidNoteException("key name '" + name + "' contains a space, a plus or a control character");
            }
            i += Character.charCount(codePoint);
        }
    }

    static byte[] decodeBase64(String what, String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new InvalidNoteException(what + " is not valid base64", e);
        }
        // The JDK decoder tolerates missing padding; only the one canonical encoding is accepted here.
        if (!Base64.getEncoder().encodeToString(bytes).equals(encoded)) {
            throw new InvalidNoteException(what + " is not canonical padded base64");
        }
        return bytes;
    }

    private static void requireText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new InvalidNoteException("note text must be non-empty and end with a newline");
        }
        requireNoControlCharacters(text);
    }

    private static void requireNoControlCharacters(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new InvalidNoteException(String.format("note contains control character U+%04X at offset %d", (int) c, i));
            }
        }
    }
}
