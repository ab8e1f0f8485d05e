package dev.moat.server.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.detect.Decision;
import dev.moat.detect.UsageEvent;
import dev.moat.policy.ClientAddressResolver;
import dev.moat.policy.IpAddress;
import dev.moat.server.config.MoatConfig;
import dev.moat.server.identity.ApiKey;
import dev.moat.server.limit.RateLimiter;
import dev.moat.server.observe.GatewayMetrics;
import dev.moat.server.upstream.UpstreamClients;
import dev.moat.server.usage.UsageRecorder;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: the OpenAI- and Anthropic-compatible endpoints clients call.
 *
 * <p>A call is read (bounded by {@code max_body_bytes}), passed through the {@link Stage}s in order
 * (authenticate, parse, admit, limit, …), forwarded by the {@link UpstreamForwarder}, and finished
 * exactly once: the limit reservation is settled to the actual usage, one usage event is recorded,
 * and metrics are counted. Every response carries {@code x-request-id}. Everything here runs on
 * event loops and reads in-memory state only.
 */
public final class GatewayServer {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final MoatConfig config;
    private final List<Stage> stages;
    private final RateLimiter limiter;
    private final UsageRecorder recorder;
    private final GatewayMetrics metrics;
    private final UpstreamForwarder forwarder;
    private final dev.moat.server.identity.Directory directory;
    private final ClientAddressResolver clientAddresses;

    public GatewayServer(MoatConfig config, List<Stage> stages, RateLimiter limiter, UsageRecorder recorder,
                         GatewayMetrics metrics, UpstreamClients clients, dev.moat.server.identity.Directory directory) {
        this.clientAddresses = ClientAddressResolver.fromSettings(config.trustedProxies());
        this.config = config;
        this.stages = List.copyOf(stages);
        this.limiter = limiter;
        this.recorder = recorder;
        this.metrics = metrics;
        this.forwarder = new UpstreamForwarder(clients);
        this.directory = directory;
    }

    /**
     * Listens on {@code address} with {@code instances} servers (one per event loop) sharing one
     * socket, returning the bound port. Port 0 means a free port chosen now.
     */
    public Future<Integer> listen(Vertx vertx, MoatConfig.HostPort address, int instances) {
        int port = address.port();
        if (port == 0) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(address.host()))) {
                port = probe.getLocalPort();
            } catch (java.io.IOException e) {
                return Future.failedFuture(e);
            }
        }
        return deploy(vertx, address.host(), port, instances);
    }

    private Future<Integer> deploy(Vertx vertx, String host, int port, int instances) {
        int[] bound = {port};
        return vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                // No WebSocket compression: Moat serves no WebSockets, and with it on, Netty's extension handler
                // inspects every request and response (5 % of the event loop at saturation, measured).
                HttpServerOptions options = new HttpServerOptions().setTcpNoDelay(true).setCompressionSupported(false)
                        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
                return vertx.createHttpServer(options).requestHandler(GatewayServer.this::handle).listen(port, host)
                        .onSuccess(server -> bound[0] = server.actualPort());
            }
        }, new DeploymentOptions().setInstances(instances)).map(id -> bound[0]);
    }

    void handle(HttpServerRequest request) {
        String requestId = newRequestId();
        HttpServerResponse response = request.response();
        response.putHeader("x-request-id", requestId);
        String path = request.path();
        ApiDialect dialect = path.equals("/v1/messages") ? AnthropicDialect.INSTANCE : OpenAiDialect.INSTANCE;
        boolean known = path.equals("/v1/chat/completions") || path.equals("/v1/messages");
        if (path.equals("/v1/models")) {
            listModels(request, response);
            return;
        }
        if (!known) {
            sendError(response, dialect, new GatewayError(404, "not_found", "There is no endpoint " + path
                    + ". Moat serves POST /v1/chat/completions, POST /v1/messages and GET /v1/models."));
            return;
        }
        if (request.method() != HttpMethod.POST) {
            response.putHeader("allow", "POST");
            sendError(response, dialect, new GatewayError(405, "method_not_allowed", path + " accepts POST only."));
            return;
        }
        if (!recorder.tryAdmit()) {
            metrics.request(path, 503, "", "", Duration.ZERO, 0, 0, 0);
            sendError(response, dialect, new GatewayError(503, "overloaded",
                    "The gateway is overloaded (usage recording is behind). Retry shortly.", Optional.of(1L)));
            return;
        }
        readBody(request, dialect, requestId);
    }

    private void readBody(HttpServerRequest request, ApiDialect dialect, String requestId) {
        long max = config.gateway().maxBodyBytes();
        String declared = request.getHeader("content-length");
        if (declared != null && parseLength(declared) > max) {
            refuseTooLarge(request, dialect, requestId, max);
            return;
        }
        // Vert.x hands each chunk over in a heap buffer of its own (copied out of Netty's pooled one), so a body
        // that comes in one chunk — the usual case — is used as it came, without a second buffer and copy; a later
        // chunk is appended to it.
        Buffer[] body = {null};
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            body[0] = body[0] == null ? chunk : body[0].appendBuffer(chunk);
            if (body[0].length() > max) {
                refused[0] = true;
                refuseTooLarge(request, dialect, requestId, max);
            }
        });
        request.endHandler(ended -> {
            if (!refused[0]) {
                run(new Call(requestId, dialect, request.headers(), clientIp(request), body[0] == null ? Buffer.buffer() : body[0]),
                        request.response());
            }
        });
        request.exceptionHandler(error -> {
            if (!refused[0]) {
                refused[0] = true;
                Call call = new Call(requestId, dialect, request.headers(), "", Buffer.buffer());
                finish(call, request.response(), CallOutcome.failed(GatewayError.badRequest(
                        "The request body could not be read: " + error.getMessage()), null, "client_body"));
            }
        });
    }

    /** The client's address: the peer, or the right-most untrusted X-Forwarded-For entry behind trusted proxies. */
    private String clientIp(HttpServerRequest request) {
        if (request.remoteAddress() == null) {
            return "";
        }
        String peer = request.remoteAddress().hostAddress();
        List<String> forwarded = request.headers().getAll("x-forwarded-for");
        if (forwarded.isEmpty()) {
            return peer;
        }
        return IpAddress.parse(peer).map(address -> clientAddresses.resolve(address, forwarded).toString()).orElse(peer);
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void refuseTooLarge(HttpServerRequest request, ApiDialect dialect, String requestId, long max) {
        Call call = new Call(requestId, dialect, request.headers(), clientIp(request), Buffer.buffer());
        boolean http1 = request.version() != io.vertx.core.http.HttpVersion.HTTP_2;
        if (http1) {
            request.response().putHeader("connection", "close");
        }
        finish(call, request.response(), CallOutcome.failed(new GatewayError(413, "request_too_large",
                "The request body is larger than this gateway's limit of " + max + " bytes."), null, "too_large"));
        // The rest of the body is not read. Over HTTP/1.1 closing the connection is the only way to stop
        // it; over HTTP/2 the stream is reset and the connection lives on.
        if (http1) {
            request.connection().close();
        } else {
            request.response().reset();
        }
    }

    private void run(Call call, HttpServerResponse response) {
        for (Stage stage : stages) {
            Optional<GatewayError> refusal;
            try {
                refusal = stage.apply(call);
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("request_id", call.requestId).addKeyValue("stage", stage.getClass().getSimpleName())
                        .setCause(e).log("stage failed; refusing the request (fail closed)");
                refusal = Optional.of(new GatewayError(500, "internal_error",
                        "The gateway could not decide on this request. It was not forwarded. Request id: " + call.requestId));
            }
            if (refusal.isPresent()) {
                GatewayError error = refusal.get();
                if (error.status() == 403 || error.status() == 429 || error.status() == 401) {
                    call.decision = new Decision("deny", List.of(error.message()), Optional.of(error.code()));
                }
                finish(call, response, CallOutcome.failed(error, null, "refused"));
                return;
            }
        }
        try {
            forwarder.forward(call, response, outcome -> finish(call, response, outcome));
        } catch (RuntimeException e) {
            // Every admitted call must end with a response and its usage event, whatever failed.
            LOG.atError().addKeyValue("request_id", call.requestId).setCause(e).log("forwarding failed before the upstream was called");
            finish(call, response, CallOutcome.failed(new GatewayError(500, "internal_error",
                    "The gateway failed to forward this request. Request id: " + call.requestId), null, "internal"));
        }
    }

    private void finish(Call call, HttpServerResponse response, CallOutcome outcome) {
        if (outcome.error().isPresent() && !response.headWritten() && !response.closed()) {
            sendError(response, call.dialect, outcome.error().get());
        }
        ResponseTally tally = outcome.tally() == null ? new ResponseTally() : outcome.tally();
        if (call.reservation != null) {
            long prompt = tally.usageReported() ? tally.promptTokens() : call.facts.estimatedPromptTokens();
            long used = outcome.status() < 300 || tally.completionTokens() > 0 ? prompt + tally.completionTokens() : 0;
            limiter.settle(call.reservation, used);
        }
        Decision decision = call.decision;
        if (outcome.error().isPresent() && !decision.denied() && outcome.status() >= 500) {
            decision = new Decision("error", List.of(outcome.error().get().message()), Optional.of(outcome.error().get().code()));
        } else if (outcome.error().isPresent() && !decision.denied() && outcome.status() < 500 && outcome.status() != 499) {
            decision = new Decision("deny", List.of(outcome.error().get().message()), Optional.of(outcome.error().get().code()));
        }
        if (!call.guardReasons.isEmpty() && !decision.denied()) {
            List<String> reasons = new java.util.ArrayList<>(decision.reasons());
            reasons.addAll(call.guardReasons);
            decision = new Decision(decision.action(), reasons, decision.code());
        }
        UsageEvent event = UsageEvents.of(call, outcome.status(), tally, decision, call.country, call.network);
        recorder.record(event, call.promptReading);
        String model = event.model();
        String org = event.orgId();
        metrics.request(call.dialect.path(), outcome.status(), model, org, Duration.ofNanos(System.nanoTime() - call.startNanos),
                event.response().promptTokens(), event.response().completionTokens(), event.response().reasoningTokens());
        outcome.failureKind().filter(kind -> call.upstream != null && !kind.equals("refused") && !kind.equals("client_closed"))
                .ifPresent(kind -> metrics.upstreamError(call.upstream.name(), kind));
        LOG.atInfo().addKeyValue("request_id", call.requestId).addKeyValue("org", org).addKeyValue("key", event.keyId())
                .addKeyValue("model", model).addKeyValue("status", outcome.status())
                .addKeyValue("prompt_tokens", event.response().promptTokens())
                .addKeyValue("completion_tokens", event.response().completionTokens())
                .addKeyValue("latency_ms", event.latencyMs()).log("request");
    }

    private void sendError(HttpServerResponse response, ApiDialect dialect, GatewayError error) {
        response.setStatusCode(error.status());
        response.putHeader("content-type", "application/json");
        error.retryAfter().ifPresent(seconds -> response.putHeader("retry-after", Long.toString(seconds)));
        response.end(dialect.errorBody(error));
    }

    private void listModels(HttpServerRequest request, HttpServerResponse response) {
        boolean anthropic = request.getHeader("anthropic-version") != null;
        ApiDialect dialect = anthropic ? AnthropicDialect.INSTANCE : OpenAiDialect.INSTANCE;
        Call call = new Call("", dialect, request.headers(), "", Buffer.buffer());
        Optional<GatewayError> refused = new AuthenticateStage(directory).apply(call);
        if (refused.isPresent()) {
            sendError(response, dialect, refused.get());
            return;
        }
        ApiKey key = call.key;
        ObjectNode root = ApiDialect.JSON.createObjectNode();
        ArrayNode data = ApiDialect.JSON.createArrayNode();
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (MoatConfig.Upstream upstream : config.upstreams()) {
            for (String model : upstream.models()) {
                if (!key.entitledTo(model) || !listed.add(model)) {
                    continue;
                }
                ObjectNode entry = data.addObject();
                if (anthropic) {
                    entry.put("type", "model").put("id", model).put("display_name", model)
                            .put("created_at", "1970-01-01T00:00:00Z");
                } else {
                    entry.put("id", model).put("object", "model").put("created", 0).put("owned_by", upstream.name());
                }
            }
        }
        if (anthropic) {
            root.set("data", data);
            root.put("has_more", false);
            root.put("first_id", data.isEmpty() ? null : data.get(0).get("id").asText());
            root.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id").asText());
        } else {
            root.put("object", "list");
            root.set("data", data);
        }
        response.putHeader("content-type", "application/json").end(root.toString());
    }

    /**
     * {@code req_} + the time in milliseconds (base 36) + 64 random bits. Time first, so request ids — and
     * the event ids made from them — arrive in nearly ascending order: the store's unique indexes on them
     * then grow at their right edge instead of splitting pages all over the tree (it showed in the usage
     * writer's time).
     */
    static String newRequestId() {
        StringBuilder id = new StringBuilder(28).append("req_");
        appendUnsignedBase36(id, System.currentTimeMillis());
        appendUnsignedBase36(id, ThreadLocalRandom.current().nextLong());
        return id.toString();
    }

    /**
     * Appends {@code value}, read as unsigned, in base 36 — what {@link Long#toUnsignedString(long, int)} gives, without
     * the {@code BigInteger} that method builds for every value with its top bit set (half of all random ids; it showed
     * as 3 % of the event loop's samples).
     */
    static void appendUnsignedBase36(StringBuilder out, long value) {
        char[] digits = new char[13]; // 2^64 - 1 has 13 digits in base 36
        int at = digits.length;
        long rest = Long.divideUnsigned(value, 36);
        digits[--at] = Character.forDigit((int) Long.remainderUnsigned(value, 36), 36);
        while (rest > 0) { // now below 2^63: signed arithmetic is exact
            digits[--at] = Character.forDigit((int) (rest % 36), 36);
            rest /= 36;
        }
        out.append(digits, at, digits.length - at);
    }
}
