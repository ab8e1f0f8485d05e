package dev.moat.server.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Log probabilities in OpenAI's shape for tokens the stand-in generated. The numbers are made up but
 * well-formed and deterministic: every log probability is negative, the chosen token leads its own
 * {@code top_logprobs} list, and the alternatives that follow are distinct and less likely.
 */
final class FakeLogprobs {

    private static final List<String> ALTERNATIVES = List.of(
            " the", " a", ",", " and", " of", " to", ".", " in", " is", " that", " for", " it",
            " with", " as", " on", " this", " be", " at", " by", " or", " an");

    private FakeLogprobs() {
    }

    /** {@code {"content":[entry…],"refusal":null}} for {@code pieces}. */
    static ObjectNode of(List<String> pieces, int topLogprobs) {
        ObjectNode logprobs = RequestBody.JSON.createObjectNode();
        ArrayNode content = logprobs.putArray("content");
        for (String piece : pieces) {
            content.add(entry(piece, topLogprobs));
        }
        logprobs.putNull("refusal");
        return logprobs;
    }

    private static ObjectNode entry(String token, int topLogprobs) {
        double logprob = logprobOf(token);
        ObjectNode entry = tokenLogprob(token, logprob);
        ArrayNode top = entry.putArray("top_logprobs");
        if (topLogprobs > 0) {
            top.add(tokenLogprob(token, logprob));
        }
        int start = Math.floorMod(token.hashCode(), ALTERNATIVES.size());
        double next = logprob;
        for (int i = 0; top.size() < topLogprobs; i++) {
            String alternative = ALTERNATIVES.get((start + i) % ALTERNATIVES.size());
            if (!alternative.equals(token)) {
                next -= 0.75;
                top.add(tokenLogprob(alternative, next));
            }
        }
        return entry;
    }

    private static ObjectNode tokenLogprob(String token, double logprob) {
        ObjectNode node = RequestBody.JSON.createObjectNode();
        node.put("token", token);
        node.put("logprob", logprob);
        ArrayNode bytes = node.putArray("bytes");
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        return node;
    }

    /** Between about -0.001 and -2.5, fixed per token text. */
    private static double logprobOf(String token) {
        return -(Math.floorMod(token.hashCode() * 31 + 7, 2500) + 1) / 1000.0;
    }
}
