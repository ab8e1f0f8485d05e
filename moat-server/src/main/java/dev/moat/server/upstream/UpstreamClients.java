package dev.moat.server.upstream;

import dev.moat.server.config.MoatConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pooled, keep-alive HTTP client per upstream, and the upstream's own API key read from the
 * environment variable the configuration names. The key is held in memory only.
 */
public final class UpstreamClients implements AutoCloseable {

    private final Map<String, HttpClient> clients = new HashMap<>();
    private final Map<String, String> keys = new HashMap<>();
    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    public UpstreamClients(Vertx vertx, List<MoatConfig.Upstream> upstreams, Map<String, String> env) {
        for (MoatConfig.Upstream upstream : upstreams) {
            boolean tls = "https".equals(upstream.baseUrl().getScheme());
            HttpClientOptions options = new HttpClientOptions()
                    .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                    .setKeepAlive(true)
                    .setSsl(tls)
                    .setTcpNoDelay(true)
                    .setDecompressionSupported(false);
            PoolOptions pool = new PoolOptions().setHttp1MaxSize(upstream.maxConnections());
            clients.put(upstream.name(), vertx.createHttpClient(options, pool));
            keys.put(upstream.name(), upstream.apiKeyEnv().map(env::get).orElse(""));
        }
    }

    public HttpClient client(String upstream) {
        return clients.get(upstream);
    }

    /** The upstream's API key, or empty when none is configured. */
    public String key(String upstream) {
        return keys.getOrDefault(upstream, "");
    }

    /** Names of configured upstreams whose {@code api_key_env} variable is not set. */
    public List<String> missingKeys(List<MoatConfig.Upstream> upstreams) {
        List<String> missing = new ArrayList<>();
        for (MoatConfig.Upstream upstream : upstreams) {
            if (upstream.apiKeyEnv().isPresent() && key(upstream.name()).isEmpty()) {
                missing.add(upstream.name() + " (" + upstream.apiKeyEnv().get() + ")");
            }
        }
        return missing;
    }

    /**
     * Options for one POST of {@code clientPath} to {@code upstream}. The URL is parsed once per upstream and
     * path, not per request (parsing it showed up in the gateway's profile).
     */
    public RequestOptions postOptions(MoatConfig.Upstream upstream, String clientPath) {
        Target target = targets.computeIfAbsent(upstream.name() + ' ' + clientPath, k -> Target.of(url(upstream, clientPath)));
        return new RequestOptions().setMethod(HttpMethod.POST).setHost(target.host).setPort(target.port)
                .setSsl(target.ssl).setURI(target.uri).setIdleTimeout(upstream.timeout().toMillis());
    }

    /** Where requests for one upstream path go, taken apart once. */
    private record Target(String host, int port, boolean ssl, String uri) {
        static Target of(String url) {
            URI parsed = URI.create(url);
            boolean ssl = "https".equals(parsed.getScheme());
            int port = parsed.getPort() != -1 ? parsed.getPort() : ssl ? 443 : 80;
            String uri = parsed.getRawPath() + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
            String host = parsed.getHost();
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1); // an IPv6 literal, given to the client without brackets
            }
            return new Target(host, port, ssl, uri);
        }
    }

    /** The full URL of {@code clientPath} (e.g. /v1/messages) on the upstream. */
    public static String url(MoatConfig.Upstream upstream, String clientPath) {
        String base = upstream.baseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith("/v1") ? base + clientPath.substring(3) : base + clientPath;
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::close);
    }
}
