package dev.moat.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.server.MoatServer;
import dev.moat.server.config.ConfigLoader;
import dev.moat.server.config.MoatConfig;
import dev.moat.server.identity.KeySecrets;
import dev.moat.server.standin.StandInModel;
import dev.moat.server.standin.StandInSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * {@code moat demo}: Moat end to end on one machine. It starts a local stand-in model (not a real
 * model), the gateway and the admin API; onboards a few organisations through the admin API; and
 * drives client traffic through both wire formats, streaming included — allowed calls, a key
 * calling a model it is not entitled to, an organisation that is not approved, a rate limit being
 * hit, an organisation suspended and a key revoked mid-run — printing what Moat decided.
 */
public final class Demo {

    private static final String[] PROMPTS = {
            "Summarise the main causes of the 1929 stock market crash in three bullet points.",
            "Write a polite e-mail asking a supplier to confirm next week's delivery date.",
            "Explain the difference between a process and a thread to a new engineer.",
            "Suggest a name for a bakery that specialises in sourdough bread.",
            "What should I check before signing a residential lease?",
            "Translate 'the meeting has been moved to Thursday' into German and French.",
    };

    private final Duration duration;
    private final Path dataDir;
    private final PrintStream out;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private String geoNote = "";

    public Demo(Duration duration, Path dataDir, PrintStream out) {
        this.duration = duration;
        this.dataDir = dataDir;
        this.out = out;
    }

    /** Ends the traffic early (Ctrl-C); the final summary is still printed. */
    public void stop() {
        stopping.set(true);
    }

    public void run() throws Exception {
        deleteRecursively(dataDir);
        String adminToken = KeySecrets.randomBase62(32);
        StandInModel model;
        io.vertx.core.Vertx standInVertx = io.vertx.core.Vertx.vertx();
        // Brisk pacing, so a simulated day of traffic fits into the demo; still streamed token by token.
        model = StandInModel.start(standInVertx, StandInSettings.defaults()
                .withPacing(Duration.ofMillis(40), Duration.ofMillis(2))).await();
        String yaml = """
                data_dir: %s
                listen: {gateway: "127.0.0.1:0", admin: "127.0.0.1:0"}
                admin_token_env: MOAT_DEMO_ADMIN_TOKEN
                trusted_proxies: [127.0.0.1/32]
                %s
                upstreams:
                  - {name: standin-openai, api: openai, base_url: "http://127.0.0.1:%d", models: [moat-standin-small, moat-standin-large]}
                  - {name: standin-anthropic, api: anthropic, base_url: "http://127.0.0.1:%d", models: [moat-standin-small, moat-standin-large]}
                """.formatted(dataDir.toAbsolutePath(), networkSettings(), model.port(), model.port());
        Map<String, String> env = Map.of("MOAT_DEMO_ADMIN_TOKEN", adminToken);
        MoatConfig config = ConfigLoader.fromYaml(yaml, env);
        try (MoatServer server = new MoatServer(config, env).start()) {
            DemoClient client = new DemoClient(server.adminPort(), server.gatewayPort(), adminToken);
            banner(server, model, adminToken);
            Cast cast = onboard(client);
            drive(client, cast);
            summary(client, cast);
            if (!stopping.get()) {
                new CampaignReplay(client, out, stopping).run(duration.multipliedBy(7).dividedBy(10));
            }
            out.printf("Done. The database and the audit log are in %s; `./moat audit verify --data-dir %s` checks the log.%n",
                    dataDir.toAbsolutePath(), dataDir);
        } finally {
            model.close().await();
            standInVertx.close().await();
        }
    }

    private void banner(MoatServer server, StandInModel model, String adminToken) {
        out.println();
        out.println("Moat demo — everything runs locally on this machine.");
        out.printf("  stand-in model   http://127.0.0.1:%d   (Moat's local stand-in that speaks the OpenAI and Anthropic formats; NOT a real model)%n", model.port());
        out.printf("  gateway          http://127.0.0.1:%d   (POST /v1/chat/completions, POST /v1/messages, GET /v1/models)%n", server.gatewayPort());
        out.printf("  admin API        http://127.0.0.1:%d   (token: %s)%n", server.adminPort(), adminToken);
        out.printf("  data             %s%n", dataDir.toAbsolutePath());
        out.printf("  network          %s%n", geoNote);
        out.printf("  try, while it runs:  curl -s -H 'authorization: Bearer %s' 'http://127.0.0.1:%d/admin/v1/orgs' | head -c 600%n",
                adminToken, server.adminPort());
        out.println();
    }

    /** The organisations and keys of the demo. */
    private record Cast(Map<String, String> orgIds, Map<String, String> keys, Map<String, String> keyIds) {
    }

    private Cast onboard(DemoClient client) throws IOException, InterruptedException {
        out.println("1. Onboarding organisations through the admin API");
        Map<String, String> orgIds = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> keyIds = new LinkedHashMap<>();
        record Org(String label, String name, String country, String tier, boolean approve, List<String> models,
                   Map<String, Object> limits) {
        }
        List<Org> orgs = List.of(
                new Org("northwind", "Northwind Research Ltd", "GB", "enterprise", true,
                        List.of("moat-standin-small", "moat-standin-large"), Map.of()),
                new Org("contoso", "Contoso Health GmbH", "DE", "standard", true, List.of("moat-standin-small"),
                        Map.of("requests_per_minute", 20, "tokens_per_minute", 20_000)),
                new Org("umbrella", "Umbrella Trading Co", "JP", "standard", true, List.of("moat-standin-small"), Map.of()),
                new Org("initech", "Initech Analytics Inc", "US", "self-serve", false, List.of("moat-standin-small"), Map.of()));
        for (Org org : orgs) {
            ObjectNode body = DemoClient.JSON.createObjectNode();
            body.put("name", org.name()).put("country", org.country()).put("tier", org.tier())
                    .put("contact_email", "platform@" + org.label() + ".example").put("intended_use", "internal assistants");
            body.putArray("owners").addObject().put("name", org.name() + " Holdings").put("type", "organization")
                    .put("country", org.country()).put("share_percent", 100);
            JsonNode created = client.admin("POST", "/admin/v1/orgs", body);
            String id = created.get("id").asText();
            orgIds.put(org.label(), id);
            String status = created.get("status").asText();
            if (org.approve()) {
                status = client.admin("POST", "/admin/v1/orgs/" + id + "/approve", Map.of("note", "vetted for the demo"))
                        .get("status").asText();
            }
            JsonNode key = client.admin("POST", "/admin/v1/orgs/" + id + "/keys",
                    Map.of("name", org.label() + "-key", "models", org.models(), "limits", org.limits()));
            keys.put(org.label(), key.get("key").asText());
            keyIds.put(org.label(), key.get("id").asText());
            out.printf("   %-24s %-3s %-11s status=%-9s screening=%-13s key for %s%s%n", org.name(), org.country(), org.tier(),
                    status, created.path("screening").path("decision").asText(), org.models(),
                    org.limits().isEmpty() ? "" : " limits " + org.limits());
        }
        out.println();
        return new Cast(orgIds, keys, keyIds);
    }

    private void drive(DemoClient client, Cast cast) throws IOException, InterruptedException {
        Duration walkthrough = duration.multipliedBy(3).dividedBy(10);
        out.printf("2. Client traffic for %d s (Ctrl-C ends it early) — each line is one call through the gateway%n",
                walkthrough.toSeconds());
        long start = System.nanoTime();
        long end = start + walkthrough.toNanos();
        boolean suspended = false;
        boolean revoked = false;
        Map<String, Integer> shown = new LinkedHashMap<>();
        int round = 0;
        while (System.nanoTime() < end && !stopping.get()) {
            double progress = (System.nanoTime() - start) / (double) walkthrough.toNanos();
            if (!suspended && progress > 0.4) {
                client.admin("POST", "/admin/v1/orgs/" + cast.orgIds().get("umbrella") + "/suspend",
                        Map.of("note", "demo: suspended by trust & safety"));
                out.println("   ── admin: Umbrella Trading Co suspended; its key stops working at once");
                suspended = true;
            }
            if (!revoked && progress > 0.6) {
                client.admin("DELETE", "/admin/v1/keys/" + cast.keyIds().get("northwind"), null);
                out.println("   ── admin: Northwind's key revoked; it stops working at once");
                revoked = true;
            }
            String prompt = PROMPTS[round % PROMPTS.length];
            List<Runnable> calls = new ArrayList<>();
            int r = round;
            calls.add(() -> call(client, shown, "northwind", cast, r % 2 == 0, r % 3 == 0, "moat-standin-large", prompt));
            calls.add(() -> call(client, shown, "contoso", cast, false, false, "moat-standin-small", prompt));
            calls.add(() -> call(client, shown, "contoso", cast, false, false, "moat-standin-small", prompt));
            if (round % 5 == 1) {
                calls.add(() -> call(client, shown, "contoso", cast, false, false, "moat-standin-large", prompt));
            }
            calls.add(() -> call(client, shown, "umbrella", cast, true, false, "moat-standin-small", prompt));
            if (round % 4 == 2) {
                calls.add(() -> call(client, shown, "initech", cast, false, false, "moat-standin-small", prompt));
            }
            if (round % 6 == 3) {
                calls.add(() -> callWithKey(client, shown, "stranger", "moat-not-a-real-key-00000000000000000000000000000", prompt));
            }
            List<Thread> threads = calls.stream().map(Thread.ofVirtual()::start).toList();
            for (Thread thread : threads) {
                thread.join();
            }
            round++;
            Thread.sleep(250);
        }
        out.println();
    }

    private void call(DemoClient client, Map<String, Integer> shown, String who, Cast cast, boolean anthropic,
                      boolean stream, String model, String prompt) {
        ObjectNode body = DemoClient.JSON.createObjectNode();
        body.put("model", model).put("max_tokens", 300);
        if (stream) {
            body.put("stream", true);
        }
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        try {
            DemoClient.Reply reply = client.call(cast.keys().get(who), anthropic, body, stream);
            report(shown, who, anthropic, stream, model, reply);
        } catch (IOException | InterruptedException e) {
            out.printf("   %-10s call failed: %s%n", who, e.getMessage());
        }
    }

    private void callWithKey(DemoClient client, Map<String, Integer> shown, String who, String key, String prompt) {
        ObjectNode body = DemoClient.JSON.createObjectNode();
        body.put("model", "moat-standin-small");
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        try {
            report(shown, who, false, false, "moat-standin-small", client.call(key, false, body, false));
        } catch (IOException | InterruptedException e) {
            out.printf("   %-10s call failed: %s%n", who, e.getMessage());
        }
    }

    /** Prints the first few calls of each kind of outcome, so the log shows every decision without flooding. */
    private synchronized void report(Map<String, Integer> shown, String who, boolean anthropic, boolean stream,
                                     String model, DemoClient.Reply reply) {
        String code = reply.status() < 300 ? "ok" : errorCode(reply, anthropic);
        String kind = who + "/" + reply.status() + "/" + code + (reply.status() < 300 ? "/" + anthropic + "/" + stream : "");
        int count = shown.merge(kind, 1, Integer::sum);
        if (count > 2) {
            return;
        }
        String api = anthropic ? "anthropic" : "openai";
        String detail = reply.status() < 300
                ? (stream ? "streamed, first event after " + reply.firstByteMillis() + " ms" : "") + usageOf(reply, anthropic)
                : code + ": " + errorMessage(reply, anthropic);
        out.printf("   %-10s %-9s %-6s %-19s → %d %s%n", who, api, stream ? "stream" : "json", model, reply.status(), detail);
    }

    private static String usageOf(DemoClient.Reply reply, boolean anthropic) {
        if (reply.body().startsWith("data:") || reply.body().startsWith("event:")) {
            return "";
        }
        JsonNode usage = reply.json().path("usage");
        return anthropic
                ? " (" + usage.path("input_tokens").asInt() + " in / " + usage.path("output_tokens").asInt() + " out tokens)"
                : " (" + usage.path("prompt_tokens").asInt() + " in / " + usage.path("completion_tokens").asInt() + " out tokens)";
    }

    private static String errorCode(DemoClient.Reply reply, boolean anthropic) {
        return reply.json().path("error").path("code").asText("error");
    }

    private static String errorMessage(DemoClient.Reply reply, boolean anthropic) {
        return reply.json().path("error").path("message").asText(reply.body());
    }

    private void summary(DemoClient client, Cast cast) throws IOException, InterruptedException {
        out.println("3. What Moat recorded (GET /admin/v1/usage per organisation)");
        out.printf("   %-12s %9s %8s %14s %18s%n", "org", "requests", "denied", "prompt tokens", "completion tokens");
        for (Map.Entry<String, String> org : cast.orgIds().entrySet()) {
            JsonNode usage = client.admin("GET", "/admin/v1/usage?org=" + org.getValue(), null);
            out.printf("   %-12s %9d %8d %14d %18d%n", org.getKey(), usage.get("requests").asLong(), usage.get("denied").asLong(),
                    usage.get("prompt_tokens").asLong(), usage.get("completion_tokens").asLong());
        }
        JsonNode events = client.admin("GET", "/admin/v1/events?limit=1", null).path("events");
        if (!events.isEmpty()) {
            out.println();
            out.println("   The latest usage event, as stored and exported (GET /admin/v1/events):");
            out.println("   " + events.get(0).toString().substring(0, Math.min(400, events.get(0).toString().length())) + " …");
        }
        out.println();
    }

    /**
     * Geo and network data for the demo: {@code data/geo} (see docs/policy.md for the npm command that
     * installs it) or, in a development checkout, the reference copy in ../shared/data/geo.
     */
    private String networkSettings() {
        for (Path dir : List.of(Path.of("data", "geo"), Path.of("..", "shared", "data", "geo"))) {
            Path v4 = dir.resolve("geo-whois-asn-country-ipv4.mmdb");
            if (Files.isReadable(v4)) {
                geoNote = "geo data from " + dir.toAbsolutePath().normalize();
                StringBuilder yaml = new StringBuilder("network:\n  geoip: [" + v4.toAbsolutePath() + "]\n");
                Path vpn = dir.resolve("vpn-ipv4.txt");
                Path hosting = dir.resolve("hosting-ipv4.txt");
                if (Files.isReadable(vpn)) {
                    yaml.append("  vpn: [").append(vpn.toAbsolutePath()).append("]\n");
                }
                if (Files.isReadable(hosting)) {
                    yaml.append("  hosting: [").append(hosting.toAbsolutePath()).append("]\n");
                }
                return yaml.toString();
            }
        }
        geoNote = "no geo data found (data/geo): countries show as 'unknown'; see docs/policy.md to install the free databases";
        return "";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
