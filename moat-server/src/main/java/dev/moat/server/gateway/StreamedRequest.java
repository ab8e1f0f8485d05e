package dev.moat.server.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request body read in one streaming pass, keeping only what a dialect reads to make the request's facts:
 * the top-level members it names (small values: model, limits, flags, tools), and the conversation as a list of
 * role and text — without building a tree of the whole body, whose bulk (the messages) would be thrown away.
 *
 * <p>What it keeps equals what the body's tree would give the dialect, member for member: a member given twice
 * counts with its last value (as in a tree), a kept member's value is the node the tree would hold, and a message's
 * text is joined from its content parts exactly as {@link MessageText#of} joins them. The whole root object is read
 * before anything is judged, so a syntax error anywhere in it is reported as such, at the same place the tree reader
 * would report it, before any complaint about a member. A body that is not an object is read as a tree, to fail or
 * to be refused exactly as before. The tree itself is built only when a stage edits the body ({@link Call#body()}).
 *
 * @param members  the named top-level members that were present, with their values
 * @param messages the {@code messages} member when its (last) value was an array; empty when it was missing or was
 *                 anything else
 */
record StreamedRequest(ObjectNode members, Optional<List<Message>> messages) {

    /**
     * One element of {@code messages}.
     *
     * @param role the {@code role} when it was a string, else null (missing, or not a string, or the element was
     *             not an object)
     * @param text the text of {@code content} ("" when missing or null), else null when {@code content} was neither
     *             a string nor a list
     */
    record Message(String role, String text) {
    }

    /** Reads {@code body}, keeping the top-level {@code memberNames}; throws a 400 for a body that is not a JSON object. */
    static StreamedRequest read(Buffer body, Set<String> memberNames) {
        try (JsonParser parser = ApiDialect.parser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    ApiDialect.JSON.readTree(parser); // a malformed body fails here with the tree reader's message
                }
                throw new GatewayException(GatewayError.badRequest("The request body must be a JSON object."));
            }
            ObjectNode members = ApiDialect.JSON.createObjectNode();
            List<Message> messages = null;
            while (ApiDialect.nextField(parser)) {
                String name = parser.currentName();
                if (name.equals("messages")) {
                    messages = parser.currentToken() == JsonToken.START_ARRAY ? readMessages(parser) : null;
                    if (messages == null) {
                        parser.skipChildren();
                    }
                } else if (memberNames.contains(name)) {
                    members.set(name, value(parser));
                } else {
                    parser.skipChildren();
                }
            }
            return new StreamedRequest(members, Optional.ofNullable(messages));
        } catch (JsonProcessingException e) {
            throw new GatewayException(invalidJson(e));
        } catch (IOException e) {
            throw new GatewayException(GatewayError.badRequest("The request body could not be read: " + e.getMessage()));
        }
    }

    /** The 400 for a body that is not JSON: what is wrong and where. */
    static GatewayError invalidJson(JsonProcessingException e) {
        return GatewayError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage()
                + " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }

    /** The current value as the tree would hold it: scalars built directly, anything else read as a (small) tree. */
    private static JsonNode value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.instance;
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.INT
                    ? IntNode.valueOf(parser.getIntValue()) : ApiDialect.JSON.readTree(parser);
            case VALUE_NUMBER_FLOAT -> parser.getNumberType() == JsonParser.NumberType.DOUBLE
                    ? DoubleNode.valueOf(parser.getDoubleValue()) : ApiDialect.JSON.readTree(parser);
            default -> ApiDialect.JSON.readTree(parser);
        };
    }

    private static List<Message> readMessages(JsonParser parser) throws IOException {
        List<Message> messages = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                messages.add(new Message(null, ""));
                continue;
            }
            String role = null;
            String text = "";
            while (ApiDialect.nextField(parser)) {
                switch (parser.currentName()) {
                    case "role" -> role = ApiDialect.textOrNull(parser);
                    case "content" -> text = content(parser);
                    default -> parser.skipChildren();
                }
            }
            messages.add(new Message(role, text));
        }
        return messages;
    }

    /** {@code content} as {@link MessageText#of} reads it: a string, null, or a list of parts whose texts are joined. */
    private static String content(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_NULL -> {
                return "";
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case START_ARRAY -> {
                StringBuilder text = new StringBuilder();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String partText = partText(parser);
                    if (partText != null) {
                        if (!text.isEmpty()) {
                            text.append('\n');
                        }
                        text.append(partText);
                    }
                }
                return text.toString();
            }
            default -> {
                parser.skipChildren();
                return null;
            }
        }
    }

    /** A content part's (last) {@code text} when it is a string; null for anything else. */
    private static String partText(JsonParser parser) throws IOException {
        if (!ApiDialect.isObject(parser)) {
            return null;
        }
        String text = null;
        while (ApiDialect.nextField(parser)) {
            if (parser.currentName().equals("text")) {
                text = ApiDialect.textOrNull(parser);
            } else {
                parser.skipChildren();
            }
        }
        return text;
    }
}
