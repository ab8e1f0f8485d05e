package dev.moat.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a log from a Moat admin listener with the JDK HttpClient, through the endpoints of the contract:
 * {@code /audit/checkpoint}, {@code /audit/tile/...}, {@code /audit/entries?start=S&end=E} (one entry per line),
 * {@code /audit/proof/inclusion?index=I&size=N} and {@code /audit/proof/consistency?old=M&size=N}
 * ({@code {"hashes":[base64...]}}).
 */
public final class HttpLogSource implements LogSource {
    private final URI base;
    private final HttpClient client;

    /** @param base the admin listener's base URL, such as {@code http://127.0.0.1:8081} */
    public HttpLogSource(URI base, HttpClient client) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.client = client;
    }

    public HttpLogSource(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    @Override
    public byte[] checkpoint() {
        return get("/audit/checkpoint").orElseThrow(() -> new LogVerificationException(base + "/audit/checkpoint was not found"));
    }

    @Override
    public Optional<byte[]> tile(TilePath path) {
        return get("/audit/" + path);
    }

    @Override
    public List<byte[]> entries(long start, long end) {
        String query = "/audit/entries?start=" + start + "&end=" + end;
        byte[] body = get(query).orElseThrow(() -> new LogVerificationException(base + query + " was not found"));
        List<byte[]> entries = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n') {
                entries.add(Arrays.copyOfRange(body, lineStart, i));
                lineStart = i + 1;
            }
        }
        if (lineStart != body.length) {
            throw new LogVerificationException(base + query + " ended without a final newline: the response is truncated");
        }
        return entries;
    }

    @Override
    public List<byte[]> inclusionProof(long index, long treeSize) {
        return proof("/audit/proof/inclusion?index=" + index + "&size=" + treeSize);
    }

    @Override
    public List<byte[]> consistencyProof(long oldSize, long treeSize) {
        return proof("/audit/proof/consistency?old=" + oldSize + "&size=" + treeSize);
    }

    @Override
    public String location() {
        return base.toString();
    }

    private List<byte[]> proof(String pathAndQuery) {
        byte[] body = get(pathAndQuery).orElseThrow(() -> new LogVerificationException(base + pathAndQuery + " was not found"));
        try {
            Object json = JsonReader.parse(new String(body, StandardCharsets.UTF_8));
            if (!(json instanceof Map<?, ?> object) || !(object.get("hashes") instanceof List<?> hashes)) {
                throw new LogVerificationException(base + pathAndQuery + " did not return {\"hashes\":[...]}");
            }
            List<byte[]> proof = new ArrayList<>();
            for (Object hash : hashes) {
                if (!(hash instanceof String text)) {
                    throw new LogVerificationException(base + pathAndQuery + " returned a hash that is not a string");
                }
                proof.add(Base64.getDecoder().decode(text));
            }
            return proof;
        } catch (IllegalArgumentException e) {
            throw new LogVerificationException(base + pathAndQuery + " returned malformed JSON or base64: " + e.getMessage(), e);
        }
    }

    private Optional<byte[]> get(String pathAndQuery) {
        URI uri = URI.create(base + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new LogVerificationException("cannot reach " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogVerificationException("interrupted while fetching " + uri, e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new LogVerificationException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        return Optional.of(response.body());
    }
}
