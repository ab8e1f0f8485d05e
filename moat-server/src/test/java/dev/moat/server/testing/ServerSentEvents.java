package dev.moat.server.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writing and reading server-sent events for tests: frames to script a {@link StubUpstream}, and a strict
 * parser for asserting what a client received.
 */
public final class ServerSentEvents {

    /** One event: its {@code event:} name when it had one, and its {@code data:} lines joined by newlines. */
    public record Event(Optional<String> name, String data) {
    }

    private ServerSentEvents() {
    }

    /** {@code data: DATA\n\n}, OpenAI's framing. */
    public static String data(String data) {
        return "data: " + data + "\n\n";
    }

    /** {@code event: NAME\ndata: DATA\n\n}, Anthropic's framing. */
    public static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    /**
     * Parses a complete event stream. Strict where the wire format is: every event must end with a blank line
     * (a trailing partial event is an error, since it means the stream was cut), lines must be
     * {@code field: value}, and comments ({@code : …}) are skipped.
     *
     * @throws IllegalArgumentException naming the offending line when the text is not a well-formed stream
     */
    public static List<Event> parse(String stream) {
        List<Event> events = new ArrayList<>();
        Optional<String> name = Optional.empty();
        List<String> data = new ArrayList<>();
        boolean open = false;
        String[] lines = stream.split("\n", -1);
        if (!lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("stream ends inside a line: " + lines[lines.length - 1]);
        }
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                if (open) {
                    events.add(new Event(name, String.join("\n", data)));
                    name = Optional.empty();
                    data.clear();
                    open = false;
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not 'field: value': " + line);
            }
            String field = line.substring(0, colon);
            String value = line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            switch (field) {
                case "event" -> name = Optional.of(value);
                case "data" -> data.add(value);
                case "id", "retry" -> { }
                default -> throw new IllegalArgumentException("line " + (i + 1) + " has unknown field '" + field
                        + "': " + line);
            }
            open = true;
        }
        if (open) {
            throw new IllegalArgumentException("stream ends without the blank line that closes its last event");
        }
        return events;
    }
}
