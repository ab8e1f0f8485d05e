package dev.moat.server.standin;

import java.util.concurrent.ThreadLocalRandom;

/** Random identifiers in the shapes the real APIs use ({@code chatcmpl-…}, {@code msg_…}, {@code req_…}). */
final class Identifiers {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Identifiers() {
    }

    static String chatCompletion() {
        return "chatcmpl-" + base62(29);
    }

    static String message() {
        return "msg_standin_" + base62(20);
    }

    static String request() {
        return "req_" + base62(24);
    }

    static String signature() {
        return "standin-signature-" + base62(32);
    }

    private static String base62(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return text.toString();
    }
}
