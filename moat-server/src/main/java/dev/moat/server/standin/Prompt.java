package dev.moat.server.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Optional;
import java.util.Set;

/**
 * What the stand-in takes from a conversation: how many tokens it holds and the text of the last user
 * message, which seeds the reply.
 *
 * <p>The token count is {@link StandInTokenizer#count} over the system text and the text of every message;
 * content given as an array of parts contributes its {@code text} parts (and the {@code content} of Anthropic
 * tool results). Images and other non-text parts count as nothing.
 *
 * @param tokens        prompt tokens
 * @param lastUserText  the text of the last message whose role is {@code user}; empty when there is none
 */
record Prompt(int tokens, String lastUserText) {

    /**
     * Reads {@code messages} (already known to be a non-empty array) and the optional system text.
     *
     * @param roles the roles the API allows
     * @throws RejectedRequest when a message is not an object with an allowed role and string or array content
     */
    static Prompt read(ArrayNode messages, Set<String> roles, Optional<JsonNode> system) {
        int tokens = system.map(node -> StandInTokenizer.count(text(node, "system"))).orElse(0);
        String lastUserText = "";
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String where = "messages[" + i + "]";
            if (!message.isObject()) {
                throw RequestBody.wrongType(where, "an object", message);
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual() || !roles.contains(role.textValue())) {
                throw RejectedRequest.invalid(where + ".role", "'" + where + ".role' is "
                        + (role == null ? "missing" : role.toString()) + " (expected one of: "
                        + String.join(", ", roles.stream().sorted().toList()) + ").");
            }
            String text = message.hasNonNull("content") ? text(message.get("content"), where + ".content") : "";
            tokens += StandInTokenizer.count(text);
            if (role.textValue().equals("user")) {
                lastUserText = text;
            }
        }
        return new Prompt(tokens, lastUserText);
    }

    private static String text(JsonNode content, String where) {
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw RequestBody.wrongType(where, "a string or an array of content parts", content);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                text.append(part.get("text").textValue()).append('\n');
            }
            if (part.path("content").isTextual() || part.path("content").isArray()) {
                text.append(text(part.get("content"), where)).append('\n');
            }
        }
        return text.toString();
    }
}
