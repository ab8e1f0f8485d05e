package dev.moat.server.standin;

import java.util.List;

/**
 * A generated text, already cut into the token pieces that stream deltas carry.
 *
 * @param pieces    the tokens, each with its leading whitespace; their number is the token count
 * @param truncated true when the text was cut short by a token budget rather than ending naturally
 */
record Reply(List<String> pieces, boolean truncated) {

    Reply {
        pieces = List.copyOf(pieces);
    }

    String text() {
        return String.join("", pieces);
    }

    int tokens() {
        return pieces.size();
    }
}
