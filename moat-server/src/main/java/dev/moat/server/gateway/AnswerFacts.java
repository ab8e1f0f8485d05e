package dev.moat.server.gateway;

import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * What a dialect reads out of a whole (non-streamed) answer: usage, text and finish reason. Filled
 * while the answer is parsed and handed to the tally only once the whole answer parsed, so a
 * broken answer reports nothing.
 */
final class AnswerFacts {

    /** Reads one top-level member of the answer (the parser is on its value). */
    @FunctionalInterface
    interface MemberReader {
        void read(String name, JsonParser parser, AnswerFacts answer) throws IOException;
    }

    private boolean usageSeen;
    long promptTokens;
    long completionTokens;
    long reasoningTokens;
    final StringBuilder text = new StringBuilder();
    String finishReason;

    /** Parses a whole answer, giving each top-level member to {@code members}; an answer that is not an object gives nothing. */
    static AnswerFacts read(Buffer body, MemberReader members) throws IOException {
        AnswerFacts answer = new AnswerFacts();
        try (JsonParser parser = ApiDialect.parser(body)) {
            parser.nextToken();
            if (ApiDialect.isObject(parser)) {
                while (ApiDialect.nextField(parser)) {
                    members.read(parser.currentName(), parser, answer);
                }
            }
        }
        return answer;
    }

    /** Marks that the answer carried a usage object (even one without numbers). */
    void usageSeen() {
        usageSeen = true;
    }

    void finishReason(String reason) {
        if (reason != null && !reason.isEmpty()) {
            finishReason = reason;
        }
    }

    void applyTo(ResponseTally tally) {
        if (usageSeen) {
            tally.reportUsage(promptTokens, completionTokens, reasoningTokens);
        }
        if (!text.isEmpty()) {
            tally.appendText(text.toString());
        }
        tally.finishReason(finishReason);
    }
}
