package dev.moat.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Ed25519 through the JDK's SunEC provider, with keys as the raw 32-byte encodings of RFC 8032. */
final class Ed25519 {
    static final int KEY_SIZE = 32;
    static final int SIGNATURE_SIZE = 64;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for an Ed25519 key; the raw key follows it. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519() {
    }

    static byte[] newSeed() {
        KeyPair pair = generator(new SecureRandom()).generateKeyPair();
        return ((EdECPrivateKey) pair.getPrivate()).getBytes()
                .orElseThrow(() -> new IllegalStateException("the JDK did not expose the Ed25519 private key bytes"));
    }

    /**
     * The public key for a private seed. The JDK has no public API for this derivation, but its key pair
     * generator takes the 32 seed bytes straight from the random source it is given and derives the public key
     * per RFC 8032, so a source that yields exactly the seed gives the matching pair.
     */
    static byte[] publicKeyOf(byte[] seed) {
        requireSize("seed", seed, KEY_SIZE);
        SecureRandom seedSource = new SecureRandom() {
            private boolean used;

            @Override
            public void nextBytes(byte[] bytes) {
                if (used || bytes.length != KEY_SIZE) {
                    throw new IllegalStateException("the JDK's Ed25519 key generator asked for unexpected random input");
                }
                used = true;
                System.arraycopy(seed, 0, bytes, 0, KEY_SIZE);
            }
        };
        KeyPair pair = generator(seedSource).generateKeyPair();
        byte[] derivedSeed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        if (!Arrays.equals(derivedSeed, seed)) {
            throw new IllegalStateException("the JDK's Ed25519 key generator did not use the given seed");
        }
        return rawPublicKey(pair.getPublic());
    }

    static byte[] sign(byte[] seed, byte[] message) {
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed in the JDK", e);
        }
    }

    static boolean verify(byte[] publicKey, byte[] message, byte[] signatureBytes) {
        if (signatureBytes.length != SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKeyObject(publicKey));
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            // An undecodable public key or signature simply does not verify.
            return false;
        }
    }

    private static PublicKey publicKeyObject(byte[] raw) throws GeneralSecurityException {
        byte[] encoded = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_SIZE);
        System.arraycopy(raw, 0, encoded, SPKI_PREFIX.length, KEY_SIZE);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    private static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - KEY_SIZE, encoded.length);
    }

    private static KeyPairGenerator generator(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            return generator;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519, which Java SE 15 and later provide", e);
        }
    }

    private static void requireSize(String what, byte[] bytes, int size) {
        if (bytes == null || bytes.length != size) {
            throw new IllegalArgumentException(what + " must be " + size + " bytes");
        }
    }
}
