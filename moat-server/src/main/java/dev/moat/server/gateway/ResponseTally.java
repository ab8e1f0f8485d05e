package dev.moat.server.gateway;

import java.util.Optional;

/**
 * What came back from the upstream for one call: the usage it reported and the text delivered to
 * the client (kept only up to a bound, for the usage event). If a stream breaks before the upstream
 * reports usage, {@link #completionTokens()} falls back to an estimate of what was delivered.
 */
public final class ResponseTally {

    static final int MAX_KEPT_TEXT = 64 * 1024;

    private long promptTokens;
    private long completionTokens;
    private long reasoningTokens;
    private boolean usageReported;
    private String finishReason;
    private final StringBuilder text = new StringBuilder();
    private long deliveredChars;

    void reportUsage(long prompt, long completion, long reasoning) {
        usageReported = true;
        if (prompt > 0) {
            promptTokens = prompt;
        }
        if (completion > 0) {
            completionTokens = completion;
        }
        if (reasoning > 0) {
            reasoningTokens = reasoning;
        }
    }

    void appendText(String delta) {
        deliveredChars += delta.length();
        int room = MAX_KEPT_TEXT - text.length();
        if (room > 0) {
            text.append(delta, 0, Math.min(room, delta.length()));
        }
    }

    void finishReason(String reason) {
        if (reason != null && !reason.isEmpty()) {
            finishReason = reason;
        }
    }

    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        if (completionTokens == 0 && deliveredChars > 0) {
            return (deliveredChars + 3) / 4;
        }
        return completionTokens;
    }

    public long reasoningTokens() {
        return reasoningTokens;
    }

    public boolean usageReported() {
        return usageReported;
    }

    public Optional<String> finishReason() {
        return Optional.ofNullable(finishReason);
    }

    public Optional<String> text() {
        return text.isEmpty() ? Optional.empty() : Optional.of(text.toString());
    }
}
