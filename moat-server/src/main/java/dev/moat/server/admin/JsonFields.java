package dev.moat.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/** Reading the optional text fields of an admin API request body, with the error an operator can act on. */
final class JsonFields {

    private JsonFields() {
    }

    /** The field's trimmed text; empty when absent, null or blank; 400 when it is not a string. */
    static Optional<String> optionalText(JsonNode body, String field) {
        return optionalText(body, field, "");
    }

    /** As {@link #optionalText(JsonNode, String)}, with {@code example} (e.g. {@code " (e.g. \"30d\")"}) in the error. */
    static Optional<String> optionalText(JsonNode body, String field, String example) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw AdminException.badRequest(field + ": expected a string, got "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT) + example);
        }
        String text = value.textValue().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
