package dev.moat.detect;

import java.time.Instant;
import java.util.Objects;

/**
 * One request through the gateway, as recorded, exported and analysed: who asked (organisation,
 * account, key), from where (ip, country, network class), what was asked and answered, and what the
 * gateway decided. The JSON form is the public event format of ARCHITECTURE.md, written and read by
 * {@link UsageEventCodec}.
 *
 * <p>Content (system prompt, messages, response text) may be absent when retention is off; every
 * consumer must work on what is there.
 */
public record UsageEvent(
        String id,
        Instant ts,
        String orgId,
        String accountId,
        String keyId,
        String ip,
        String country,
        String network,
        String userAgent,
        String api,
        String model,
        RequestSummary request,
        ResponseSummary response,
        Decision decision,
        long latencyMs) {

    public UsageEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ts, "ts");
        orgId = orEmpty(orgId);
        accountId = orEmpty(accountId);
        keyId = orEmpty(keyId);
        ip = orEmpty(ip);
        country = country == null || country.isEmpty() ? "unknown" : country;
        network = network == null || network.isEmpty() ? "unknown" : network;
        userAgent = orEmpty(userAgent);
        api = orEmpty(api);
        model = orEmpty(model);
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(decision, "decision");
    }

    /** The same event without prompt or response text: what is kept once retention has expired. */
    public UsageEvent withoutContent() {
        return new UsageEvent(id, ts, orgId, accountId, keyId, ip, country, network, userAgent, api, model,
                request.withoutContent(), response.withoutContent(), decision, latencyMs);
    }

    /** The event's text: system prompt, conversation and response. */
    public EventContent content() {
        return new EventContent(request.system(), request.messages(), response.text());
    }

    /** The same event carrying {@code content} in place of whatever text it had. */
    public UsageEvent withContent(EventContent content) {
        return new UsageEvent(id, ts, orgId, accountId, keyId, ip, country, network, userAgent, api, model,
                request.withContent(content.system(), content.messages()), response.withText(content.text()),
                decision, latencyMs);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A chat message of the request; {@code content} is the text of all its text parts. */
    public record Message(String role, String content) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }
}
