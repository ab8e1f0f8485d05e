package dev.moat.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/** The text of a message's {@code content}, which both APIs allow as a string or a list of parts. */
final class MessageText {

    private MessageText() {
    }

    static String of(JsonNode content, String field) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw notText(field);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            JsonNode partText = part.get("text");
            if (partText != null && partText.isTextual()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(partText.textValue());
            }
        }
        return text.toString();
    }

    /** A message's text as {@link StreamedRequest} read it; null (neither a string nor a list of parts) is refused. */
    static String orRefusal(String text, String field) {
        if (text == null) {
            throw notText(field);
        }
        return text;
    }

    private static GatewayException notText(String field) {
        return new GatewayException(GatewayError.badRequest(field + ": expected a string or a list of content parts"));
    }
}
