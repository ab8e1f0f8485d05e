package dev.moat.server.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.detect.Decision;
import dev.moat.server.config.MoatConfig;
import dev.moat.server.identity.ApiKey;
import dev.moat.server.identity.Organisation;
import dev.moat.server.limit.RateLimiter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * One client request on its way through the stages: what is known about it so far. Stages fill it
 * in order (authenticate sets the key and organisation, parse sets the facts, limit sets the
 * reservation); each stage may rely on what the stages before it set.
 */
public final class Call {

    final String requestId;
    final long startNanos = System.nanoTime();
    final Instant startedAt = Instant.now();
    final ApiDialect dialect;
    final MultiMap headers;
    final String clientIp;
    /** The body as the client sent it; forwarded as it is unless a stage changed the parsed body. */
    final Buffer rawBody;

    ApiKey key;
    Organisation org;
    /** The body's tree, built by {@link #body()} for the first stage that edits the body; most requests never need it. */
    private ObjectNode body;
    RequestFacts facts;
    MoatConfig.Upstream upstream;
    RateLimiter.Reservation reservation;
    Decision decision = Decision.ALLOW;
    String country = "unknown";
    /** The detector throttles the organisation: its requests go under the throttle limits, shared by all its keys. */
    boolean throttled;
    /** The detector throttles this key alone: its requests go under the throttle limits of the key. */
    boolean keyThrottled;
    /** Set when a stage edited the parsed body; otherwise the client's bytes go upstream as they came. */
    boolean bodyChanged;
    java.util.List<String> guardReasons = java.util.List.of();
    /** The guard's reading of the prompt, handed on to the detector so the prompt is scanned once. */
    java.util.Optional<dev.moat.detect.PromptReading> promptReading = java.util.Optional.empty();
    String network = "unknown";

    Call(String requestId, ApiDialect dialect, MultiMap headers, String clientIp, Buffer rawBody) {
        this.requestId = requestId;
        this.dialect = dialect;
        this.headers = headers;
        this.clientIp = clientIp;
        this.rawBody = rawBody;
    }

    public String requestId() {
        return requestId;
    }

    public ApiDialect dialect() {
        return dialect;
    }

    public MultiMap headers() {
        return headers;
    }

    public String clientIp() {
        return clientIp;
    }

    public Optional<ApiKey> key() {
        return Optional.ofNullable(key);
    }

    public Optional<Organisation> org() {
        return Optional.ofNullable(org);
    }

    public Optional<RequestFacts> facts() {
        return Optional.ofNullable(facts);
    }

    public String country() {
        return country;
    }

    public String network() {
        return network;
    }

    public Decision decision() {
        return decision;
    }

    /**
     * The body as a tree, to be edited (then set {@link #bodyChanged}). Built from {@link #rawBody} on first use; the
     * parse stage has already read the same bytes as an object, so this fails only if they could not be read again.
     */
    ObjectNode body() {
        if (body == null) {
            try {
                body = (ObjectNode) ApiDialect.readTree(rawBody);
            } catch (JsonProcessingException e) {
                throw new GatewayException(StreamedRequest.invalidJson(e));
            } catch (IOException e) {
                throw new GatewayException(GatewayError.badRequest("The request body could not be read: " + e.getMessage()));
            }
        }
        return body;
    }

    public String userAgent() {
        String agent = headers.get("user-agent");
        return agent == null ? "" : agent;
    }
}
