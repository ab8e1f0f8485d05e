package dev.moat.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online verifier against the audit endpoints of the contract, served over real HTTP by the JDK's server
 * straight from a {@link TransparencyLog} (the same mapping moat-server makes), honest and dishonest.
 */
class HttpVerificationTest {
    @TempDir
    Path directory;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(TransparencyLog log, UnaryOperator<byte[]> entryRewriter) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/audit/", exchange -> {
            try {
                respond(exchange, log, entryRewriter);
            } catch (IllegalArgumentException e) {
                send(exchange, 400, e.getMessage().getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void respond(HttpExchange exchange, TransparencyLog log, UnaryOperator<byte[]> entryRewriter) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, Long> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        switch (path) {
            case "/audit/checkpoint" -> send(exchange, 200, log.checkpoint());
            case "/audit/key" -> send(exchange, 200, (log.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
            case "/audit/proof/inclusion" -> send(exchange, 200, hashes(log.inclusionProof(query.get("index"), query.get("size"))));
            case "/audit/proof/consistency" -> send(exchange, 200, hashes(log.consistencyProof(query.get("old"), query.get("size"))));
            case "/audit/entries" -> {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (byte[] entry : log.entries(query.get("start"), query.get("end"))) {
                    body.writeBytes(entryRewriter.apply(entry));
                    body.write('\n');
                }
                send(exchange, 200, body.toByteArray());
            }
            default -> {
                Optional<byte[]> tile = log.tile(path.substring("/audit/".length()));
                if (tile.isPresent()) {
                    send(exchange, 200, tile.get());
                } else {
                    send(exchange, 404, new byte[0]);
                }
            }
        }
    }

    private static byte[] hashes(List<byte[]> proof) {
        return CanonicalJson.toBytes(Map.of("hashes", proof.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList()));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private TransparencyLog logWith(int entries) throws Exception {
        TransparencyLog log = TransparencyLog.open(LogSettings.of(directory, "moat.test/audit").withBatch(128, Duration.ofMillis(5)));
        for (int n = 0; n < entries - 1; n++) {
            log.appendJson(Map.of("kind", "policy.change", "n", n));
        }
        log.appendJson(Map.of("kind", "policy.change", "n", entries - 1)).get(30, TimeUnit.SECONDS);
        return log;
    }

    @Test
    void anHonestLogVerifiesOverHttpAndGrowsConsistently() throws Exception {
        try (TransparencyLog log = logWith(600)) {
            URI base = serve(log, UnaryOperator.identity());
            NoteVerifier key = NoteVerifier.parse(log.verifierKey());
            Path state = directory.resolveSibling(directory.getFileName() + ".state");
            VerifiedCheckpoint first = new LogVerifier(new HttpLogSource(base), key).verify(Optional.of(state));
            assertThat(first.size()).isEqualTo(600);

            for (int n = 0; n < 99; n++) {
                log.appendJson(Map.of("kind", "key.created", "n", n));
            }
            log.appendJson(Map.of("kind", "key.created", "n", 99)).get(30, TimeUnit.SECONDS);
            VerifiedCheckpoint second = new LogVerifier(new HttpLogSource(base), key).verify(Optional.of(state));
            assertThat(second.size()).isEqualTo(700);
            assertThat(second.previouslyVerifiedSize()).hasValue(600);
        }
    }

    @Test
    void aServerThatAltersAnEntryIsCaught() throws Exception {
        try (TransparencyLog log = logWith(300)) {
            URI base = serve(log, entry -> new String(entry, StandardCharsets.UTF_8).equals("{\"kind\":\"policy.change\",\"n\":260}")
                    ? "{\"kind\":\"policy.change\",\"n\":261}".getBytes(StandardCharsets.UTF_8) : entry);
            NoteVerifier key = NoteVerifier.parse(log.verifierKey());
            assertThatThrownBy(() -> new LogVerifier(new HttpLogSource(base), key).verify(Optional.empty()))
                    .hasMessageContaining("entry 260 (in tile/entries/001.p/44)");
        }
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsRefused() throws Exception {
        try (TransparencyLog log = logWith(3)) {
            URI base = serve(log, UnaryOperator.identity());
            NoteVerifier stranger = NoteSigner.generate("moat.test/audit").verifier();
            assertThatThrownBy(() -> new LogVerifier(new HttpLogSource(base), stranger).verify(Optional.empty()))
                    .hasMessageContaining("no signature from a trusted key");
        }
    }

    @Test
    void anUnreachableLogIsReportedAsSuch() {
        NoteVerifier key = NoteSigner.generate("moat.test/audit").verifier();
        assertThatThrownBy(() -> new LogVerifier(new HttpLogSource(URI.create("http://127.0.0.1:1")), key).verify(Optional.empty()))
                .isInstanceOf(LogVerificationException.class).hasMessageContaining("cannot reach http://127.0.0.1:1/audit/checkpoint");
    }
}
