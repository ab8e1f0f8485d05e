package dev.moat.server.standin;

import io.vertx.core.Vertx;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Measures the stand-in by hand (not a test: numbers depend on the machine): how many unpaced requests a
 * second it answers, JSON and SSE, with 16 concurrent clients in the same JVM; and, with the default pacing,
 * how close its time to first token and its stream durations come to the configured ones.
 *
 * <pre>
 * ./mvnw -B -q -pl moat-server -Dmoat.build.suffix=-standin dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/standin-cp.txt -Dmdep.includeScope=test
 * ./mvnw -B -q -pl moat-server -Dmoat.build.suffix=-standin test-compile
 * java -cp moat-server/target-standin/classes:moat-server/target-standin/test-classes:$(cat /tmp/standin-cp.txt) \
 *     dev.moat.server.standin.StandInProbe 2000
 * </pre>
 */
public final class StandInProbe {

    private static final String BODY = "{\"model\":\"moat-standin-small\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Probe %d: a prompt of some length, so that the reply looks like a real one.\"}]%s}";
    private static final int CLIENTS = 16;
    private static final int PACED_STREAMS = 10;

    private StandInProbe() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Vertx vertx = Vertx.vertx();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            StandInModel unpaced = StandInModel.start(vertx, StandInSettings.defaults().withoutPacing()).await();
            URI chat = URI.create("http://127.0.0.1:" + unpaced.port() + "/v1/chat/completions");
            for (String mode : List.of("json", "sse")) {
                String extra = mode.equals("json") ? "" : ",\"stream\":true,\"stream_options\":{\"include_usage\":true}";
                for (String round : List.of("warm-up", "measured")) {
                    long start = System.nanoTime();
                    int ok = throughput(http, chat, extra, requests);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("unpaced %s %s: %d/%d answered 200 in %.2f s = %.0f requests/s%n",
                            mode, round, ok, requests, seconds, requests / seconds);
                }
            }
            unpaced.close().await();

            StandInModel paced = StandInModel.start(vertx, StandInSettings.defaults()).await();
            URI pacedChat = URI.create("http://127.0.0.1:" + paced.port() + "/v1/chat/completions");
            List<Long> firstTokens = new ArrayList<>();
            List<Long> durations = new ArrayList<>();
            List<Long> configured = new ArrayList<>();
            for (int i = 0; i < PACED_STREAMS; i++) {
                long start = System.nanoTime();
                HttpResponse<Stream<String>> response = http.send(post(pacedChat, i, ",\"stream\":true"),
                        HttpResponse.BodyHandlers.ofLines());
                long firstToken = -1;
                int tokens = 0;
                try (Stream<String> lines = response.body()) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.contains("\"delta\":{\"content\":")) {
                            firstToken = firstToken < 0 ? System.nanoTime() - start : firstToken;
                            tokens++;
                        }
                    }
                }
                firstTokens.add(firstToken / 1_000_000);
                durations.add((System.nanoTime() - start) / 1_000_000);
                configured.add(StandInSettings.DEFAULT_FIRST_TOKEN_DELAY.toMillis()
                        + StandInSettings.DEFAULT_CHUNK_DELAY.toMillis() * (tokens - 1));
            }
            System.out.println("paced time to first token, ms:       " + firstTokens);
            System.out.println("paced stream duration, ms:           " + durations);
            System.out.println("configured stream duration, ms:      " + configured);
            paced.close().await();
        } finally {
            vertx.close().await();
        }
    }

    private static int throughput(HttpClient http, URI chat, String extra, int requests) {
        AtomicInteger ok = new AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int i = 0; i < requests; i++) {
                int number = i;
                clients.submit(() -> {
                    if (http.send(post(chat, number, extra), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        ok.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        return ok.get();
    }

    private static HttpRequest post(URI uri, int number, String extra) {
        return HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(number, extra)))
                .build();
    }
}
