package dev.moat.policy;

import java.util.Locale;

/**
 * The product part of a User-Agent, without version: {@code openai-python/1.54.0} → {@code openai-python},
 * {@code Mozilla/5.0 (…)} → {@code mozilla}, {@code curl/8.5.0} → {@code curl}. Versions change with every
 * upgrade and mean nothing for sharing; the product changing means a different program holds the key.
 */
final class UserAgentFamily {

    static final String NONE = "none";

    private UserAgentFamily() {
    }

    static String of(String userAgent) {
        if (userAgent == null) {
            return NONE;
        }
        String text = userAgent.strip();
        int end = 0;
        while (end < text.length() && end < 64) {
            char c = text.charAt(end);
            if (c == '/' || c == ' ' || c == '(' || c == ';') {
                break;
            }
            end++;
        }
        return end == 0 ? NONE : text.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
