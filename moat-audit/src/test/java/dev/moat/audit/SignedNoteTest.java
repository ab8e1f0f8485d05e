package dev.moat.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
    /** The example of c2sp.org/signed-note, as recorded in ../shared/data/README.md. */
    private static final String C2SP_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    private static final String C2SP_NOTE = "This is an example message.\n\n\u2014 example.com/foo "
            + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    /** The example key and note of golang.org/x/mod/sumdb/note, the reference implementation. */
    private static final String GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_SIGNATURE = "\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void theC2spExampleVerifies() {
        SignedNote note = SignedNote.parse(C2SP_NOTE.getBytes(StandardCharsets.UTF_8));
        NoteVerifier key = NoteVerifier.parse(C2SP_VKEY);
        assertThat(note.text()).isEqualTo("This is an example message.\n");
        assertThat(note.verify(List.of(key))).hasSize(1);
        assertThat(key.toVerifierKey()).isEqualTo(C2SP_VKEY);
        assertThat(new String(note.toBytes(), StandardCharsets.UTF_8)).isEqualTo(C2SP_NOTE);
    }

    @Test
    void signingWithTheGoExampleKeyReproducesItsSignatureByteForByte() {
        NoteSigner signer = NoteSigner.parse(GO_SKEY);
        assertThat(signer.verifier().toVerifierKey()).isEqualTo(GO_VKEY);
        assertThat(signer.toSignerKey()).isEqualTo(GO_SKEY);
        assertThat(signer.sign(GO_TEXT).toLine()).isEqualTo(GO_SIGNATURE);
        assertThat(signer.toString()).doesNotContain("AYEKFALV");
    }

    @Test
    void unknownSignersAreIgnoredButAtLeastOneKnownKeyMustVerify() {
        NoteSigner other = NoteSigner.generate("other.example/log");
        String note = GO_TEXT + "\n" + other.sign(GO_TEXT).toLine() + GO_SIGNATURE;
        SignedNote parsed = SignedNote.parse(note.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.verify(List.of(NoteVerifier.parse(GO_VKEY)))).extracting(NoteSignature::name)
                .containsExactly("PeterNeumann");
        assertThatThrownBy(() -> parsed.verify(List.of(NoteSigner.generate("third").verifier())))
                .isInstanceOf(InvalidNoteException.class).hasMessageContaining("no signature from a trusted key");
    }

    @Test
    void aKnownKeyWhoseSignatureFailsRejectsTheNote() {
        String tampered = GO_TEXT.replace("answer", "answers") + "\n" + GO_SIGNATURE;
        SignedNote parsed = SignedNote.parse(tampered.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> parsed.verify(List.of(NoteVerifier.parse(GO_VKEY))))
                .hasMessageContaining("signature by PeterNeumann (key ID c74f20a3) does not verify");
    }

    @Test
    void malformedNotesAreRejected() {
        String sig = GO_SIGNATURE;
        List<String> malformed = List.of(
                GO_TEXT + sig,                                   // no blank line
                GO_TEXT + "\n",                                  // no signatures
                GO_TEXT + "\n" + sig.strip(),                    // signature line without newline
                GO_TEXT + "\n" + sig.replace("\u2014", "-"),     // hyphen instead of em dash
                GO_TEXT + "\n" + sig.replace("=\n", "\n"),       // unpadded base64
                GO_TEXT + "\n" + sig.replace("Peter", "Peter+"), // plus in key name
                GO_TEXT + "\n" + sig + "\n",                     // trailing blank line
                GO_TEXT.replace("\n", "\r\n") + "\n" + sig,      // carriage returns
                "\u2014 PeterNeumann AAAA\n");                   // signature too short, no text
        for (String note : malformed) {
            assertThatThrownBy(() -> SignedNote.parse(note.getBytes(StandardCharsets.UTF_8)))
                    .as(note).isInstanceOf(InvalidNoteException.class);
        }
        assertThatThrownBy(() -> SignedNote.parse(new byte[] {'a', '\n', '\n', (byte) 0xC3}))
                .hasMessageContaining("UTF-8");
        String tooMany = GO_TEXT + "\n" + sig.repeat(SignedNote.MAX_SIGNATURES + 1);
        assertThatThrownBy(() -> SignedNote.parse(tooMany.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("more than 100 signatures");
    }

    @Test
    void malformedVerifierKeysAreRejected() {
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .hasMessageContaining("does not match its public key");
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+c74f20a3")).hasMessageContaining("name+hexkeyid+base64key");
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(InvalidNoteException.class);
    }

    @Test
    void aWitnessCosignatureVerifiesAgainstItsType4Key() {
        byte[] seed = Ed25519.newSeed();
        NoteVerifier witness = NoteVerifier.of("witness.example/w1", NoteVerifier.COSIGNATURE_V1, Ed25519.publicKeyOf(seed));
        String text = "example.com/log\n5\n" + "A".repeat(43) + "=\n";
        long time = 1_700_000_000L;
        byte[] signature = Ed25519.sign(seed, NoteVerifier.cosignedMessage(time, text.getBytes(StandardCharsets.UTF_8)));
        byte[] payload = ByteBuffer.allocate(72).putLong(time).put(signature).array();
        NoteSignature cosignature = new NoteSignature(witness.name(), witness.keyId(), payload);
        SignedNote note = new SignedNote(text, List.of(cosignature));
        assertThat(note.verify(List.of(witness))).containsExactly(cosignature);
        NoteVerifier reparsed = NoteVerifier.parse(witness.toVerifierKey());
        assertThat(reparsed.type()).isEqualTo(NoteVerifier.COSIGNATURE_V1);
        assertThat(reparsed.toVerifierKey()).isEqualTo(witness.toVerifierKey());
        NoteVerifier sameKeyAsPlainSigner = NoteVerifier.of(witness.name(), NoteVerifier.ED25519, witness.publicKey());
        assertThat(sameKeyAsPlainSigner.keyId()).isNotEqualTo(witness.keyId());
    }
}
