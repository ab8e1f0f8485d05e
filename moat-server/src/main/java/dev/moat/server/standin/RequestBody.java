package dev.moat.server.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request's JSON body with typed, checked access to its fields: every wrong or missing field becomes a
 * {@link RejectedRequest} that names the field and says what was expected.
 */
final class RequestBody {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode root;

    private RequestBody(ObjectNode root) {
        this.root = root;
    }

    static RequestBody parse(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw RejectedRequest.invalid("We could not parse the JSON body of your request: "
                    + e.getOriginalMessage() + ". Send a JSON object with Content-Type: application/json.",
                    Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory body cannot fail", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw RejectedRequest.invalid("The request body must be a JSON object, got "
                    + (node == null || node.isMissingNode() ? "an empty body" : node.getNodeType().toString()
                    .toLowerCase(Locale.ROOT)) + ".", Optional.empty());
        }
        return new RequestBody(object);
    }

    /** The body a {@code BodyHandler} collected, empty when there was none. */
    static byte[] bytesOf(RoutingContext context) {
        Buffer body = context.body().buffer();
        return body == null ? new byte[0] : body.getBytes();
    }

    /** The field's value when it is present and not null, whatever its type. */
    Optional<JsonNode> optionalNode(String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    boolean has(String field) {
        JsonNode value = root.get(field);
        return value != null && !value.isNull();
    }

    String requiredString(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw RejectedRequest.invalid(field, "'" + field + "' is required.");
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return value.textValue();
    }

    ArrayNode requiredNonEmptyArray(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw RejectedRequest.invalid(field, "'" + field + "' is required.");
        }
        if (!(value instanceof ArrayNode array)) {
            throw wrongType(field, "an array", value);
        }
        if (array.isEmpty()) {
            throw RejectedRequest.invalid(field, "'" + field + "' must not be empty.");
        }
        return array;
    }

    boolean optionalBoolean(String field, boolean absent) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw wrongType(field, "a boolean", value);
        }
        return value.booleanValue();
    }

    OptionalInt optionalInt(String field, int min, int max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(intIn(field, value, min, max));
    }

    Optional<String> optionalString(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return Optional.of(value.textValue());
    }

    Optional<ObjectNode> optionalObject(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            throw wrongType(field, "an object", value);
        }
        return Optional.of(object);
    }

    /** Checks that {@code value}, found at {@code field}, is an integer in {@code min..max}. */
    static int intIn(String field, JsonNode value, int min, int max) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "an integer", value);
        }
        int number = value.intValue();
        if (number < min || number > max) {
            throw RejectedRequest.invalid(field, "'" + field + "' is " + number + " (expected: "
                    + (max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max) + ").");
        }
        return number;
    }

    static RejectedRequest wrongType(String field, String expected, JsonNode value) {
        return RejectedRequest.invalid(field, "Invalid type for '" + field + "': expected " + expected + ", but got "
                + value.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + abbreviated(value) + ".");
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
