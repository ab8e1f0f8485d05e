package dev.moat.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a {@link StubUpstream} received it.
 *
 * @param method  the HTTP method, such as {@code POST}
 * @param uri     the path with its query string, such as {@code /v1/chat/completions}
 * @param headers every header, names in lower case, values in the order received
 * @param body    the body as UTF-8 text, empty when there was none
 */
public record RecordedRequest(String method, String uri, Map<String, List<String>> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The path without its query string. */
    public String path() {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** The first value of header {@code name} (any case). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The body parsed as JSON; fails the test with the body in the message when it is not JSON. */
    public JsonNode bodyJson() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the stub received a body that is not JSON: " + body, e);
        }
    }
}
