package dev.moat.detect;

import java.util.Optional;

/**
 * What the gateway returned: the HTTP status, the text (when retained) and the usage counted from
 * the upstream's own report. For a stream that broke, the counts are what was delivered.
 */
public record ResponseSummary(
        int status,
        Optional<String> text,
        long promptTokens,
        long completionTokens,
        long reasoningTokens,
        Optional<String> finishReason) {

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
