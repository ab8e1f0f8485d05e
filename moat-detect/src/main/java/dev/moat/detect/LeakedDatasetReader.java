package dev.moat.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a suspected leaked training set for {@code moat trace}: JSON Lines where each line holds a
 * response, as {@code response}, {@code completion}, {@code output}, {@code answer} or {@code text}, or as the
 * last assistant turn of {@code messages} / {@code conversations} (OpenAI and ShareGPT layouts), or a
 * bare JSON string. Lines with none of these are errors that name the line.
 */
public final class LeakedDatasetReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] RESPONSE_FIELDS = {"response", "completion", "output", "answer", "text", "chosen"};

    private LeakedDatasetReader() {
    }

    /** Calls {@code sink} with each item's response text, in file order; returns the number of items. */
    public static long read(Path file, Consumer<String> sink) {
        long lineNumber = 0;
        long items = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new EventFormatException(file + " line " + lineNumber + ": not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")", e);
                }
                Optional<String> response = responseOf(node);
                if (response.isEmpty()) {
                    throw new EventFormatException(file + " line " + lineNumber + ": no response text (expected: a "
                            + "string, or an object with \"response\", \"completion\", \"output\", \"answer\", \"text\" "
                            + "or an assistant turn in \"messages\" / \"conversations\")");
                }
                sink.accept(response.get());
                items++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + file + ": " + e.getMessage(), e);
        }
        return items;
    }

    static Optional<String> responseOf(JsonNode node) {
        if (node.isTextual()) {
            return Optional.of(node.asText());
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        for (String field : RESPONSE_FIELDS) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual()) {
                return Optional.of(value.asText());
            }
        }
        for (String field : new String[] {"messages", "conversations"}) {
            JsonNode turns = node.get(field);
            if (turns != null && turns.isArray()) {
                for (int i = turns.size() - 1; i >= 0; i--) {
                    JsonNode turn = turns.get(i);
                    String role = turn.path("role").asText(turn.path("from").asText(""));
                    if (role.equals("assistant") || role.equals("gpt") || role.equals("model")) {
                        JsonNode content = turn.has("content") ? turn.get("content") : turn.get("value");
                        if (content != null && content.isTextual()) {
                            return Optional.of(content.asText());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
