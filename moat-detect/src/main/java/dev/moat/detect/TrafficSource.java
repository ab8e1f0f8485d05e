package dev.moat.detect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One simulated client — a person, an app's end user, a job, an agent or a harvester — using one key
 * of one organisation. It knows only its own next request time, its random generator and the small
 * state of its content (the current conversation), so millions of events can be generated with
 * memory proportional to the number of clients. The gateway's side of each event (address, status
 * under the key's limit, token counts, latency) is added here.
 */
final class TrafficSource {

    /** The identity a client presents: its organisation, account, key, client library, API and model. */
    record Client(String orgId, String accountId, String keyId, String userAgent, String api, String model) {
    }

    private static final double UPSTREAM_FAILURE_RATE = 0.002;

    private final int index;
    private final long idKey;
    private final Client client;
    private final TrafficOrigin origin;
    private final TrafficCadence cadence;
    private final TrafficContent content;
    private final TrafficKeyLimit limit;
    private final Optional<String> campaignId;
    private final SplittableRandom random;
    private long next;
    private long counter;

    /**
     * @param index      the client's position in the plan; with the seed it makes event ids unique
     * @param campaignId the campaign whose traffic this is, empty for ordinary traffic
     */
    TrafficSource(int index, long seed, Client client, TrafficOrigin origin, TrafficCadence cadence,
                  TrafficContent content, TrafficKeyLimit limit, Optional<String> campaignId, long start) {
        this.index = index;
        this.idKey = mix(seed ^ 0x5eed_1d5L);
        this.client = client;
        this.origin = origin;
        this.cadence = cadence;
        this.content = content;
        this.limit = limit;
        this.campaignId = campaignId;
        this.random = new SplittableRandom(mix(seed * 31 + index));
        this.next = cadence.first(start, random);
    }

    int index() {
        return index;
    }

    /** Epoch millis of the next request, {@link Long#MAX_VALUE} when this client is done. */
    long nextMillis() {
        return next;
    }

    /** The request due at {@link #nextMillis()}, as the gateway would record it; schedules the one after. */
    SimulatedEvent emit() {
        long now = next;
        TrafficExchange exchange = content.next(now, random);
        TrafficOrigin.Address address = origin.pick(random);
        RequestSummary request = exchange.request();
        ResponseSummary response;
        Decision decision;
        long latency;
        if (!limit.admit(now)) {
            response = ResponseSummary.refused(429);
            decision = new Decision("deny", List.of("requests per minute limit of the key reached"),
                    Optional.of("rate_limited"));
            latency = 2 + random.nextInt(6);
        } else if (random.nextDouble() < UPSTREAM_FAILURE_RATE) {
            response = new ResponseSummary(502, Optional.empty(), TrafficText.tokens(request), 0, 0, Optional.empty());
            decision = new Decision("error", List.of("upstream failed"), Optional.empty());
            latency = 1_000 + random.nextInt(29_000);
        } else {
            long completion = exchange.completionTokens();
            boolean truncated = request.maxTokens() > 0 && completion >= request.maxTokens();
            // a stream the client closed is recorded as the gateway records it: 499, no text, no finish reason, the
            // tokens delivered, and the prompt's tokens only where the API reports them before the answer (Anthropic's)
            response = exchange.clientClosed()
                    ? new ResponseSummary(499, Optional.empty(),
                    client.api().equals("anthropic") ? TrafficText.tokens(request) : 0, completion,
                    exchange.reasoningTokens(), Optional.empty())
                    : new ResponseSummary(200, exchange.responseText(), TrafficText.tokens(request), completion,
                    exchange.reasoningTokens(), Optional.of(truncated ? "length" : "stop"));
            decision = Decision.ALLOW;
            double perToken = 8 + 8 * random.nextDouble();
            latency = (long) (180 + random.nextInt(250) + (completion + exchange.reasoningTokens()) * perToken);
        }
        String id = "evt_" + String.format("%016x", mix(idKey ^ (((long) index << 32) | counter++)));
        UsageEvent event = new UsageEvent(id, Instant.ofEpochMilli(now), client.orgId(), client.accountId(),
                client.keyId(), address.ip(), address.country(), address.network(), client.userAgent(), client.api(),
                client.model(), request, response, decision, latency);
        next = cadence.following(now, exchange.continues(), random);
        if (next <= now) {
            next = now + 1;
        }
        return new SimulatedEvent(event, campaignId);
    }

    /** SplitMix64's finaliser: a bijection on longs, so distinct inputs give distinct, opaque ids. */
    static long mix(long value) {
        long z = value + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
