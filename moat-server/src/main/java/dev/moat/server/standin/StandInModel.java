package dev.moat.server.standin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Moat's local stand-in for a model API: an HTTP server that speaks OpenAI Chat Completions
 * ({@code POST /v1/chat/completions}), Anthropic Messages ({@code POST /v1/messages}) and
 * {@code GET /v1/models}, in JSON and as server-sent events, with realistic token usage and pacing. It is not a
 * model: its replies say so, and are made up deterministically from the prompt (see {@link StandInTokenizer}
 * for how tokens are counted). The demo points Moat's upstreams at it; integration tests use it as a
 * well-behaved upstream.
 *
 * <p>Everything runs on the Vert.x event loop and nothing blocks it. The methods may be called from any
 * thread.
 */
public final class StandInModel {

    private static final Logger LOG = LoggerFactory.getLogger(StandInModel.class);

    /** Larger bodies get a 413, as from the real APIs; the stand-in never buffers more than this. */
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    private final HttpServer server;
    private final StandInSettings settings;
    private final ReplyDelivery delivery;

    private StandInModel(HttpServer server, StandInSettings settings, ReplyDelivery delivery) {
        this.server = server;
        this.settings = settings;
        this.delivery = delivery;
    }

    /** Starts listening; the future fails when the address cannot be bound. */
    public static Future<StandInModel> start(Vertx vertx, StandInSettings settings) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(settings, "settings");
        ReplyDelivery delivery = new ReplyDelivery(vertx, settings.firstTokenDelay(), settings.chunkDelay());
        Router router = routes(vertx, settings, delivery);
        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(settings.port(), settings.host())
                .map(server -> {
                    LOG.info("Moat stand-in model (not a real model) serving {} on http://{}:{}",
                            settings.models(), settings.host(), server.actualPort());
                    return new StandInModel(server, settings, delivery);
                });
    }

    /** The port it listens on: the configured one, or the one picked when the settings said 0. */
    public int port() {
        return server.actualPort();
    }

    public StandInSettings settings() {
        return settings;
    }

    /** How many streamed responses are still being written (a stream counts until its last frame is sent). */
    public int activeStreams() {
        return delivery.activeStreams();
    }

    /** Stops listening and closes open connections, cutting off any stream still being written. */
    public Future<Void> close() {
        return server.close();
    }

    private static Router routes(Vertx vertx, StandInSettings settings, ReplyDelivery delivery) {
        ApiKeyCheck keyCheck = new ApiKeyCheck(settings.expectedApiKey());
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.post("/v1/chat/completions").handler(new OpenAiChatCompletions(settings.models(), keyCheck, delivery));
        router.post("/v1/messages").handler(new AnthropicMessages(settings.models(), keyCheck, delivery));
        router.get("/v1/models").handler(new ModelList(settings.models(), keyCheck));
        router.route().handler(context -> reject(context, RejectedRequest.unknownRoute(
                context.request().method().name(), context.request().path())));
        router.errorHandler(413, context -> reject(context, RejectedRequest.tooLarge(MAX_BODY_BYTES)));
        router.errorHandler(500, context -> {
            LOG.error("The stand-in model failed on {} {}", context.request().method(), context.request().path(),
                    context.failure());
            reject(context, RejectedRequest.failed("The stand-in model failed; its log has the details."));
        });
        return router;
    }

    /** Answers outside the two endpoints in the shape of the API the path belongs to. */
    private static void reject(RoutingContext context, RejectedRequest rejected) {
        if (context.request().path().startsWith("/v1/messages")) {
            WireResponses.sendJson(context.response(), rejected.status(), WireResponses.ANTHROPIC_REQUEST_ID,
                    WireResponses.anthropicError(rejected));
        } else {
            WireResponses.sendJson(context.response(), rejected.status(), WireResponses.OPENAI_REQUEST_ID,
                    WireResponses.openAiError(rejected));
        }
    }
}
