package dev.moat.detect;

import java.util.Optional;

/**
 * What the gateway returned: the HTTP status, the text (when retained) and the usage counted from
 * the upstream's own report. For a stream that broke or that the client closed ({@link #CLIENT_CLOSED}), the counts
 * are what was delivered.
 */
public record ResponseSummary(
        int status,
        Optional<String> text,
        long promptTokens,
        long completionTokens,
        long reasoningTokens,
        Optional<String> finishReason) {

    /**
     * The status of a call whose client closed the connection before the answer ended (nginx's "client closed
     * request"); the counts and text are what reached the client.
     */
    public static final int CLIENT_CLOSED = 499;

    public ResponseSummary {
        text = text == null ? Optional.empty() : text;
        finishReason = finishReason == null ? Optional.empty() : finishReason;
    }

    /** A response that never reached the upstream (denied, malformed) with the given status. */
    public static ResponseSummary refused(int status) {
        return new ResponseSummary(status, Optional.empty(), 0, 0, 0, Optional.empty());
    }

    public ResponseSummary withoutContent() {
        return withText(Optional.empty());
    }

    /** The same response with this text. */
    public ResponseSummary withText(Optional<String> text) {
        return new ResponseSummary(status, text, promptTokens, completionTokens, reasoningTokens, finishReason);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
