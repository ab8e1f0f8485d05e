package dev.moat.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * A plain HTTP/1.1 client for wire-format tests, on the JDK's {@link HttpClient}: the official SDKs are not
 * available here, so tests send the exact bytes an SDK would and assert the exact bytes that come back.
 * Calls block the calling (test) thread; never use it on an event loop. Thread-safe.
 */
public final class WireClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    /** @param baseUrl such as {@code http://127.0.0.1:8080}, without a trailing slash */
    public WireClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** POSTs {@code json} with {@code Content-Type: application/json} and the given header name/value pairs. */
    public HttpResponse<String> post(String path, String json, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Like {@link #post}, but returns as soon as the headers arrive; the body is read line by line, lazily. */
    public HttpResponse<Stream<String>> postStreaming(String path, String json, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofLines());
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers: " + headers.length + " strings (expected: name/value pairs)");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("content-type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a response", e);
        }
    }
}
