package dev.moat.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.detect.UsageEvent;
import dev.moat.detect.UsageEventCodec;
import dev.moat.server.identity.OrgTransition;
import dev.moat.server.identity.Organisation;
import dev.moat.server.observe.GatewayMetrics;
import dev.moat.server.store.UsageStore;
import dev.moat.server.usage.UsageRecorder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener: the organisation and key API under {@code /admin/v1} (bearer token), and the
 * unauthenticated operational endpoints {@code /healthz}, {@code /readyz} and {@code /metrics}.
 * Handlers that touch the database run on worker threads, never on the event loop.
 */
public final class AdminServer {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Who the audit log names for admin API changes: the holder of the admin token. */
    private static final String ADMIN_ACTOR = "admin";

    private final OrgService orgs;
    private final UsageStore usage;
    private final UsageRecorder recorder;
    private final GatewayMetrics metrics;
    private final Optional<String> adminToken;
    private final String adminTokenEnv;
    private final List<Consumer<Router>> extensions = new java.util.ArrayList<>();
    private volatile boolean ready;

    public AdminServer(OrgService orgs, UsageStore usage, UsageRecorder recorder, GatewayMetrics metrics,
                       Optional<String> adminToken, String adminTokenEnv) {
        this.orgs = orgs;
        this.usage = usage;
        this.recorder = recorder;
        this.metrics = metrics;
        this.adminToken = adminToken.filter(token -> !token.isBlank());
        this.adminTokenEnv = adminTokenEnv;
    }

    /** Adds routes (e.g. the transparency log's) before the server starts. */
    public void extend(Consumer<Router> routes) {
        extensions.add(routes);
    }

    public void markReady() {
        ready = true;
    }

    public Future<Integer> listen(Vertx vertx, String host, int port) {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("x-request-id", "adm_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
            ctx.next();
        });
        router.get("/healthz").handler(ctx -> json(ctx, 200, JSON.createObjectNode().put("status", "ok")));
        router.get("/readyz").handler(this::readiness);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));

        router.route("/admin/*").handler(this::authenticate);
        router.route("/admin/*").handler(BodyHandler.create().setBodyLimit(1024 * 1024));
        router.post("/admin/v1/orgs").handler(ctx -> blocking(ctx, 201, () -> {
            Organisation org = orgs.create(body(ctx), ADMIN_ACTOR);
            ObjectNode out = OrgService.toJson(JSON, org);
            return out;
        }));
        router.get("/admin/v1/orgs").handler(ctx -> blocking(ctx, 200, () -> {
            ArrayNode list = JSON.createArrayNode();
            orgs.list(Optional.ofNullable(ctx.request().getParam("status"))).forEach(o -> list.add(OrgService.toJson(JSON, o)));
            return JSON.createObjectNode().set("orgs", list);
        }));
        router.get("/admin/v1/orgs/:id").handler(ctx -> blocking(ctx, 200,
                () -> OrgService.toJson(JSON, orgs.get(ctx.pathParam("id")))));
        router.post("/admin/v1/orgs/:id/keys").handler(ctx -> blocking(ctx, 201, () -> {
            OrgService.CreatedKey created = orgs.createKey(ctx.pathParam("id"), body(ctx), ADMIN_ACTOR);
            ObjectNode out = JSON.createObjectNode();
            out.put("id", created.key().id());
            out.put("key", created.secret());
            out.put("org_id", created.key().orgId());
            out.put("account_id", created.key().accountId());
            out.put("name", created.key().name());
            ArrayNode models = out.putArray("models");
            created.key().models().stream().sorted().forEach(models::add);
            out.set("limits", OrgService.limitsJson(JSON, created.key().limits()));
            return out;
        }));
        router.post("/admin/v1/orgs/:id/:transition").handler(ctx -> blocking(ctx, 200, () -> {
            OrgTransition transition = OrgTransition.parse(ctx.pathParam("transition")).orElseThrow(() ->
                    AdminException.notFound("action " + ctx.pathParam("transition") + " (expected approve, reject, suspend or reinstate)"));
            JsonNode body = body(ctx);
            Optional<String> note = Optional.ofNullable(body.get("note")).map(JsonNode::asText).filter(n -> !n.isBlank());
            return OrgService.toJson(JSON, orgs.transition(ctx.pathParam("id"), transition, note, ADMIN_ACTOR));
        }));
        router.delete("/admin/v1/keys/:id").handler(ctx -> blocking(ctx, 200, () -> {
            var key = orgs.revokeKey(ctx.pathParam("id"), ADMIN_ACTOR);
            return JSON.createObjectNode().put("id", key.id()).put("revoked_at", key.revokedAt().orElseThrow().toString());
        }));
        router.get("/admin/v1/usage").handler(ctx -> blocking(ctx, 200, () -> {
            String org = requiredParam(ctx, "org");
            orgs.get(org);
            flushUsage();
            UsageStore.Totals totals = usage.totals(org);
            return JSON.createObjectNode().put("org", org).put("requests", totals.requests())
                    .put("prompt_tokens", totals.promptTokens()).put("completion_tokens", totals.completionTokens())
                    .put("reasoning_tokens", totals.reasoningTokens()).put("denied", totals.denied());
        }));
        router.get("/admin/v1/events").handler(ctx -> blocking(ctx, 200, () -> {
            Optional<String> org = Optional.ofNullable(ctx.request().getParam("org"));
            int limit = intParam(ctx, "limit", 100, 1, 10_000);
            flushUsage();
            ArrayNode events = JSON.createArrayNode();
            for (UsageEvent event : usage.recent(org, limit)) {
                events.add(JSON.readTree(UsageEventCodec.toJson(event)));
            }
            return JSON.createObjectNode().set("events", events);
        }));
        extensions.forEach(extension -> extension.accept(router));
        router.route("/admin/*").last().handler(ctx -> error(ctx, new AdminException(404, "not_found",
                "There is no admin endpoint " + ctx.request().method() + " " + ctx.request().path())));

        return vertx.createHttpServer(new HttpServerOptions()).requestHandler(router).listen(port, host)
                .map(server -> server.actualPort());
    }

    private void readiness(RoutingContext ctx) {
        if (ready && recorder.hasRoom()) {
            json(ctx, 200, JSON.createObjectNode().put("status", "ready").put("usage_queue_depth", recorder.depth()));
        } else {
            json(ctx, 503, JSON.createObjectNode().put("status", ready ? "overloaded" : "starting")
                    .put("usage_queue_depth", recorder.depth()));
        }
    }

    private void authenticate(RoutingContext ctx) {
        if (adminToken.isEmpty()) {
            error(ctx, new AdminException(503, "admin_disabled",
                    "The admin API is disabled: no admin token is set. Set the environment variable " + adminTokenEnv + " and restart."));
            return;
        }
        String header = ctx.request().getHeader("authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), adminToken.get().getBytes(StandardCharsets.UTF_8))) {
            error(ctx, new AdminException(401, "unauthorized", "Missing or wrong admin token: send 'Authorization: Bearer <"
                    + adminTokenEnv + ">'."));
            return;
        }
        ctx.next();
    }

    private void flushUsage() throws Exception {
        recorder.flush().get(10, TimeUnit.SECONDS);
    }

    static JsonNode body(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                throw AdminException.badRequest("The request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw AdminException.badRequest("The request body is not valid JSON: " + e.getMessage());
        }
    }

    private static String requiredParam(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            throw AdminException.badRequest("query parameter '" + name + "' is required");
        }
        return value;
    }

    private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
        String value = ctx.request().getParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw AdminException.badRequest(name + ": " + n + " (expected " + min + " to " + max + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw AdminException.badRequest(name + ": '" + value + "' is not a number");
        }
    }

    /** Runs {@code work} on a worker thread and answers with its JSON, or with the error it threw. */
    static void blocking(RoutingContext ctx, int status, Callable<JsonNode> work) {
        ctx.vertx().executeBlocking(work, false).onComplete(done -> {
            if (done.succeeded()) {
                json(ctx, status, done.result());
            } else if (done.cause() instanceof AdminException e) {
                error(ctx, e);
            } else {
                LOG.atError().addKeyValue("path", ctx.request().path()).setCause(done.cause()).log("admin request failed");
                error(ctx, new AdminException(500, "internal_error", "The request failed inside Moat: " + done.cause().getMessage()));
            }
        });
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
    }

    private static void error(RoutingContext ctx, AdminException e) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("code", e.code()).put("message", e.getMessage());
        json(ctx, e.status(), root);
    }
}
