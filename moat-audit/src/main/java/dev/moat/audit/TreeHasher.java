package dev.moat.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 section 2.1 hashing: leaves are hashed as SHA-256(0x00 || data) and interior nodes as
 * SHA-256(0x01 || left || right), so a leaf can never be passed off as an interior node.
 */
public final class TreeHasher {
    /** Length in bytes of every hash in the tree. */
    public static final int HASH_SIZE = 32;

    private static final byte[] EMPTY_ROOT = sha256().digest();

    /** Looking a digest up costs about as much as hashing a node, so each thread keeps one. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(TreeHasher::sha256);

    private TreeHasher() {
    }

    /** The root of the tree with no leaves: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = DIGEST.get();
        digest.update((byte) 0x00);
        digest.update(data);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = DIGEST.get();
        digest.update((byte) 0x01);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256, which every Java SE platform must provide", e);
        }
    }
}
