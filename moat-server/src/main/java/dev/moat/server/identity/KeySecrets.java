package dev.moat.server.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Makes key secrets and ids. A secret is {@code moat-} followed by 43 random base-62 characters
 * (256 bits of entropy), so a plain SHA-256 is a safe, fast way to store and look it up: there is
 * nothing to brute-force, unlike a password.
 */
public final class KeySecrets {

    public static final String PREFIX = "moat-";
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int SECRET_LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {
    }

    public static String newSecret() {
        return PREFIX + randomBase62(SECRET_LENGTH);
    }

    /** A new identifier such as {@code org_3kTMd92jL0QxW7aB}. */
    public static String newId(String kind) {
        return kind + "_" + randomBase62(16);
    }

    public static String randomBase62(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(out);
    }

    /** One digest per thread: looking a key up is on every request's path. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    });

    public static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(SHA256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }
}
