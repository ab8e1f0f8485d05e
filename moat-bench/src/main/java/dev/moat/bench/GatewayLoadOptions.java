package dev.moat.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link GatewayLoad} run does: where it sends, how fast, how many requests, and which
 * of them are warm-up (sent at the same rate but left out of the histograms).
 *
 * @param url         target, e.g. {@code http://127.0.0.1:8080/v1/chat/completions}; loopback only
 * @param rate        requests per second, fixed (open loop)
 * @param count       requests measured after the warm-up
 * @param warmup      requests sent first and not measured
 * @param connections keep-alive connections the client may open
 * @param body        the POST body
 * @param headers     extra request headers as {@code name: value}
 * @param drainWait   how long to wait for outstanding answers after the last request was sent
 * @param label       a name printed with the result line
 */
record GatewayLoadOptions(URI url, int rate, long count, long warmup, int connections, byte[] body,
                          List<String[]> headers, Duration drainWait, String label) {

    GatewayLoadOptions {
        String host = url.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"[::1]".equals(host)) {
            throw new IllegalArgumentException("--url: " + url + " is not a loopback address (expected http://127.0.0.1:PORT/…; "
                    + "the load generator only targets this machine)");
        }
        if (rate < 1 || rate > 200_000) {
            throw new IllegalArgumentException("--rate: " + rate + " (expected 1..200000 requests per second)");
        }
        if (count < 1 || count > 20_000_000) {
            throw new IllegalArgumentException("--count: " + count + " (expected 1..20000000 requests)");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup: " + warmup + " (expected 0 or more requests)");
        }
        if (connections < 1 || connections > 4096) {
            throw new IllegalArgumentException("--connections: " + connections + " (expected 1..4096)");
        }
    }

    /** Parses {@code --name value} pairs; see the README in moat-bench/load for each option. */
    static GatewayLoadOptions parse(String[] args) {
        URI url = null;
        int rate = 1000;
        long count = 10_000;
        long warmup = 0;
        int connections = 64;
        byte[] body = new byte[0];
        List<String[]> headers = new ArrayList<>();
        Duration drainWait = Duration.ofSeconds(30);
        String label = "load";
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + ": missing value (options are --name value pairs)");
            }
            String value = args[i + 1];
            switch (name) {
                case "--url" -> url = URI.create(value);
                case "--rate" -> rate = Integer.parseInt(value);
                case "--count" -> count = Long.parseLong(value);
                case "--warmup" -> warmup = Long.parseLong(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--body" -> body = read(Path.of(value));
                case "--header" -> headers.add(header(value));
                case "--drain-seconds" -> drainWait = Duration.ofSeconds(Long.parseLong(value));
                case "--label" -> label = value;
                default -> throw new IllegalArgumentException(name + ": unknown option (expected --url, --rate, --count, "
                        + "--warmup, --connections, --body, --header, --drain-seconds, --label)");
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url: missing (expected e.g. http://127.0.0.1:8080/v1/chat/completions)");
        }
        return new GatewayLoadOptions(url, rate, count, warmup, connections, body, List.copyOf(headers), drainWait, label);
    }

    private static String[] header(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--header: '" + value + "' (expected 'name: value')");
        }
        return new String[] {value.substring(0, colon).trim(), value.substring(colon + 1).trim()};
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--body: cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    int port() {
        return url.getPort() > 0 ? url.getPort() : 80;
    }

    String pathAndQuery() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
