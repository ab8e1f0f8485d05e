package dev.moat.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The demo's HTTP client: what an administrator and a client developer would send, over real HTTP
 * to Moat's admin and gateway listeners.
 */
final class DemoClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminBase;
    private final String gatewayBase;
    private final String adminToken;

    DemoClient(int adminPort, int gatewayPort, String adminToken) {
        this.adminBase = "http://127.0.0.1:" + adminPort;
        this.gatewayBase = "http://127.0.0.1:" + gatewayPort;
        this.adminToken = adminToken;
    }

    /** A response's status and body (for streams: the concatenated events). */
    record Reply(int status, String body, long firstByteMillis) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }
    }

    JsonNode admin(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminBase + path))
                .header("authorization", "Bearer " + adminToken)
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Calls the gateway as a client SDK would; {@code anthropic} selects /v1/messages. */
    Reply call(String key, boolean anthropic, Object body, boolean stream) throws IOException, InterruptedException {
        return call(key, anthropic, body, stream, java.util.Map.of());
    }

    /** Like {@link #call(String, boolean, Object, boolean)} with extra headers (user agent, X-Forwarded-For). */
    Reply call(String key, boolean anthropic, Object body, boolean stream, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayBase
                        + (anthropic ? "/v1/messages" : "/v1/chat/completions")))
                .header("content-type", "application/json")
                .header("user-agent", anthropic ? "anthropic-sdk-demo/0.1" : "openai-sdk-demo/0.1")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach((name, value) -> {
            if (!value.isEmpty()) {
                request.setHeader(name, value);
            }
        });
        if (anthropic) {
            request.header("x-api-key", key).header("anthropic-version", "2023-06-01");
        } else {
            request.header("authorization", "Bearer " + key);
        }
        long start = System.nanoTime();
        if (!stream) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), (System.nanoTime() - start) / 1_000_000);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        StringBuilder events = new StringBuilder();
        long[] firstByte = {-1};
        response.body().forEach(line -> {
            if (firstByte[0] < 0) {
                firstByte[0] = (System.nanoTime() - start) / 1_000_000;
            }
            events.append(line).append('\n');
        });
        return new Reply(response.statusCode(), events.toString(), firstByte[0]);
    }
}
