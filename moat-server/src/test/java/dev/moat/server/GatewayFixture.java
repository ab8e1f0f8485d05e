package dev.moat.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.server.config.ConfigLoader;
import dev.moat.server.config.MoatConfig;
import dev.moat.server.testing.StubUpstream;
import dev.moat.server.testing.WireClient;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Moat server on ephemeral ports in front of a scriptable {@link StubUpstream} that serves
 * {@code model-a} and {@code model-b} through both APIs, with a temporary data directory. Tests
 * talk to it over HTTP only.
 */
final class GatewayFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    static final String UPSTREAM_KEY = "sk-upstream-secret-for-tests";

    final Vertx vertx = Vertx.vertx();
    final StubUpstream upstream;
    final Path dataDir;
    private final MoatConfig config;
    private final Map<String, String> env;
    MoatServer server;
    WireClient gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    GatewayFixture() {
        this("");
    }

    /** @param extraYaml more top-level settings, e.g. {@code gateway: {max_body_bytes: 1000}} */
    GatewayFixture(String extraYaml) {
        this(extraYaml, null);
    }

    GatewayFixture(String extraYaml, String upstreamTimeout) {
        try {
            upstream = StubUpstream.start(vertx).await();
            dataDir = Files.createTempDirectory("moat-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String timeout = upstreamTimeout == null ? "" : ", timeout: " + upstreamTimeout;
        String yaml = """
                data_dir: %s
                listen: {gateway: "127.0.0.1:0", admin: "127.0.0.1:0"}
                admin_token_env: TEST_ADMIN_TOKEN
                upstreams:
                  - {name: stub-openai, api: openai, base_url: "%s", api_key_env: TEST_UPSTREAM_KEY, models: [model-a, model-b]%s}
                  - {name: stub-anthropic, api: anthropic, base_url: "%s/v1", api_key_env: TEST_UPSTREAM_KEY, models: [model-a, model-b]%s}
                %s
                """.formatted(dataDir, upstream.baseUrl(), timeout, upstream.baseUrl(), timeout, extraYaml);
        env = Map.of("TEST_ADMIN_TOKEN", ADMIN_TOKEN, "TEST_UPSTREAM_KEY", UPSTREAM_KEY);
        config = ConfigLoader.fromYaml(yaml, env);
        server = new MoatServer(config, env).start();
        gateway = new WireClient("http://127.0.0.1:" + server.gatewayPort());
    }

    /** Stops Moat and starts it again on the same data directory (new ports; everything in memory is rebuilt from disk). */
    void restart() {
        server.close();
        server = new MoatServer(config, env).start();
        gateway = new WireClient("http://127.0.0.1:" + server.gatewayPort());
    }

    /** An admin API call; returns status and parsed body. */
    record AdminReply(int status, JsonNode body) {
    }

    AdminReply admin(String method, String path, String json) {
        return admin(method, path, json, ADMIN_TOKEN);
    }

    AdminReply admin(String method, String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("content-type", "application/json");
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new AdminReply(response.statusCode(), body);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The usage event of the request that got {@code response} (found by its x-request-id; events of
     * calls that end at the same moment may be stored in either order, so "the latest" is not enough).
     */
    JsonNode eventOf(java.net.http.HttpResponse<?> response, String orgId) {
        return eventOf(response.headers().firstValue("x-request-id").orElseThrow(), orgId);
    }

    /** The usage event of request {@code requestId} ({@code req_…}), once the usage writer has stored it. */
    JsonNode eventOf(String requestId, String orgId) {
        String eventId = "evt_" + requestId.substring(4);
        for (int attempt = 0; attempt < 50; attempt++) {
            for (JsonNode event : admin("GET", "/admin/v1/events?org=" + orgId + "&limit=200", null).body().path("events")) {
                if (event.path("id").asText().equals(eventId)) {
                    return event;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no usage event " + eventId);
    }

    String adminText(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An organisation and one key, as an administrator would set them up. */
    record Tenant(String orgId, String keyId, String key) {
    }

    /** Creates an approved organisation with one key for {@code models} and the given limits JSON. */
    Tenant approvedTenant(String name, String models, String limitsJson) {
        Tenant tenant = tenant(name, models, limitsJson);
        AdminReply approved = admin("POST", "/admin/v1/orgs/" + tenant.orgId() + "/approve", "{}");
        if (approved.status() != 200) {
            throw new IllegalStateException("approve failed: " + approved.body());
        }
        return tenant;
    }

    /** Creates a pending organisation with one key. */
    Tenant tenant(String name, String models, String limitsJson) {
        AdminReply org = admin("POST", "/admin/v1/orgs", """
                {"name":"%s","country":"GB","contact_email":"ops@example.com","tier":"enterprise"}""".formatted(name));
        if (org.status() != 201) {
            throw new IllegalStateException("create org failed: " + org.body());
        }
        String orgId = org.body().get("id").asText();
        AdminReply key = admin("POST", "/admin/v1/orgs/" + orgId + "/keys",
                "{\"name\":\"k\",\"models\":" + models + (limitsJson == null ? "" : ",\"limits\":" + limitsJson) + "}");
        if (key.status() != 201) {
            throw new IllegalStateException("create key failed: " + key.body());
        }
        return new Tenant(orgId, key.body().get("id").asText(), key.body().get("key").asText());
    }

    @Override
    public void close() {
        server.close();
        upstream.close().await();
        vertx.close().await();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
