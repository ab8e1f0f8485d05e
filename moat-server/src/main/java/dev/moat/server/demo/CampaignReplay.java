package dev.moat.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.detect.OrgProfile;
import dev.moat.detect.PromptSource;
import dev.moat.detect.ScenarioCatalog;
import dev.moat.detect.SimulatedEvent;
import dev.moat.detect.SimulatedOrg;
import dev.moat.detect.Simulation;
import dev.moat.detect.SimulationSettings;
import dev.moat.detect.Simulator;
import dev.moat.detect.UsageEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's second act: the simulator's {@code demo} scenario — a few ordinary customers, a hydra of
 * 60 small accounts harvesting one capability with shared templates and payment details, and a key
 * used from a restricted country through a VPN — onboarded through the admin API and replayed as
 * real client requests through the gateway, time-compressed. The gateway stamps its own time, so
 * a simulated day arrives in about a minute.
 */
final class CampaignReplay {

    private final DemoClient client;
    private final PrintStream out;
    private final AtomicBoolean stopping;

    CampaignReplay(DemoClient client, PrintStream out, AtomicBoolean stopping) {
        this.client = client;
        this.out = out;
        this.stopping = stopping;
    }

    /** What happened to one group of organisations (the campaign, or the ordinary customers). */
    private static final class Tally {
        final AtomicLong served = new AtomicLong();
        final AtomicLong servedBeforeAction = new AtomicLong();
        final Map<Integer, AtomicLong> refused = new ConcurrentHashMap<>();
        volatile boolean actioned;

        void count(int status) {
            if (status < 300) {
                served.incrementAndGet();
                if (!actioned) {
                    servedBeforeAction.incrementAndGet();
                }
            } else {
                refused.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                if (status == 403 || status == 429) {
                    actioned = true;
                }
            }
        }
    }

    void run(Duration budget) throws IOException, InterruptedException {
        Simulation simulation = new Simulator(PromptSource.bundled())
                .run(ScenarioCatalog.named("demo"), SimulationSettings.of(7, Instant.parse("2026-11-01T00:00:00Z")));
        out.println("4. A distillation campaign and a restricted jurisdiction, replayed through the gateway");
        out.printf("   %d organisations from the simulator's 'demo' scenario are onboarded; their traffic (a simulated day) is sent%n",
                simulation.orgs().size());
        out.println("   as real requests, compressed into about a minute. Among them: a hydra of 60 small accounts sharing");
        out.println("   templates and payment details, and a vetted key used from a restricted country through a VPN.");
        Map<String, String> keyOf = new HashMap<>();
        Map<String, Boolean> campaignOrg = new HashMap<>();
        Map<String, String> realOrg = new HashMap<>();
        for (SimulatedOrg org : simulation.orgs()) {
            String id = onboard(org.profile());
            realOrg.put(org.orgId(), id);
            campaignOrg.put(org.orgId(), org.campaignId().isPresent());
            keyOf.put(org.orgId(), client.admin("POST", "/admin/v1/orgs/" + id + "/keys",
                    Map.of("name", "replay", "models", java.util.List.of("*"))).get("key").asText());
        }
        Tally campaign = new Tally();
        Tally ordinary = new Tally();
        Semaphore inFlight = new Semaphore(24);
        long deadline = System.nanoTime() + budget.toNanos();
        long sent = 0;
        long nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (simulation.hasNext() && System.nanoTime() < deadline && !stopping.get()) {
            SimulatedEvent simulated = simulation.next();
            UsageEvent event = simulated.event();
            String key = keyOf.get(event.orgId());
            if (key == null) {
                continue;
            }
            Tally tally = campaignOrg.getOrDefault(event.orgId(), false) ? campaign : ordinary;
            inFlight.acquire();
            Thread.ofVirtual().start(() -> {
                try {
                    tally.count(send(key, event));
                } catch (IOException | InterruptedException e) {
                    tally.count(599);
                } finally {
                    inFlight.release();
                }
            });
            sent++;
            if (System.nanoTime() > nextReport) {
                out.printf("   … %,d requests sent; campaign: %,d served, refused %s; ordinary customers: %,d served, refused %s%n",
                        sent, campaign.served.get(), counts(campaign), ordinary.served.get(), counts(ordinary));
                nextReport += Duration.ofSeconds(10).toNanos();
            }
        }
        inFlight.acquire(24);
        out.printf("   Replay done: %,d requests.%n", sent);
        out.printf("   campaign accounts: %,d served (%,d before Moat first throttled or refused them), refused %s%n",
                campaign.served.get(), campaign.servedBeforeAction.get(), counts(campaign));
        out.printf("   ordinary customers: %,d served, refused %s%n", ordinary.served.get(), counts(ordinary));
        out.println();
        printAlerts(realOrg, campaignOrg);
    }

    private String onboard(OrgProfile profile) throws IOException, InterruptedException {
        ObjectNode body = DemoClient.JSON.createObjectNode();
        body.put("name", "Simulated " + profile.orgId());
        body.put("country", profile.country().filter(c -> c.length() == 2).orElse("US"));
        body.put("tier", profile.tier().orElse("self-serve"));
        profile.emailDomain().ifPresent(domain -> body.put("contact_email", "admin@" + domain));
        profile.paymentFingerprint().ifPresent(fingerprint -> body.put("payment_fingerprint", fingerprint));
        profile.signupIp().ifPresent(ip -> body.put("signup_ip", ip));
        JsonNode created = client.admin("POST", "/admin/v1/orgs", body);
        String id = created.get("id").asText();
        if (!created.get("status").asText().equals("approved")) {
            client.admin("POST", "/admin/v1/orgs/" + id + "/approve", Map.of("note", "demo onboarding"));
        }
        return id;
    }

    /** Sends the simulated request as the client's SDK would, from the simulated address (the demo trusts its own proxy). */
    private int send(String key, UsageEvent event) throws IOException, InterruptedException {
        boolean anthropic = event.api().equals("anthropic");
        ObjectNode body = DemoClient.JSON.createObjectNode();
        body.put("model", "moat-standin-small");
        // the budget the simulated client asked for: what a harvester asks for is part of what gives it away (the
        // stand-in's replies keep their natural length whatever the budget, so the replay stays quick)
        body.put("max_tokens", event.request().maxTokens() > 0 ? event.request().maxTokens() : 256);
        ArrayNode messages = body.putArray("messages");
        event.request().system().ifPresent(system -> {
            if (anthropic) {
                body.put("system", system);
            } else {
                messages.addObject().put("role", "system").put("content", system);
            }
        });
        if (event.request().messages().isEmpty()) {
            messages.addObject().put("role", "user").put("content", "(content not retained)");
        }
        for (UsageEvent.Message message : event.request().messages()) {
            messages.addObject().put("role", message.role().equals("assistant") ? "assistant" : "user").put("content", message.content());
        }
        if (!anthropic) {
            if (event.request().logprobs()) {
                body.put("logprobs", true);
                body.put("top_logprobs", Math.min(event.request().topLogprobs(), 20));
            }
            if (event.request().logitBiasSize() > 0) {
                ObjectNode bias = body.putObject("logit_bias");
                for (int i = 0; i < event.request().logitBiasSize(); i++) {
                    bias.put(Integer.toString(1000 + i), 5);
                }
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-forwarded-for", event.ip());
        headers.put("user-agent", event.userAgent());
        return client.call(key, anthropic, body, false, headers).status();
    }

    private void printAlerts(Map<String, String> realOrg, Map<String, Boolean> campaignOrg) throws IOException, InterruptedException {
        Map<String, String> simulatedOf = new HashMap<>();
        realOrg.forEach((simulated, real) -> simulatedOf.put(real, simulated));
        JsonNode alerts = client.admin("GET", "/admin/v1/alerts?limit=2000", null).path("alerts");
        out.printf("5. Alerts raised (GET /admin/v1/alerts): %d%n", alerts.size());
        // One line per kind of alert (its first occurrence), with how many there were: a cluster's verdict reaches
        // every member organisation, and ten identical lines would say less than one with its count.
        Map<String, JsonNode> firstOfKind = new LinkedHashMap<>();
        Map<String, Integer> countOfKind = new HashMap<>();
        Map<String, Boolean> campaignOfKind = new HashMap<>();
        long campaignAlerts = 0;
        long ordinaryAlerts = 0;
        for (int i = alerts.size() - 1; i >= 0; i--) {
            JsonNode alert = alerts.get(i);
            boolean fromCampaign = campaignOrg.getOrDefault(simulatedOf.getOrDefault(alert.path("org").asText(), ""), false);
            if (fromCampaign) {
                campaignAlerts++;
            } else {
                ordinaryAlerts++;
            }
            String kind = (fromCampaign ? "campaign/" : "ordinary/") + alert.path("source").asText() + "/"
                    + alert.path("kind").asText() + "/" + alert.path("action").asText();
            firstOfKind.putIfAbsent(kind, alert);
            campaignOfKind.putIfAbsent(kind, fromCampaign);
            countOfKind.merge(kind, 1, Integer::sum);
        }
        firstOfKind.forEach((kind, alert) -> out.printf("   [%s] %-18s %-24s risk %.2f → %-10s %4d×  %s%n",
                campaignOfKind.get(kind) ? "campaign" : "ordinary", alert.path("source").asText(),
                alert.path("kind").asText(), alert.path("risk").asDouble(), alert.path("action").asText(),
                countOfKind.get(kind), truncate(alert.path("summary").asText(), 100)));
        out.printf("   %d alerts about campaign organisations, %d about ordinary ones (the ground truth comes from the simulator).%n",
                campaignAlerts, ordinaryAlerts);
        out.println();
    }

    private static String counts(Tally tally) {
        return tally.refused.isEmpty() ? "none" : new java.util.TreeMap<>(tally.refused).toString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
